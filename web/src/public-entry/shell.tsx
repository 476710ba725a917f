/** The frame of the public pages: a light top bar, one narrow column, plain links (../public-frame.tsx). */
import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { useErrorText } from '../error-text';
import { EmergencyNumbers as Emergency, type FrameClasses, PublicFrame } from '../public-frame';
import { currentLanguage, LANGUAGE_NAMES, LANGUAGES, setLanguage } from './i18n';
import { Link } from './router';

function LanguageSwitcher() {
  const { t } = useTranslation();
  const current = currentLanguage();
  return (
    <fieldset className="pp-languages" data-testid="language-switcher">
      <legend className="sr-only">{t('language.label')}</legend>
      {LANGUAGES.map((language) => (
        <button
          key={language}
          type="button"
          lang={language}
          aria-pressed={language === current}
          onClick={() => setLanguage(language)}
        >
          {LANGUAGE_NAMES[language]}
        </button>
      ))}
    </fieldset>
  );
}

const CLASSES: FrameClasses = {
  page: 'pp-page',
  topbar: 'pp-topbar',
  brand: 'pp-brand',
  brandMark: 'pp-brand-mark',
  main: 'pp-main',
  footer: 'pp-footer',
  footerLinks: 'pp-footer-links',
  emergency: 'pp-emergency',
  emergencyNote: 'pp-small',
};

export function PublicShell({ children, home, brand }: { children: ReactNode; home?: string; brand?: string }) {
  return (
    <PublicFrame classes={CLASSES} link={Link} switcher={<LanguageSwitcher />} home={home} brand={brand} homeLabel="title">
      {children}
    </PublicFrame>
  );
}

/** The numbers to call when a life is in danger: always first. */
export function EmergencyNumbers() {
  return <Emergency classes={CLASSES} />;
}

/** A notice in a coloured box: `alert` for failures (read out at once), `status` for the rest. */
export function Notice({
  tone,
  children,
  testId,
  onClose,
}: {
  tone: 'error' | 'warning' | 'success' | 'info';
  children: ReactNode;
  testId?: string;
  onClose?: () => void;
}) {
  const { t } = useTranslation();
  return (
    <div className={`pp-notice pp-notice-${tone}`} role={tone === 'error' ? 'alert' : 'status'} data-testid={testId}>
      <div className="pp-notice-body">{children}</div>
      {onClose ? (
        <button type="button" className="pp-notice-close" onClick={onClose} aria-label={t('common.cancel')}>
          ×
        </button>
      ) : null}
    </div>
  );
}

/** An API error in the reader's language, with the field it names. */
export function ErrorNotice({ error, onClose }: { error: unknown; onClose?: () => void }) {
  const { full } = useErrorText();
  if (!error) return null;
  return (
    <Notice tone="error" testId="error-alert" onClose={onClose}>
      {full(error)}
    </Notice>
  );
}

/** Something is on its way. */
export function Loading() {
  const { t } = useTranslation();
  return (
    <p className="pp-loading" role="status">
      {t('common.loading')}
    </p>
  );
}
