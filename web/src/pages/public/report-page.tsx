/**
 * 公众求助: anyone, on a phone, without an account, asks for help in an open incident and gets
 * a receipt code to follow it. Light on purpose: plain lists and big touch targets first, and
 * the form sends an Idempotency-Key kept for this form so a retried submit never doubles.
 */
import { AimOutlined, RightOutlined } from '@ant-design/icons';
import { Alert, Button, Checkbox, Form, Input, InputNumber, Radio, Spin, Typography } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useNavigate, useParams } from 'react-router-dom';
import { URGENCIES, VULNERABLE_GROUPS } from '../../../../src/model/need';
import { publicApi } from '../../api';
import { ErrorAlert } from '../../components/error-alert';
import { JurisdictionCascader } from '../../components/jurisdiction-cascader';
import { useMyLocation } from '../../components/my-location';
import { showFieldError, useErrorText } from '../../error-text';
import { useSessionQuery } from '../../session';
import type { ServiceCategory, Urgency, VulnerableGroup } from '../../types';
import { compactPhone, formKey, IncidentLine, PHONE, usePublicIncidents } from './public-parts';
import { EmergencyNumbers, PublicShell } from './public-shell';

/** What people most often ask for; the rest of the categories are for coordinators. */
const PUBLIC_CATEGORIES: ServiceCategory[] = [
  'search_rescue',
  'emergency_medical',
  'shelter',
  'food',
  'water_sanitation',
  'logistics_transport',
  'psychosocial',
  'protection',
];

interface Values {
  title: string;
  category?: ServiceCategory;
  quantity: number;
  unit?: string;
  jurisdiction?: string | null;
  lat?: number | null;
  lon?: number | null;
  address?: string;
  urgency: Urgency;
  vulnerableGroups: VulnerableGroup[];
  contactPhone: string;
  contactName?: string;
}

const FIELDS = [
  ['title'],
  ['category'],
  ['quantity'],
  ['unit'],
  ['jurisdiction'],
  ['lat'],
  ['lon'],
  ['address'],
  ['urgency'],
  ['vulnerableGroups'],
  ['contactPhone'],
  ['contactName'],
] as const;

/** /report: the open incidents to ask for help in. */
export function ReportStartPage() {
  const { t } = useTranslation();
  const incidents = usePublicIncidents();
  const items = incidents.data ?? [];
  return (
    <PublicShell>
      <Typography.Title level={1} className="public-title">
        {t('public.reportTitle')}
      </Typography.Title>
      <p className="public-lead">{t('public.reportIntro')}</p>
      <EmergencyNumbers />
      <h2 className="public-subtitle">{t('public.chooseIncident')}</h2>
      <ErrorAlert error={incidents.error} />
      {incidents.isPending ? (
        <Spin />
      ) : items.length === 0 ? (
        <p className="public-empty">{t('public.noIncidents')}</p>
      ) : (
        <ul className="public-incidents" data-testid="public-incidents">
          {items.map((incident) => (
            <li key={incident.id}>
              <Link to={`/report/${encodeURIComponent(incident.id)}`} className="public-incident">
                <span className="public-incident-name">{incident.name}</span>
                <IncidentLine incident={incident} />
                <RightOutlined className="public-incident-arrow" aria-hidden="true" />
              </Link>
            </li>
          ))}
        </ul>
      )}
      <p className="public-receipt-link">
        {t('public.haveCode')} <Link to="/receipt">{t('public.receiptLink')}</Link>
      </p>
      <p className="public-receipt-link">
        {t('public.wantToGive')} <Link to="/give">{t('public.giveLink')}</Link>
      </p>
    </PublicShell>
  );
}

/** /report/:incidentId: the form. */
export function ReportFormPage() {
  const { t } = useTranslation();
  const { incidentId = '' } = useParams();
  const navigate = useNavigate();
  const { message } = useErrorText();
  // A signed-in visitor's cookie needs the CSRF token its session brings.
  useSessionQuery();
  const incidents = usePublicIncidents();
  const incident = incidents.data?.find((i) => i.id === incidentId);
  const [form] = Form.useForm<Values>();
  const [error, setError] = useState<unknown>(null);
  const [busy, setBusy] = useState(false);
  const [located, setLocated] = useState<number | null>(null);
  const { locate, locating, problem, supported } = useMyLocation();

  const fillMyLocation = async () => {
    const position = await locate();
    if (position) {
      form.setFieldsValue({ lat: position.lat, lon: position.lon });
      setLocated(position.accuracy);
    }
  };

  const submit = async (values: Values) => {
    if (!values.category || !values.jurisdiction || values.lat == null || values.lon == null) return;
    setError(null);
    setBusy(true);
    const idempotency = formKey(incidentId);
    try {
      const answer = await publicApi.report(
        {
          incidentId,
          title: values.title.trim(),
          category: values.category,
          quantity: values.quantity,
          unit: values.unit?.trim() || undefined,
          jurisdiction: values.jurisdiction,
          lat: values.lat,
          lon: values.lon,
          coordSystem: 'wgs84',
          address: values.address?.trim() || null,
          urgency: values.urgency,
          vulnerableGroups: values.vulnerableGroups,
          contactPhone: compactPhone(values.contactPhone),
          contactName: values.contactName?.trim() || null,
        },
        idempotency.key,
      );
      idempotency.done();
      navigate(`/receipt/${encodeURIComponent(answer.receiptCode)}`, { state: { fresh: true } });
    } catch (failure) {
      if (!showFieldError(form, failure, FIELDS, message(failure))) setError(failure);
      window.scrollTo({ top: 0 });
    } finally {
      setBusy(false);
    }
  };

  if (incidents.isPending) {
    return (
      <PublicShell>
        <Spin />
      </PublicShell>
    );
  }
  if (!incident) {
    return (
      <PublicShell>
        <Alert type="warning" showIcon title={t('public.incidentGone')} />
        <p className="public-receipt-link">
          <Link to="/report">{t('public.backToIncidents')}</Link>
        </p>
      </PublicShell>
    );
  }

  const required = { required: true, message: t('form.required') };
  return (
    <PublicShell>
      <p className="public-back">
        <Link to="/report">← {t('public.backToIncidents')}</Link>
      </p>
      <Typography.Title level={1} className="public-title">
        {t('public.formTitle')}
      </Typography.Title>
      <p className="public-lead">
        <span className="strong">{incident.name}</span> <IncidentLine incident={incident} />
      </p>
      <EmergencyNumbers />
      <Form<Values>
        form={form}
        name="public-report"
        layout="vertical"
        size="large"
        requiredMark
        scrollToFirstError={{ block: 'center' }}
        initialValues={{
          quantity: 1,
          unit: t('public.unitDefault'),
          urgency: 'high',
          vulnerableGroups: [],
          jurisdiction: incident.jurisdictions.length === 1 ? incident.jurisdictions[0] : undefined,
        }}
        onFinish={submit}
        className="public-form"
      >
        <ErrorAlert error={error} onClose={() => setError(null)} />
        <section className="public-section">
          <Form.Item name="title" label={t('public.what')} rules={[{ ...required, whitespace: true }]}>
            <Input.TextArea maxLength={200} autoSize={{ minRows: 2, maxRows: 4 }} placeholder={t('public.whatPlaceholder')} />
          </Form.Item>
          <Form.Item name="category" label={t('public.kindOfHelp')} rules={[{ required: true, message: t('public.chooseOne') }]}>
            <Radio.Group className="public-tiles">
              {PUBLIC_CATEGORIES.map((category) => (
                <Radio key={category} value={category} className="public-tile">
                  {t(`category.${category}`)}
                </Radio>
              ))}
            </Radio.Group>
          </Form.Item>
          <div className="public-row">
            <Form.Item name="quantity" label={t('public.howMany')} rules={[required]}>
              <InputNumber min={1} max={1_000_000} precision={0} inputMode="numeric" className="full-width" />
            </Form.Item>
            <Form.Item name="unit" label={t('public.unit')}>
              <Input maxLength={20} placeholder={t('public.unitPlaceholder')} />
            </Form.Item>
          </div>
          <Form.Item name="urgency" label={t('public.urgency')}>
            <Radio.Group className="public-tiles public-tiles-4">
              {URGENCIES.map((urgency) => (
                <Radio key={urgency} value={urgency} className={`public-tile public-urgency-${urgency}`}>
                  {t(`need.urgency.${urgency}`)}
                </Radio>
              ))}
            </Radio.Group>
          </Form.Item>
          <Form.Item name="vulnerableGroups" label={t('public.vulnerable')} extra={t('public.vulnerableHint')}>
            <Checkbox.Group className="public-tiles">
              {VULNERABLE_GROUPS.map((group) => (
                <Checkbox key={group} value={group} className="public-tile">
                  {t(`need.vulnerable.${group}`)}
                </Checkbox>
              ))}
            </Checkbox.Group>
          </Form.Item>
        </section>

        <section className="public-section">
          <h2 className="public-subtitle">{t('public.where')}</h2>
          <Form.Item name="jurisdiction" label={t('public.area')} rules={[required]}>
            <JurisdictionCascader placeholder={t('public.areaPlaceholder')} />
          </Form.Item>
          <Button
            block
            icon={<AimOutlined />}
            onClick={() => void fillMyLocation()}
            loading={locating}
            disabled={!supported}
            className="public-locate"
            data-testid="use-my-location"
          >
            {t('location.useMine')}
          </Button>
          {located !== null ? (
            <p className="public-located" role="status">
              {t('public.located', { metres: located })}
            </p>
          ) : null}
          {problem ? <Alert type="warning" showIcon title={problem} className="form-alert top-gap" /> : null}
          <p className="muted small public-manual">{t('public.manualHint')}</p>
          <div className="public-row">
            <Form.Item name="lat" label={t('field.lat')} rules={[{ required: true, message: t('public.needPlace') }]}>
              <InputNumber min={-90} max={90} step={0.0001} inputMode="decimal" className="full-width" />
            </Form.Item>
            <Form.Item name="lon" label={t('field.lon')} rules={[{ required: true, message: t('public.needPlace') }]}>
              <InputNumber min={-180} max={180} step={0.0001} inputMode="decimal" className="full-width" />
            </Form.Item>
          </div>
          <Form.Item name="address" label={t('public.address')} extra={t('public.privateHint')}>
            <Input maxLength={300} autoComplete="street-address" />
          </Form.Item>
        </section>

        <section className="public-section">
          <h2 className="public-subtitle">{t('public.contact')}</h2>
          <Form.Item
            name="contactPhone"
            label={t('public.phone')}
            extra={t('public.privateHint')}
            rules={[
              { required: true, whitespace: true, message: t('public.phoneRequired') },
              {
                validator: async (_, value: string | undefined) => {
                  if (value?.trim() && !PHONE.test(compactPhone(value))) throw new Error(t('public.phoneInvalid'));
                },
              },
            ]}
          >
            <Input type="tel" inputMode="tel" maxLength={30} autoComplete="tel" />
          </Form.Item>
          <Form.Item name="contactName" label={t('public.name')}>
            <Input maxLength={50} autoComplete="name" />
          </Form.Item>
        </section>

        <p className="muted small">{t('public.consent')}</p>
        <Button
          type="primary"
          htmlType="submit"
          size="large"
          block
          loading={busy}
          className="public-submit"
          data-testid="public-submit"
        >
          {t('public.submit')}
        </Button>
      </Form>
    </PublicShell>
  );
}
