/**
 * The open door of the network (开放化): anyone may apply for an organization to join,
 * without an account. Built for phones first: one column, large touch targets.
 */
import { CheckCircleFilled } from '@ant-design/icons';
import { Button, Card, Checkbox, Form, Input, Radio, Typography } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router-dom';
import { ORGANIZATION_KINDS, type OrganizationKind } from '../../../src/model/organization';
import { type FunctionCell, SERVICE_CATEGORIES, type ServiceCategory } from '../../../src/model/taxonomy';
import { ApiError, applicationApi } from '../api';
import { ErrorAlert } from '../components/error-alert';
import { FunctionMapGrid } from '../components/function-map-grid';
import { JurisdictionListPicker } from '../components/jurisdiction-list-picker';
import { fieldSegments, showFieldError, useErrorText } from '../error-text';
import { useDateTime } from '../format';
import { LanguageSwitcher } from '../layout/language-switcher';
import { useSessionQuery } from '../session';
import type { ApplicationInput, ApplicationReceipt } from '../types';

type ApplicantKind = Exclude<OrganizationKind, 'government_agency'>;
const APPLICANT_KINDS = ORGANIZATION_KINDS.filter((kind): kind is ApplicantKind => kind !== 'government_agency');

interface Values {
  organization: {
    kind?: ApplicantKind;
    name: string;
    nameEn?: string;
    creditCode?: string;
    supervisingAgency?: string;
    jurisdictions: string[];
    capabilities: { cells: FunctionCell[]; serviceCategories: ServiceCategory[] };
  };
  contact: { name: string; phone: string; email?: string };
}

const FIELDS = [
  ['organization', 'kind'],
  ['organization', 'name'],
  ['organization', 'nameEn'],
  ['organization', 'creditCode'],
  ['organization', 'supervisingAgency'],
  ['organization', 'jurisdictions'],
  ['organization', 'capabilities', 'cells'],
  ['organization', 'capabilities', 'serviceCategories'],
  ['contact', 'name'],
  ['contact', 'phone'],
  ['contact', 'email'],
] as const;

const INITIAL: Values = {
  organization: { name: '', jurisdictions: [], capabilities: { cells: [], serviceCategories: [] } },
  contact: { name: '', phone: '' },
};

// The server's rule (src/services/membership/applications.ts): a mainland mobile number, or
// a landline with its area code.
const PHONE = /^(1[3-9]\d{9}|0\d{2,3}-?\d{7,8})$/;
const compactPhone = (phone: string) => phone.replace(/[\s()]/g, '');

const text = (value: string | undefined): string | null => {
  const trimmed = value?.trim() ?? '';
  return trimmed === '' ? null : trimmed;
};

function toInput(values: Values): ApplicationInput {
  const o = values.organization;
  return {
    organization: {
      kind: o.kind as ApplicantKind,
      name: o.name.trim(),
      nameEn: text(o.nameEn),
      creditCode: text(o.creditCode)?.toUpperCase() ?? null,
      supervisingAgency: text(o.supervisingAgency),
      jurisdictions: o.jurisdictions,
      capabilities: o.capabilities,
    },
    contact: {
      name: values.contact.name.trim(),
      phone: compactPhone(values.contact.phone),
      email: text(values.contact.email),
    },
  };
}

/** The organization's own checks name its fields without the "organization/" the form has. */
function locate(error: unknown): unknown {
  if (!(error instanceof ApiError) || !error.field) return error;
  const [first] = fieldSegments(error.field);
  if (first === 'organization' || first === 'contact') return error;
  return new ApiError(error.status, error.code, { field: `organization/${error.field}`, detail: error.detail });
}

function JoinShell({ children }: { children: React.ReactNode }) {
  const { t } = useTranslation();
  return (
    <div className="join-page">
      <header className="join-topbar">
        <Link to="/login" className="brand" aria-label={t('app.fullName')}>
          <span className="brand-mark" aria-hidden="true">
            协
          </span>
          <span className="brand-name">{t('app.name')}</span>
          <span className="brand-latin" lang="en">
            CoRespond
          </span>
        </Link>
        <LanguageSwitcher tone="light" />
      </header>
      <main className="join-main">{children}</main>
      <footer className="join-footer">{t('app.footer')}</footer>
    </div>
  );
}

function Receipt({ receipt, name, onAgain }: { receipt: ApplicationReceipt; name: string; onAgain: () => void }) {
  const { t } = useTranslation();
  const dateTime = useDateTime();
  return (
    <Card className="join-card join-receipt" data-testid="join-receipt">
      <div className="join-receipt-head">
        <CheckCircleFilled className="join-receipt-icon" aria-hidden="true" />
        <Typography.Title level={1} className="join-title">
          {t('join.receipt.title')}
        </Typography.Title>
        <Typography.Paragraph type="secondary">{t('join.receipt.body', { name })}</Typography.Paragraph>
      </div>
      <dl className="join-receipt-facts">
        <dt>{t('join.receipt.id')}</dt>
        <dd>
          <Typography.Text copyable className="code-text" data-testid="application-id">
            {receipt.id}
          </Typography.Text>
        </dd>
        <dt>{t('join.receipt.submittedAt')}</dt>
        <dd>{dateTime(receipt.createdAt)}</dd>
        <dt>{t('join.receipt.status')}</dt>
        <dd>{t('membership.status.under_review')}</dd>
      </dl>
      <Typography.Paragraph type="secondary" className="small">
        {t('join.receipt.keepId')}
      </Typography.Paragraph>
      <Typography.Title level={2} className="section-title">
        {t('join.receipt.next')}
      </Typography.Title>
      <ol className="join-steps">
        <li>{t('join.receipt.step1')}</li>
        <li>{t('join.receipt.step2')}</li>
        <li>{t('join.receipt.step3')}</li>
      </ol>
      <div className="join-actions">
        <Button size="large" block onClick={onAgain}>
          {t('join.receipt.again')}
        </Button>
        <Link to="/login" className="join-login-link">
          {t('join.receipt.toLogin')}
        </Link>
      </div>
    </Card>
  );
}

export function JoinPage() {
  const { t } = useTranslation();
  const { message } = useErrorText();
  // A signed-in visitor's session brings the CSRF token its cookie needs on POST.
  useSessionQuery();
  const [form] = Form.useForm<Values>();
  const [error, setError] = useState<unknown>(null);
  const [busy, setBusy] = useState(false);
  const [receipt, setReceipt] = useState<{ receipt: ApplicationReceipt; name: string } | null>(null);

  const submit = async (values: Values) => {
    setError(null);
    setBusy(true);
    try {
      const input = toInput(values);
      const answer = await applicationApi.submit(input);
      setReceipt({ receipt: answer, name: input.organization.name });
      form.resetFields();
      window.scrollTo({ top: 0 });
    } catch (failure) {
      const located = locate(failure);
      const field = located instanceof ApiError && located.field ? fieldSegments(located.field) : [];
      const words = field[field.length - 1] === 'phone' ? t('join.phoneInvalid') : message(located);
      if (!showFieldError(form, located, FIELDS, words)) setError(located);
    } finally {
      setBusy(false);
    }
  };

  if (receipt) {
    return (
      <JoinShell>
        <Receipt receipt={receipt.receipt} name={receipt.name} onAgain={() => setReceipt(null)} />
      </JoinShell>
    );
  }

  const required = { required: true, whitespace: true, message: t('form.required') };
  return (
    <JoinShell>
      <div className="join-intro">
        <Typography.Title level={1} className="join-title">
          {t('join.title')}
        </Typography.Title>
        <Typography.Paragraph className="join-lead">{t('join.intro')}</Typography.Paragraph>
      </div>
      <Form<Values>
        form={form}
        name="join"
        layout="vertical"
        size="large"
        initialValues={INITIAL}
        onFinish={submit}
        scrollToFirstError={{ block: 'center' }}
        requiredMark
        className="join-form"
      >
        <ErrorAlert error={error} onClose={() => setError(null)} />
        <Card title={t('join.sections.organization')} className="join-card">
          <Form.Item
            name={['organization', 'kind']}
            label={t('field.kind')}
            rules={[{ required: true, message: t('join.kindRequired') }]}
          >
            <Radio.Group className="join-kinds">
              {APPLICANT_KINDS.map((kind) => (
                <Radio key={kind} value={kind} className="join-kind">
                  <span className="join-kind-name">{t(`kind.${kind}`)}</span>
                  <span className="join-kind-hint">{t(`join.kindHint.${kind}`)}</span>
                </Radio>
              ))}
            </Radio.Group>
          </Form.Item>
          <Form.Item name={['organization', 'name']} label={t('field.name')} rules={[required]}>
            <Input maxLength={200} autoComplete="organization" />
          </Form.Item>
          <Form.Item name={['organization', 'nameEn']} label={t('join.nameEnOptional')}>
            <Input maxLength={200} lang="en" />
          </Form.Item>
          <Form.Item name={['organization', 'creditCode']} label={t('field.creditCode')} extra={t('organization.creditCodeHint')}>
            <Input maxLength={18} className="code-input" autoComplete="off" autoCapitalize="characters" spellCheck={false} />
          </Form.Item>
          <Form.Item
            name={['organization', 'supervisingAgency']}
            label={t('join.supervisingAgencyOptional')}
            extra={t('join.supervisingAgencyHint')}
          >
            <Input maxLength={200} />
          </Form.Item>
        </Card>

        <Card title={t('join.sections.area')} className="join-card">
          <Form.Item
            name={['organization', 'jurisdictions']}
            label={t('field.jurisdictions')}
            extra={t('join.homeHint')}
            rules={[{ required: true, type: 'array', min: 1, message: t('organization.jurisdictionsRequired') }]}
          >
            <JurisdictionListPicker firstLabel={t('join.homeTag')} />
          </Form.Item>
        </Card>

        <Card title={t('join.sections.capabilities')} className="join-card">
          <Typography.Paragraph type="secondary" className="small">
            {t('join.capabilitiesIntro')}
          </Typography.Paragraph>
          <Form.Item name={['organization', 'capabilities', 'cells']} label={t('field.cells')}>
            <FunctionMapGrid editable />
          </Form.Item>
          <Form.Item name={['organization', 'capabilities', 'serviceCategories']} label={t('field.serviceCategories')}>
            <Checkbox.Group className="join-categories">
              {SERVICE_CATEGORIES.map((category) => (
                <Checkbox key={category} value={category} className="join-category">
                  {t(`category.${category}`)}
                </Checkbox>
              ))}
            </Checkbox.Group>
          </Form.Item>
        </Card>

        <Card title={t('join.sections.contact')} className="join-card">
          <Typography.Paragraph type="secondary" className="small">
            {t('join.contactIntro')}
          </Typography.Paragraph>
          <Form.Item name={['contact', 'name']} label={t('join.contactName')} rules={[required]}>
            <Input maxLength={50} autoComplete="name" />
          </Form.Item>
          <Form.Item
            name={['contact', 'phone']}
            label={t('join.phone')}
            extra={t('join.phoneHint')}
            rules={[
              required,
              {
                validator: async (_, value: string | undefined) => {
                  if (value?.trim() && !PHONE.test(compactPhone(value))) throw new Error(t('join.phoneInvalid'));
                },
              },
            ]}
          >
            <Input type="tel" inputMode="tel" maxLength={30} autoComplete="tel" />
          </Form.Item>
          <Form.Item
            name={['contact', 'email']}
            label={t('join.emailOptional')}
            rules={[{ type: 'email', message: t('form.email') }]}
          >
            <Input type="email" inputMode="email" maxLength={254} autoComplete="email" />
          </Form.Item>
        </Card>

        <div className="join-submit">
          <Typography.Paragraph type="secondary" className="small">
            {t('join.consent')}
          </Typography.Paragraph>
          <Button type="primary" htmlType="submit" size="large" block loading={busy} data-testid="join-submit">
            {t('join.submit')}
          </Button>
          <Link to="/login" className="join-login-link">
            {t('join.haveAccount')}
          </Link>
        </div>
      </Form>
    </JoinShell>
  );
}
