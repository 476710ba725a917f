/** The frame of the public pages: a light top bar, one narrow column, plain links. */
import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { useErrorText } from '../error-text';
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

export function PublicShell({ children, home = '/report', brand }: { children: ReactNode; home?: string; brand?: string }) {
  const { t } = useTranslation();
  return (
    <div className="pp-page">
      <header className="pp-topbar">
        <Link to={home} className="pp-brand" title={t('public.home')}>
          <span className="pp-brand-mark" aria-hidden="true">
            协
          </span>
          <span>{brand ?? t('public.brand')}</span>
        </Link>
        <LanguageSwitcher />
      </header>
      <main className="pp-main">{children}</main>
      <footer className="pp-footer">
        <nav aria-label={t('public.footerNav')} className="pp-footer-links">
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
    <aside className="pp-emergency" aria-label={t('public.emergencyLabel')}>
      <strong>{t('public.emergencyTitle')}</strong> <a href="tel:110">110</a> · <a href="tel:119">119</a> ·{' '}
      <a href="tel:120">120</a>
      <div className="pp-small">{t('public.emergencyNote')}</div>
    </aside>
  );
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
