import { Typography } from 'antd';
import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { LanguageSwitcher } from '../layout/language-switcher';

/** The frame of the pages shown before sign-in: brand panel and one form card. */
export function AuthShell({
  title,
  intro,
  wide = false,
  children,
}: {
  title: string;
  intro?: ReactNode;
  /** A wider card, for a table rather than a form. */
  wide?: boolean;
  children: ReactNode;
}) {
  const { t } = useTranslation();
  return (
    <div className="auth-page">
      <div className="auth-topbar">
        <LanguageSwitcher tone="light" />
      </div>
      <main className="auth-main">
        <section className="auth-brand" aria-hidden="false">
          <div className="brand-mark large" aria-hidden="true">
            协
          </div>
          <div className="auth-brand-name">{t('app.fullName')}</div>
          <p className="auth-brand-tagline">{t('app.tagline')}</p>
          <ul className="auth-brand-points">
            <li>{t('login.point1')}</li>
            <li>{t('login.point2')}</li>
            <li>{t('login.point3')}</li>
          </ul>
        </section>
        <section className={wide ? 'auth-card auth-card-wide' : 'auth-card'}>
          <Typography.Title level={1} className="auth-title">
            {title}
          </Typography.Title>
          {intro ? <Typography.Paragraph type="secondary">{intro}</Typography.Paragraph> : null}
          {children}
        </section>
      </main>
      <footer className="auth-footer">{t('app.footer')}</footer>
    </div>
  );
}
