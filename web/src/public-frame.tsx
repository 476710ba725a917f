/**
 * The frame of the public pages, drawn by both public shells: the coordinators' app's
 * (web/src/pages/public/public-shell.tsx, with Ant Design) and the light public pages'
 * (web/src/public-entry/shell.tsx, without). The brand that leads home, the footer's links
 * and the emergency numbers are written here once, in plain React and i18n, so the light
 * pages' first load stays small; each shell brings its own link (its router's), language
 * switcher and class names (its stylesheet's).
 */
import type { ComponentType, ReactNode } from 'react';
import { useTranslation } from 'react-i18next';

/** The class names a shell's stylesheet gives the frame. */
export interface FrameClasses {
  page: string;
  topbar: string;
  brand: string;
  brandMark: string;
  brandName?: string;
  main: string;
  footer: string;
  footerLinks: string;
  emergency: string;
  emergencyNote: string;
}

/** A link within a shell's own routing. */
export type FrameLink = ComponentType<{
  to: string;
  className?: string;
  title?: string;
  'aria-label'?: string;
  children: ReactNode;
}>;

/** The footer's links: the public pages, and the way in for staff. */
const FOOTER_LINKS = [
  { to: '/report', label: 'public.reportLink' },
  { to: '/receipt', label: 'public.receiptLink' },
  { to: '/give', label: 'public.giveLink' },
  { to: '/transparency', label: 'public.transparencyLink' },
  { to: '/login', label: 'public.staffLogin' },
] as const;

export function PublicFrame({
  classes,
  link: Link,
  switcher,
  home = '/report',
  brand,
  homeLabel,
  children,
}: {
  classes: FrameClasses;
  link: FrameLink;
  switcher: ReactNode;
  home?: string;
  brand?: string;
  /** How the brand link names the home page: as a tooltip beside its visible name, or as its accessible name. */
  homeLabel: 'title' | 'aria-label';
  children: ReactNode;
}) {
  const { t } = useTranslation();
  return (
    <div className={classes.page}>
      <header className={classes.topbar}>
        <Link to={home} className={classes.brand} {...{ [homeLabel]: t('public.home') }}>
          <span className={classes.brandMark} aria-hidden="true">
            协
          </span>
          <span className={classes.brandName}>{brand ?? t('public.brand')}</span>
        </Link>
        {switcher}
      </header>
      <main className={classes.main}>{children}</main>
      <footer className={classes.footer}>
        <nav aria-label={t('public.footerNav')} className={classes.footerLinks}>
          {FOOTER_LINKS.map(({ to, label }) => (
            <Link key={to} to={to}>
              {t(label)}
            </Link>
          ))}
        </nav>
        <div>{t('app.footer')}</div>
      </footer>
    </div>
  );
}

/** The numbers to call when a life is in danger: always first. */
export function EmergencyNumbers({ classes }: { classes: Pick<FrameClasses, 'emergency' | 'emergencyNote'> }) {
  const { t } = useTranslation();
  return (
    <aside className={classes.emergency} aria-label={t('public.emergencyLabel')}>
      <strong>{t('public.emergencyTitle')}</strong> <a href="tel:110">110</a> · <a href="tel:119">119</a> ·{' '}
      <a href="tel:120">120</a>
      <div className={classes.emergencyNote}>{t('public.emergencyNote')}</div>
    </aside>
  );
}
