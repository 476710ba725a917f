import { useQueryClient } from '@tanstack/react-query';
import { Button, Form, Input } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useNavigate } from 'react-router-dom';
import { authApi } from '../api';
import { ErrorAlert } from '../components/error-alert';
import { NewPasswordFields } from '../components/new-password-fields';
import { showFieldError, useErrorText } from '../error-text';
import { useSignIn } from '../session';
import { AuthShell } from './auth-shell';

interface Values {
  email: string;
  displayName?: string;
  password: string;
  confirm: string;
}

const FIELDS = [['email'], ['displayName'], ['password']] as const;

/** First start: create the first platform administrator, who is then signed in. */
export function SetupPage() {
  const { t } = useTranslation();
  const { message } = useErrorText();
  const [form] = Form.useForm<Values>();
  const signIn = useSignIn();
  const navigate = useNavigate();
  const queryClient = useQueryClient();
  const [error, setError] = useState<unknown>(null);
  const [busy, setBusy] = useState(false);

  const submit = async (values: Values) => {
    setError(null);
    setBusy(true);
    try {
      const session = await authApi.setup({
        email: values.email.trim(),
        password: values.password,
        displayName: values.displayName?.trim() || undefined,
      });
      queryClient.setQueryData(['setup'], false);
      signIn(session);
      navigate('/organizations', { replace: true });
    } catch (failure) {
      if (!showFieldError(form, failure, FIELDS, message(failure))) setError(failure);
    } finally {
      setBusy(false);
    }
  };

  return (
    <AuthShell title={t('setup.title')} intro={t('setup.intro')}>
      <Form<Values> form={form} name="setup" layout="vertical" onFinish={submit} requiredMark={false}>
        <ErrorAlert error={error} />
        <Form.Item name="email" label={t('field.email')} rules={[{ required: true, type: 'email', message: t('form.email') }]}>
          <Input autoComplete="username" type="email" autoFocus />
        </Form.Item>
        <Form.Item name="displayName" label={t('field.displayName')}>
          <Input autoComplete="name" maxLength={100} />
        </Form.Item>
        <NewPasswordFields name="password" label={t('login.password')} />
        <Button type="primary" htmlType="submit" block loading={busy} size="large">
          {t('setup.submit')}
        </Button>
      </Form>
    </AuthShell>
  );
}
