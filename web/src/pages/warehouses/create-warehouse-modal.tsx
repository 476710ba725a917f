/** Registering a warehouse or collection point: its owner, name, kind, area, place and address. */
import { AimOutlined } from '@ant-design/icons';
import { useQueryClient } from '@tanstack/react-query';
import { App, Button, Form, Input, InputNumber, Radio, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import { useNavigate } from 'react-router-dom';
import { WAREHOUSE_KINDS } from '../../../../src/model/inventory';
import { warehouseApi } from '../../api';
import { FormModal, useFormSubmit } from '../../components/form-modal';
import { JurisdictionCascader } from '../../components/jurisdiction-cascader';
import { useMyLocation } from '../../components/my-location';
import { OrganizationPicker } from '../../components/organization-picker';
import { useCurrentUser } from '../../session';
import type { WarehouseKind } from '../../types';

interface Values {
  name: string;
  kind: WarehouseKind;
  organizationId: string | null;
  jurisdiction: string | null;
  lat?: number | null;
  lon?: number | null;
  address?: string;
}

const FIELDS = [['name'], ['kind'], ['organizationId'], ['jurisdiction'], ['lat'], ['lon'], ['address']] as const;

export function CreateWarehouseModal({ open, onClose }: { open: boolean; onClose: () => void }) {
  const { t } = useTranslation();
  const user = useCurrentUser();
  const { message } = App.useApp();
  const navigate = useNavigate();
  const queryClient = useQueryClient();
  const [form] = Form.useForm<Values>();
  const submission = useFormSubmit(form, FIELDS, onClose);
  const { locate, locating, problem, supported } = useMyLocation();
  // An organization's admin registers its own warehouses: the server would refuse any other owner.
  const ownOrganization = user.role === 'org_admin' ? user.organizationId : null;
  const required = { required: true, message: t('form.required') };

  const submit = async (values: Values) => {
    const organizationId = ownOrganization ?? values.organizationId;
    if (!organizationId || !values.jurisdiction || values.lat == null || values.lon == null) return;
    await submission.run(async () => {
      const created = await warehouseApi.create({
        name: values.name.trim(),
        kind: values.kind,
        organizationId,
        jurisdiction: values.jurisdiction as string,
        lat: values.lat as number,
        lon: values.lon as number,
        address: values.address?.trim() || null,
      });
      await queryClient.invalidateQueries({ queryKey: ['warehouses'] });
      message.success(t('warehouses.created', { name: created.name }));
      submission.close();
      navigate(`/warehouses/${encodeURIComponent(created.id)}`);
    });
  };

  const fillMyLocation = async () => {
    const position = await locate();
    if (position) form.setFieldsValue({ lat: Number(position.lat.toFixed(6)), lon: Number(position.lon.toFixed(6)) });
  };

  return (
    <FormModal
      form={form}
      open={open}
      title={t('warehouses.newTitle')}
      okText={t('warehouses.newSubmit')}
      width={640}
      submission={submission}
    >
      <Form<Values>
        form={form}
        name="create-warehouse"
        layout="vertical"
        initialValues={{ name: '', kind: 'warehouse', organizationId: ownOrganization, jurisdiction: user.jurisdiction }}
        onFinish={submit}
      >
        <Form.Item name="name" label={t('warehouses.name')} rules={[{ ...required, whitespace: true }]}>
          <Input maxLength={200} />
        </Form.Item>
        <Form.Item name="kind" label={t('warehouses.kindLabel')} rules={[required]}>
          <Radio.Group
            optionType="button"
            options={WAREHOUSE_KINDS.map((kind) => ({ value: kind, label: t(`warehouses.kind.${kind}`) }))}
          />
        </Form.Item>
        <Form.Item name="organizationId" label={t('warehouses.owner')} rules={[required]}>
          <OrganizationPicker disabled={ownOrganization !== null} />
        </Form.Item>
        <Form.Item name="jurisdiction" label={t('warehouses.area')} rules={[required]}>
          <JurisdictionCascader />
        </Form.Item>
        <div className="form-row">
          <Form.Item name="lat" label={t('field.lat')} rules={[required]}>
            <InputNumber min={-90} max={90} step={0.0001} style={{ width: '100%' }} />
          </Form.Item>
          <Form.Item name="lon" label={t('field.lon')} rules={[required]}>
            <InputNumber min={-180} max={180} step={0.0001} style={{ width: '100%' }} />
          </Form.Item>
          {supported ? (
            <Form.Item label=" ">
              <Button icon={<AimOutlined />} onClick={() => void fillMyLocation()} loading={locating}>
                {t('location.useMine')}
              </Button>
            </Form.Item>
          ) : null}
        </div>
        {problem ? <Typography.Text type="warning">{problem}</Typography.Text> : null}
        <Form.Item name="address" label={t('warehouses.address')}>
          <Input maxLength={500} />
        </Form.Item>
      </Form>
    </FormModal>
  );
}
