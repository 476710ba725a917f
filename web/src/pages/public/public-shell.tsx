/** The frame of the public help pages: a light top bar, one narrow column, plain links (../../public-frame.tsx). */
import type { ReactNode } from 'react';
import { Link } from 'react-router-dom';
import { LanguageSwitcher } from '../../layout/language-switcher';
import { EmergencyNumbers as Emergency, type FrameClasses, PublicFrame } from '../../public-frame';

const CLASSES: FrameClasses = {
  page: 'public-page',
  topbar: 'public-topbar',
  brand: 'brand',
  brandMark: 'brand-mark',
  brandName: 'brand-name',
  main: 'public-main',
  footer: 'public-footer',
  footerLinks: 'public-footer-links',
  emergency: 'public-emergency',
  emergencyNote: 'public-emergency-note',
};

export function PublicShell({ children }: { children: ReactNode }) {
  return (
    <PublicFrame classes={CLASSES} link={Link} switcher={<LanguageSwitcher tone="light" />} homeLabel="aria-label">
      {children}
    </PublicFrame>
  );
}

/** The numbers to call when a life is in danger: always first. */
export function EmergencyNumbers() {
  return <Emergency classes={CLASSES} />;
}
