/**
 * The form for an organization's own fields, used to create one and to edit a profile.
 * The server validates (credit code checksum, division codes); its problems are shown next
 * to the field they name.
 */
import { Button, Card, Col, DatePicker, Flex, Form, Input, InputNumber, Row, Select, Switch } from 'antd';
import dayjs, { type Dayjs } from 'dayjs';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { ORGANIZATION_KINDS, type OrganizationKind } from '../../../../src/model/organization';
import { type FunctionCell, SERVICE_CATEGORIES, type ServiceCategory } from '../../../../src/model/taxonomy';
import { ErrorAlert } from '../../components/error-alert';
import { FunctionMapGrid } from '../../components/function-map-grid';
import { JurisdictionListPicker } from '../../components/jurisdiction-list-picker';
import { showFieldError, useErrorText } from '../../error-text';
import type { OrganizationDetail, OrganizationInput, OrganizationPatch } from '../../types';

interface Values {
  name: string;
  nameEn?: string | null;
  kind?: OrganizationKind;
  creditCode?: string | null;
  supervisingAgency?: string | null;
  jurisdictions: string[];
  base: { lat?: number | null; lon?: number | null };
  capabilities: { cells: FunctionCell[]; serviceCategories: ServiceCategory[] };
  /** 公开募捐资格, recorded on an existing organization. */
  publicFundraisingQualified?: boolean;
  publicFundraisingSince?: Dayjs | null;
}

const FIELDS = [
  ['name'],
  ['nameEn'],
  ['kind'],
  ['creditCode'],
  ['supervisingAgency'],
  ['jurisdictions'],
  ['base', 'lat'],
  ['base', 'lon'],
  ['capabilities', 'cells'],
  ['capabilities', 'serviceCategories'],
  ['publicFundraisingQualified'],
  ['publicFundraisingSince'],
] as const;

interface Props {
  initial?: OrganizationDetail;
  submitLabel: string;
  /** Editing (with `initial`) also sends the public-fundraising qualification. */
  onSubmit: (
    input: OrganizationInput & Pick<OrganizationPatch, 'publicFundraisingQualified' | 'publicFundraisingSince'>,
  ) => Promise<unknown>;
  onCancel?: () => void;
}

function initialValues(org?: OrganizationDetail): Values {
  return {
    name: org?.name ?? '',
    nameEn: org?.nameEn ?? '',
    kind: org?.kind,
    creditCode: org?.creditCode ?? '',
    supervisingAgency: org?.supervisingAgency ?? '',
    jurisdictions: org?.jurisdictions ?? [],
    base: { lat: org?.base?.lat ?? null, lon: org?.base?.lon ?? null },
    capabilities: {
      cells: org?.capabilities.cells ?? [],
      serviceCategories: org?.capabilities.serviceCategories ?? [],
    },
    publicFundraisingQualified: org?.publicFundraisingQualified ?? false,
    publicFundraisingSince: org?.publicFundraisingSince ? dayjs(org.publicFundraisingSince) : null,
  };
}

const text = (value: string | null | undefined): string | null => {
  const trimmed = value?.trim() ?? '';
  return trimmed === '' ? null : trimmed;
};

function toInput(values: Values): OrganizationInput {
  const { lat, lon } = values.base;
  return {
    kind: values.kind as OrganizationKind,
    name: values.name.trim(),
    nameEn: text(values.nameEn),
    creditCode: text(values.creditCode)?.toUpperCase() ?? null,
    supervisingAgency: text(values.supervisingAgency),
    jurisdictions: values.jurisdictions,
    base: typeof lat === 'number' && typeof lon === 'number' ? { lat, lon } : null,
    capabilities: values.capabilities,
  };
}

export function OrganizationForm({ initial, submitLabel, onSubmit, onCancel }: Props) {
  const { t } = useTranslation();
  const { message } = useErrorText();
  const [form] = Form.useForm<Values>();
  const [error, setError] = useState<unknown>(null);
  const [saving, setSaving] = useState(false);
  const names = Object.fromEntries((initial?.jurisdictions ?? []).map((c, i) => [c, initial?.jurisdictionNames[i] ?? c]));

  const submit = async (values: Values) => {
    setError(null);
    setSaving(true);
    try {
      const qualified = Boolean(values.publicFundraisingQualified);
      await onSubmit({
        ...toInput(values),
        ...(initial
          ? {
              publicFundraisingQualified: qualified,
              publicFundraisingSince:
                qualified && values.publicFundraisingSince ? values.publicFundraisingSince.format('YYYY-MM-DD') : null,
            }
          : {}),
      });
    } catch (failure) {
      if (!showFieldError(form, failure, FIELDS, message(failure))) setError(failure);
    } finally {
      setSaving(false);
    }
  };

  const bothOrNeither = (other: 'lat' | 'lon') => ({
    validator: (_: unknown, value: number | null | undefined) => {
      const otherValue = form.getFieldValue(['base', other]) as number | null | undefined;
      const has = (v: unknown) => typeof v === 'number';
      return has(value) === has(otherValue) ? Promise.resolve() : Promise.reject(new Error(t('organization.baseBoth')));
    },
  });

  return (
    <Form<Values>
      form={form}
      name="organization"
      layout="vertical"
      initialValues={initialValues(initial)}
      onFinish={submit}
      scrollToFirstError={{ block: 'center' }}
      requiredMark
      className="organization-form"
    >
      <ErrorAlert error={error} onClose={() => setError(null)} />
      <Card title={t('organization.sections.basic')} className="section-card">
        <Row gutter={24}>
          <Col xs={24} md={12}>
            <Form.Item
              name="name"
              label={t('field.name')}
              rules={[{ required: true, whitespace: true, message: t('form.required') }]}
            >
              <Input maxLength={200} />
            </Form.Item>
          </Col>
          <Col xs={24} md={12}>
            <Form.Item name="nameEn" label={t('field.nameEn')}>
              <Input maxLength={200} />
            </Form.Item>
          </Col>
          <Col xs={24} md={12}>
            <Form.Item name="kind" label={t('field.kind')} rules={[{ required: true, message: t('form.required') }]}>
              <Select
                placeholder={t('form.choose')}
                options={ORGANIZATION_KINDS.map((kind) => ({ value: kind, label: t(`kind.${kind}`) }))}
              />
            </Form.Item>
          </Col>
          <Col xs={24} md={12}>
            <Form.Item name="creditCode" label={t('field.creditCode')} extra={t('organization.creditCodeHint')}>
              <Input maxLength={18} className="code-input" autoComplete="off" />
            </Form.Item>
          </Col>
          <Col xs={24} md={12}>
            <Form.Item name="supervisingAgency" label={t('field.supervisingAgency')}>
              <Input maxLength={200} />
            </Form.Item>
          </Col>
          {initial ? (
            <Col xs={24} md={12}>
              <Flex gap={16} align="flex-start">
                <Form.Item
                  name="publicFundraisingQualified"
                  label={t('field.publicFundraisingQualified')}
                  valuePropName="checked"
                >
                  <Switch />
                </Form.Item>
                <Form.Item noStyle dependencies={['publicFundraisingQualified']}>
                  {({ getFieldValue }) =>
                    getFieldValue('publicFundraisingQualified') ? (
                      <Form.Item name="publicFundraisingSince" label={t('field.publicFundraisingSince')}>
                        <DatePicker format="YYYY-MM-DD" disabledDate={(day) => day.isAfter(dayjs(), 'day')} />
                      </Form.Item>
                    ) : null
                  }
                </Form.Item>
              </Flex>
            </Col>
          ) : null}
        </Row>
      </Card>

      <Card title={t('organization.sections.area')} className="section-card">
        <Form.Item
          name="jurisdictions"
          label={t('field.jurisdictions')}
          rules={[{ required: true, type: 'array', min: 1, message: t('organization.jurisdictionsRequired') }]}
        >
          <JurisdictionListPicker names={names} />
        </Form.Item>
        <Row gutter={24}>
          <Col xs={12} md={6}>
            <Form.Item
              name={['base', 'lat']}
              label={t('field.lat')}
              dependencies={[['base', 'lon']]}
              rules={[bothOrNeither('lon')]}
            >
              <InputNumber min={-90} max={90} step={0.0001} className="full-width" />
            </Form.Item>
          </Col>
          <Col xs={12} md={6}>
            <Form.Item
              name={['base', 'lon']}
              label={t('field.lon')}
              dependencies={[['base', 'lat']]}
              rules={[bothOrNeither('lat')]}
            >
              <InputNumber min={-180} max={180} step={0.0001} className="full-width" />
            </Form.Item>
          </Col>
          <Col xs={24} md={12} className="form-note">
            {t('organization.baseHint')}
          </Col>
        </Row>
      </Card>

      <Card title={t('organization.sections.capabilities')} className="section-card">
        <Form.Item name={['capabilities', 'cells']} label={t('field.cells')}>
          <FunctionMapGrid editable />
        </Form.Item>
        <Form.Item name={['capabilities', 'serviceCategories']} label={t('field.serviceCategories')}>
          <Select
            mode="multiple"
            allowClear
            placeholder={t('form.choose')}
            showSearch={{ optionFilterProp: 'label' }}
            options={SERVICE_CATEGORIES.map((category) => ({ value: category, label: t(`category.${category}`) }))}
          />
        </Form.Item>
      </Card>

      <Flex gap={8} justify="flex-end" className="form-actions">
        {onCancel ? <Button onClick={onCancel}>{t('common.cancel')}</Button> : null}
        <Button type="primary" htmlType="submit" loading={saving}>
          {submitLabel}
        </Button>
      </Flex>
    </Form>
  );
}
