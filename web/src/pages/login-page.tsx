import { LockOutlined, MailOutlined } from '@ant-design/icons';
import { Button, Form, Input } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, Navigate, useLocation, useNavigate } from 'react-router-dom';
import { authApi } from '../api';
import { ErrorAlert } from '../components/error-alert';
import { useSessionQuery, useSignIn } from '../session';
import { AuthShell } from './auth-shell';

interface Values {
  email: string;
  password: string;
}

/** Where to go after signing in: the page that sent us here, else the directory. */
function useReturnPath(): string {
  const location = useLocation();
  const from = (location.state as { from?: string } | null)?.from;
  return from?.startsWith('/') && !from.startsWith('/login') ? from : '/organizations';
}

export function LoginPage() {
  const { t } = useTranslation();
  const session = useSessionQuery();
  const signIn = useSignIn();
  const navigate = useNavigate();
  const returnPath = useReturnPath();
  const [error, setError] = useState<unknown>(null);
  const [busy, setBusy] = useState(false);

  if (session.data) return <Navigate to={returnPath} replace />;

  const submit = async (values: Values) => {
    setError(null);
    setBusy(true);
    try {
      signIn(await authApi.login({ email: values.email.trim(), password: values.password }));
      navigate(returnPath, { replace: true });
    } catch (failure) {
      setError(failure);
    } finally {
      setBusy(false);
    }
  };

  return (
    <AuthShell title={t('login.title')} intro={t('login.intro')}>
      <Form<Values> name="login" layout="vertical" onFinish={submit} requiredMark={false} size="large">
        <ErrorAlert error={error} />
        <Form.Item name="email" label={t('login.email')} rules={[{ required: true, message: t('login.emailRequired') }]}>
          <Input
            prefix={<MailOutlined aria-hidden="true" />}
            placeholder={t('login.email')}
            autoComplete="username"
            type="email"
            autoFocus
          />
        </Form.Item>
        <Form.Item name="password" label={t('login.password')} rules={[{ required: true, message: t('login.passwordRequired') }]}>
          <Input.Password
            prefix={<LockOutlined aria-hidden="true" />}
            placeholder={t('login.password')}
            autoComplete="current-password"
          />
        </Form.Item>
        <Button type="primary" htmlType="submit" block loading={busy} data-testid="login-submit">
          {t('login.submit')}
        </Button>
      </Form>
      <div className="auth-join">
        <span className="muted">{t('login.noAccount')}</span>
        <Link to="/join" data-testid="join-link">
          {t('join.link')}
        </Link>
      </div>
      <div className="auth-public-help">
        <span className="muted">{t('login.needHelp')}</span>
        <Link to="/report" data-testid="public-help-link">
          {t('public.reportLink')}
        </Link>
        <Link to="/receipt">{t('public.receiptLink')}</Link>
      </div>
    </AuthShell>
  );
}
