/** Filing a deployment (报备), and a team's check-in report. */
import { AimOutlined } from '@ant-design/icons';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { Alert, App, Button, Form, Input, InputNumber, Modal, Select } from 'antd';
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { RESCUE_SPECIALTIES } from '../../../../src/model/capacity';
import { deploymentApi, organizationApi } from '../../api';
import { ErrorAlert } from '../../components/error-alert';
import { JurisdictionCascader } from '../../components/jurisdiction-cascader';
import { useMyLocation } from '../../components/my-location';
import { OrganizationName } from '../../components/organization-name';
import { OrganizationPicker } from '../../components/organization-picker';
import { showFieldError, useErrorText } from '../../error-text';
import { useCapabilities } from '../../session';
import type { DeploymentView, IncidentDetail, RescueSpecialty } from '../../types';
import { useFieldSubmit } from './field-submit';
import { boardKey } from './live-updates';

interface FileValues {
  organizationId?: string | null;
  teamName: string;
  leaderName: string;
  leaderPhone: string;
  headcount: number;
  specialties: RescueSpecialty[];
  equipment: string[];
  vehicles: number;
  origin?: string | null;
  eta?: string;
  invitationReference?: string;
}

const FILE_FIELDS = [
  ['organizationId'],
  ['teamName'],
  ['leaderName'],
  ['leaderPhone'],
  ['headcount'],
  ['specialties'],
  ['equipment'],
  ['vehicles'],
  ['origin'],
  ['eta'],
  ['invitationReference'],
] as const;

export function FileDeploymentModal({
  incident,
  open,
  onClose,
}: {
  incident: IncidentDetail;
  open: boolean;
  onClose: () => void;
}) {
  const { t } = useTranslation();
  const { message: toast } = App.useApp();
  const { message } = useErrorText();
  const queryClient = useQueryClient();
  const [form] = Form.useForm<FileValues>();
  const [error, setError] = useState<unknown>(null);
  const [saving, setSaving] = useState(false);
  const own = useCapabilities().fieldOrganizationId;
  const chosen = Form.useWatch('organizationId', form);
  const organizationId = own ?? chosen ?? null;
  // The team sets out from its organization's home by default.
  const organization = useQuery({
    queryKey: ['organization', organizationId],
    queryFn: () => organizationApi.get(organizationId ?? ''),
    enabled: open && organizationId !== null,
    staleTime: 60_000,
  });
  const home = organization.data?.jurisdictions[0] ?? null;
  useEffect(() => {
    if (open && home && !form.getFieldValue('origin')) form.setFieldsValue({ origin: home });
  }, [open, home, form]);

  const close = () => {
    setError(null);
    form.resetFields();
    onClose();
  };

  const submit = async (values: FileValues) => {
    if (!organizationId || !values.origin) return;
    setError(null);
    setSaving(true);
    try {
      const filed = await deploymentApi.file(incident.id, {
        organizationId,
        teamName: values.teamName.trim(),
        leaderName: values.leaderName.trim(),
        leaderPhone: values.leaderPhone.trim(),
        headcount: values.headcount,
        specialties: values.specialties,
        equipment: values.equipment.map((e) => e.trim()).filter(Boolean),
        vehicles: values.vehicles,
        origin: values.origin,
        eta: values.eta ? new Date(values.eta).toISOString() : null,
        invitationReference: values.invitationReference?.trim() || null,
      });
      await queryClient.invalidateQueries({ queryKey: boardKey(incident.id) });
      toast.success(t('deployments.filed', { team: filed.teamName }));
      close();
    } catch (failure) {
      if (!showFieldError(form, failure, FILE_FIELDS, message(failure))) setError(failure);
    } finally {
      setSaving(false);
    }
  };

  const required = { required: true, message: t('form.required') };
  return (
    <Modal
      open={open}
      title={t('deployments.fileTitle', { incident: incident.name })}
      okText={t('deployments.fileSubmit')}
      cancelText={t('common.cancel')}
      onOk={() => form.submit()}
      confirmLoading={saving}
      onCancel={close}
      width={640}
      destroyOnHidden
    >
      <Form<FileValues>
        form={form}
        name="file-deployment"
        layout="vertical"
        onFinish={submit}
        initialValues={{ headcount: 1, vehicles: 0, specialties: [], equipment: [] }}
      >
        <ErrorAlert error={error} onClose={() => setError(null)} />
        {incident.policy.invitationRequired ? (
          <Alert type="info" showIcon className="form-alert" title={t('deployments.invitationPolicy')} />
        ) : null}
        {own ? (
          <Form.Item label={t('deployments.organization')}>
            <OrganizationName id={own} />
          </Form.Item>
        ) : (
          <Form.Item name="organizationId" label={t('deployments.organization')} rules={[required]}>
            <OrganizationPicker />
          </Form.Item>
        )}
        <div className="form-row">
          <Form.Item name="teamName" label={t('deployments.teamName')} rules={[{ ...required, whitespace: true }]}>
            <Input maxLength={100} placeholder={t('deployments.teamNamePlaceholder')} />
          </Form.Item>
          <Form.Item name="headcount" label={t('deployments.headcount')} rules={[required]}>
            <InputNumber min={1} max={10_000} precision={0} className="full-width" />
          </Form.Item>
        </div>
        <div className="form-row">
          <Form.Item name="leaderName" label={t('deployments.leaderName')} rules={[{ ...required, whitespace: true }]}>
            <Input maxLength={50} autoComplete="off" />
          </Form.Item>
          <Form.Item name="leaderPhone" label={t('deployments.leaderPhone')} rules={[{ ...required, whitespace: true }]}>
            <Input type="tel" maxLength={30} autoComplete="off" />
          </Form.Item>
        </div>
        <Form.Item name="specialties" label={t('deployments.specialties')}>
          <Select
            mode="multiple"
            maxCount={5}
            placeholder={t('form.choose')}
            options={RESCUE_SPECIALTIES.map((s) => ({ value: s, label: t(`capacity.specialties.${s}`) }))}
          />
        </Form.Item>
        <div className="form-row">
          <Form.Item name="equipment" label={t('deployments.equipment')} extra={t('deployments.equipmentHint')}>
            <Select mode="tags" tokenSeparators={[',', '，', '、']} open={false} suffixIcon={null} />
          </Form.Item>
          <Form.Item name="vehicles" label={t('deployments.vehicles')}>
            <InputNumber min={0} max={1000} precision={0} className="full-width" />
          </Form.Item>
        </div>
        <div className="form-row">
          <Form.Item name="origin" label={t('deployments.origin')} rules={[required]}>
            <JurisdictionCascader />
          </Form.Item>
          <Form.Item name="eta" label={t('deployments.eta')}>
            <Input type="datetime-local" className="date-input" />
          </Form.Item>
        </div>
        <Form.Item
          name="invitationReference"
          label={t('deployments.invitationReference')}
          extra={t('deployments.invitationHint')}
        >
          <Input maxLength={200} />
        </Form.Item>
      </Form>
    </Modal>
  );
}

interface CheckInValues {
  note?: string;
  lat?: number | null;
  lon?: number | null;
}

/** The team reports in (keeps it accounted for): a note and, if it likes, where it is. */
export function CheckInModal({ deployment, onClose }: { deployment: DeploymentView | null; onClose: () => void }) {
  const { t } = useTranslation();
  const { message: toast } = App.useApp();
  const queryClient = useQueryClient();
  const [form] = Form.useForm<CheckInValues>();
  const [error, setError] = useState<unknown>(null);
  const [saving, setSaving] = useState(false);
  const { locate, locating, problem, supported } = useMyLocation();
  const field = useFieldSubmit();

  useEffect(() => {
    if (!deployment) return;
    setError(null);
    form.resetFields();
  }, [deployment, form]);

  const submit = async (values: CheckInValues) => {
    if (!deployment) return;
    setError(null);
    setSaving(true);
    try {
      // Through the outbox: without a network the check-in waits on the phone and goes later, once.
      const result = await field.submit(
        'check_in',
        deployment.teamName,
        `/deployments/${encodeURIComponent(deployment.id)}/check-ins`,
        { json: { note: values.note?.trim() || null, lat: values.lat ?? null, lon: values.lon ?? null } },
      );
      await queryClient.invalidateQueries({ queryKey: boardKey(deployment.incidentId) });
      if (result.sent) toast.success(t('deployments.checkedInDone'));
      else toast.info(field.keptOffline);
      onClose();
    } catch (failure) {
      setError(failure);
    } finally {
      setSaving(false);
    }
  };

  return (
    <Modal
      open={deployment !== null}
      title={t('deployments.checkInTitle', { team: deployment?.teamName ?? '' })}
      okText={t('deployments.checkInSubmit')}
      cancelText={t('common.cancel')}
      onOk={() => form.submit()}
      confirmLoading={saving}
      onCancel={onClose}
      destroyOnHidden
    >
      <Form<CheckInValues> form={form} name="check-in" layout="vertical" onFinish={submit} preserve={false}>
        <ErrorAlert error={error} onClose={() => setError(null)} />
        <Form.Item name="note" label={t('deployments.checkInNote')}>
          <Input.TextArea rows={3} maxLength={1000} placeholder={t('deployments.checkInNotePlaceholder')} />
        </Form.Item>
        <div className="form-row">
          <Form.Item name="lat" label={t('field.lat')}>
            <InputNumber min={-90} max={90} step={0.0001} className="full-width" />
          </Form.Item>
          <Form.Item name="lon" label={t('field.lon')}>
            <InputNumber min={-180} max={180} step={0.0001} className="full-width" />
          </Form.Item>
        </div>
        <Button
          icon={<AimOutlined />}
          loading={locating}
          disabled={!supported}
          onClick={async () => {
            const position = await locate();
            if (position) form.setFieldsValue({ lat: position.lat, lon: position.lon });
          }}
        >
          {t('location.useMine')}
        </Button>
        {problem ? <Alert type="warning" showIcon title={problem} className="form-alert top-gap" /> : null}
      </Form>
    </Modal>
  );
}
