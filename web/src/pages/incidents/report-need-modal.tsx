/**
 * A coordinator or an organization reports a need on the board: what, how many, how urgent,
 * for whom, and where — a division plus coordinates (from the device, or typed; GCJ-02 from
 * Chinese map apps is converted by the server).
 */
import { AimOutlined } from '@ant-design/icons';
import { useQueryClient } from '@tanstack/react-query';
import { Alert, App, Button, Checkbox, Flex, Form, Input, InputNumber, Radio, Select, Switch } from 'antd';
import { useTranslation } from 'react-i18next';
import { NEED_KINDS, URGENCIES, VULNERABLE_GROUPS } from '../../../../src/model/need';
import { SERVICE_CATEGORIES } from '../../../../src/model/taxonomy';
import { FormModal, useFormSubmit } from '../../components/form-modal';
import { JurisdictionCascader } from '../../components/jurisdiction-cascader';
import { useMyLocation } from '../../components/my-location';
import type { IncidentDetail, NeedKind, ReportedNeed, ServiceCategory, Urgency, VulnerableGroup } from '../../types';
import { useFieldSubmit } from './field-submit';
import { boardKey } from './live-updates';

interface Values {
  title: string;
  category?: ServiceCategory;
  kind: NeedKind;
  quantity: number;
  unit?: string;
  urgency: Urgency;
  jurisdiction?: string | null;
  lat?: number | null;
  lon?: number | null;
  gcj02: boolean;
  vulnerableGroups: VulnerableGroup[];
  peopleAffected?: number | null;
  contactName?: string;
  contactPhone?: string;
  address?: string;
  description?: string;
}

const FIELDS = [
  ['title'],
  ['category'],
  ['kind'],
  ['quantity'],
  ['unit'],
  ['urgency'],
  ['jurisdiction'],
  ['lat'],
  ['lon'],
  ['vulnerableGroups'],
  ['peopleAffected'],
  ['contactName'],
  ['contactPhone'],
  ['address'],
  ['description'],
] as const;

const INITIAL: Partial<Values> = {
  kind: 'agent_generated',
  quantity: 1,
  urgency: 'medium',
  gcj02: false,
  vulnerableGroups: [],
};

export function ReportNeedModal({
  incident,
  open,
  onClose,
  onReported,
}: {
  incident: IncidentDetail;
  open: boolean;
  onClose: () => void;
  onReported: (needId: string, duplicates: number) => void;
}) {
  const { t } = useTranslation();
  const { message: toast } = App.useApp();
  const queryClient = useQueryClient();
  const [form] = Form.useForm<Values>();
  const { locate, locating, problem, supported } = useMyLocation();
  // Each submit is an outbox entry with its own key: a retry of it (lost answer) never reports twice.
  const field = useFieldSubmit();
  const submission = useFormSubmit(form, FIELDS, onClose);
  const required = { required: true, message: t('form.required') };

  const fillMyLocation = async () => {
    const position = await locate();
    if (position) form.setFieldsValue({ lat: position.lat, lon: position.lon, gcj02: false });
  };

  const submit = async (values: Values) => {
    const { category, jurisdiction, lat, lon } = values;
    if (!category || !jurisdiction || lat == null || lon == null) return;
    const text = (value: string | undefined) => value?.trim() || null;
    await submission.run(async () => {
      // Through the outbox (with its own Idempotency-Key): without a network the report waits on the device.
      const result = await field.submit<ReportedNeed>(
        'need_report',
        values.title.trim(),
        `/incidents/${encodeURIComponent(incident.id)}/needs`,
        {
          json: {
            title: values.title.trim(),
            category,
            kind: values.kind,
            quantity: values.quantity,
            unit: text(values.unit) ?? undefined,
            urgency: values.urgency,
            jurisdiction,
            lat,
            lon,
            coordSystem: values.gcj02 ? 'gcj02' : 'wgs84',
            vulnerableGroups: values.vulnerableGroups,
            peopleAffected: values.peopleAffected ?? null,
            contactName: text(values.contactName),
            contactPhone: text(values.contactPhone),
            address: text(values.address),
            description: text(values.description),
          },
        },
      );
      await queryClient.invalidateQueries({ queryKey: boardKey(incident.id) });
      if (!result.sent) {
        toast.info(field.keptOffline);
        submission.close();
        return;
      }
      const answer = result.answer;
      const duplicates = answer.possibleDuplicates.length;
      if (duplicates > 0) toast.warning(t('needs.reportedDuplicates', { count: duplicates }));
      else toast.success(t('needs.reported'));
      submission.close();
      onReported(answer.need.id, duplicates);
    });
  };

  return (
    <FormModal
      form={form}
      open={open}
      title={t('needs.reportTitle')}
      okText={t('needs.reportSubmit')}
      width={680}
      submission={submission}
    >
      <Form<Values> form={form} name="report-need" layout="vertical" initialValues={INITIAL} onFinish={submit}>
        <Form.Item name="title" label={t('needs.titleLabel')} rules={[{ ...required, whitespace: true }]}>
          <Input maxLength={200} placeholder={t('needs.titlePlaceholder')} />
        </Form.Item>
        <div className="form-row">
          <Form.Item name="category" label={t('needs.category')} rules={[required]}>
            <Select
              showSearch={{ optionFilterProp: 'label' }}
              placeholder={t('form.choose')}
              options={SERVICE_CATEGORIES.map((c) => ({ value: c, label: t(`category.${c}`) }))}
            />
          </Form.Item>
          <Form.Item name="kind" label={t('needs.kind')} tooltip={t('needs.kindHint')}>
            <Select options={NEED_KINDS.map((k) => ({ value: k, label: t(`need.kind.${k}`) }))} />
          </Form.Item>
        </div>
        <div className="form-row">
          <Form.Item name="quantity" label={t('needs.quantity')} rules={[required]}>
            <InputNumber min={1} max={1_000_000} precision={0} className="full-width" />
          </Form.Item>
          <Form.Item name="unit" label={t('needs.unit')}>
            <Input maxLength={20} placeholder={t('needs.unitPlaceholder')} />
          </Form.Item>
          <Form.Item name="peopleAffected" label={t('needs.peopleAffected')}>
            <InputNumber min={0} max={10_000_000} precision={0} className="full-width" />
          </Form.Item>
        </div>
        <Form.Item name="urgency" label={t('needs.urgency')}>
          <Radio.Group optionType="button" options={URGENCIES.map((u) => ({ value: u, label: t(`need.urgency.${u}`) }))} />
        </Form.Item>
        <Form.Item name="vulnerableGroups" label={t('needs.vulnerableGroups')}>
          <Checkbox.Group options={VULNERABLE_GROUPS.map((g) => ({ value: g, label: t(`need.vulnerable.${g}`) }))} />
        </Form.Item>
        <fieldset className="form-fieldset">
          <legend>{t('needs.where')}</legend>
          <Form.Item name="jurisdiction" label={t('needs.jurisdiction')} rules={[required]} extra={t('needs.jurisdictionHint')}>
            <JurisdictionCascader />
          </Form.Item>
          <Flex gap={12} wrap align="flex-start">
            <Form.Item name="lat" label={t('field.lat')} rules={[required]}>
              <InputNumber min={-90} max={90} step={0.0001} className="coordinate-input" />
            </Form.Item>
            <Form.Item name="lon" label={t('field.lon')} rules={[required]}>
              <InputNumber min={-180} max={180} step={0.0001} className="coordinate-input" />
            </Form.Item>
            <Form.Item label=" " colon={false}>
              <Button icon={<AimOutlined />} onClick={() => void fillMyLocation()} loading={locating} disabled={!supported}>
                {t('location.useMine')}
              </Button>
            </Form.Item>
          </Flex>
          {problem ? <Alert type="warning" showIcon title={problem} className="form-alert" /> : null}
          <Form.Item name="gcj02" valuePropName="checked" label={t('needs.gcj02')} extra={t('needs.gcj02Hint')}>
            <Switch />
          </Form.Item>
          <Form.Item name="address" label={t('needs.address')}>
            <Input maxLength={300} />
          </Form.Item>
        </fieldset>
        <div className="form-row">
          <Form.Item name="contactName" label={t('needs.contactName')}>
            <Input maxLength={50} autoComplete="off" />
          </Form.Item>
          <Form.Item name="contactPhone" label={t('needs.contactPhone')}>
            <Input type="tel" maxLength={30} autoComplete="off" />
          </Form.Item>
        </div>
        <Form.Item name="description" label={t('needs.description')}>
          <Input.TextArea maxLength={5000} autoSize={{ minRows: 2, maxRows: 6 }} />
        </Form.Item>
      </Form>
    </FormModal>
  );
}
