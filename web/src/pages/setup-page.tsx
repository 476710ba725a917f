import { CheckCircleOutlined } from '@ant-design/icons';
import { useQueryClient } from '@tanstack/react-query';
import { Alert, Button, Checkbox, Form, Input, Table, Tag, Typography } from 'antd';
import type { ColumnsType } from 'antd/es/table';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useNavigate } from 'react-router-dom';
import { authApi } from '../api';
import { ErrorAlert } from '../components/error-alert';
import { JurisdictionName } from '../components/jurisdiction-name';
import { NewPasswordFields } from '../components/new-password-fields';
import { showFieldError, useErrorText } from '../error-text';
import { useSignIn } from '../session';
import type { DemoAccount, SetupAnswer } from '../types';
import { AuthShell } from './auth-shell';

interface Values {
  email: string;
  displayName?: string;
  password: string;
  confirm: string;
  loadDemo?: boolean;
}

const FIELDS = [['email'], ['displayName'], ['password']] as const;

/** After setting up with the demo network: its accounts, to try each role. */
function DemoAccounts({ demo, onEnter }: { demo: NonNullable<SetupAnswer['demo']>; onEnter: () => void }) {
  const { t } = useTranslation();
  const columns: ColumnsType<DemoAccount> = [
    {
      title: t('field.role'),
      key: 'role',
      width: 130,
      render: (_, account) => <Tag color="blue">{t(`role.${account.role}`)}</Tag>,
    },
    {
      title: t('field.email'),
      key: 'email',
      render: (_, account) => (
        <Typography.Text copyable className="code-text" data-testid="demo-email">
          {account.email}
        </Typography.Text>
      ),
    },
    {
      title: t('field.password'),
      key: 'password',
      render: (_, account) => (
        <Typography.Text copyable className="code-text">
          {account.password}
        </Typography.Text>
      ),
    },
    {
      title: t('setup.demo.placement'),
      key: 'placement',
      render: (_, account) =>
        account.organization ? (
          account.organization
        ) : account.jurisdiction ? (
          <JurisdictionName code={account.jurisdiction} />
        ) : (
          <span className="muted">{t('setup.demo.everywhere')}</span>
        ),
    },
  ];
  return (
    <div className="demo-result" data-testid="demo-result">
      <div className="demo-result-head">
        <CheckCircleOutlined className="demo-result-icon" aria-hidden="true" />
        <Typography.Paragraph>{t('setup.demo.loaded', { count: demo.organizations })}</Typography.Paragraph>
      </div>
      <Table<DemoAccount>
        rowKey="email"
        size="small"
        columns={columns}
        dataSource={demo.accounts}
        pagination={false}
        scroll={{ x: 720 }}
        className="demo-accounts"
        data-testid="demo-accounts"
      />
      <Alert type="warning" showIcon className="demo-warning" title={t('setup.demo.warning')} />
      <Button type="primary" size="large" block onClick={onEnter} data-testid="enter-platform">
        {t('setup.demo.enter')}
      </Button>
    </div>
  );
}

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
  const [demo, setDemo] = useState<SetupAnswer['demo']>(null);
  const loadDemo = Form.useWatch('loadDemo', form);

  // Only now does the setup gate send this page away.
  const enter = () => {
    queryClient.setQueryData(['setup'], false);
    navigate('/organizations', { replace: true });
  };

  const submit = async (values: Values) => {
    setError(null);
    setBusy(true);
    try {
      const answer = await authApi.setup({
        email: values.email.trim(),
        password: values.password,
        displayName: values.displayName?.trim() || undefined,
        loadDemo: values.loadDemo || undefined,
      });
      signIn(answer);
      if (answer.demo) setDemo(answer.demo);
      else enter();
    } catch (failure) {
      if (!showFieldError(form, failure, FIELDS, message(failure))) setError(failure);
    } finally {
      setBusy(false);
    }
  };

  if (demo) {
    return (
      <AuthShell title={t('setup.demo.title')} intro={t('setup.demo.intro')} wide>
        <DemoAccounts demo={demo} onEnter={enter} />
      </AuthShell>
    );
  }

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
        <Form.Item name="loadDemo" valuePropName="checked" extra={t('setup.loadDemoHint')} className="setup-demo">
          <Checkbox data-testid="load-demo">{t('setup.loadDemo')}</Checkbox>
        </Form.Item>
        <Button type="primary" htmlType="submit" block loading={busy} size="large">
          {busy && loadDemo ? t('setup.loadingDemo') : t('setup.submit')}
        </Button>
      </Form>
    </AuthShell>
  );
}
