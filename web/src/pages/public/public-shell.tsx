/** The frame of the public help pages: a light top bar, one narrow column, plain links. */
import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router-dom';
import { LanguageSwitcher } from '../../layout/language-switcher';

export function PublicShell({ children }: { children: ReactNode }) {
  const { t } = useTranslation();
  return (
    <div className="public-page">
      <header className="public-topbar">
        <Link to="/report" className="brand" aria-label={t('public.home')}>
          <span className="brand-mark" aria-hidden="true">
            协
          </span>
          <span className="brand-name">{t('public.brand')}</span>
        </Link>
        <LanguageSwitcher tone="light" />
      </header>
      <main className="public-main">{children}</main>
      <footer className="public-footer">
        <nav aria-label={t('public.footerNav')} className="public-footer-links">
          <Link to="/report">{t('public.reportLink')}</Link>
          <Link to="/receipt">{t('public.receiptLink')}</Link>
          <Link to="/give">{t('public.giveLink')}</Link>
          <Link to="/transparency">{t('public.transparencyLink')}</Link>
          <Link to="/login">{t('public.staffLogin')}</Link>
        </nav>
        <div>{t('app.footer')}</div>
      </footer>
    </div>
  );
}

/** The numbers to call when a life is in danger: always first. */
export function EmergencyNumbers() {
  const { t } = useTranslation();
  return (
    <aside className="public-emergency" aria-label={t('public.emergencyLabel')}>
      <strong>{t('public.emergencyTitle')}</strong> <a href="tel:110">110</a> · <a href="tel:119">119</a> ·{' '}
      <a href="tel:120">120</a>
      <div className="public-emergency-note">{t('public.emergencyNote')}</div>
    </aside>
  );
}
