/** Forms, in modals, to declare a filing (备案), an agreement or a seat for an organization. */
import { useQueryClient } from '@tanstack/react-query';
import { App, Form, Input, Modal, Select } from 'antd';
import { type ReactNode, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { AGREEMENT_TYPES, SUBSYSTEMS } from '../../../../src/model/embedding';
import { embeddingApi } from '../../api';
import { ErrorAlert } from '../../components/error-alert';
import { OrganizationPicker } from '../../components/organization-picker';
import { showFieldError, useErrorText } from '../../error-text';
import type { AgreementType, Subsystem } from '../../types';

export type DeclareKind = 'filing' | 'agreement' | 'seat';

interface Props {
  kind: DeclareKind | null;
  organizationId: string;
  onClose: () => void;
}

type Values = Record<string, string | null | undefined>;

const FIELDS: Record<DeclareKind, readonly (readonly string[])[]> = {
  filing: [['department'], ['filedOn'], ['reference']],
  agreement: [['counterpartId'], ['type'], ['validFrom'], ['validTo'], ['reference']],
  seat: [['structure'], ['subsystem'], ['liaisonName'], ['from'], ['to']],
};

const optional = (value: string | null | undefined) => value?.trim() || null;
const required = (value: string | null | undefined) => value?.trim() ?? '';

/** After the end date, if both are given. */
function notBefore(t: (key: string) => string, startField: string) {
  return ({ getFieldValue }: { getFieldValue: (name: string) => unknown }) => ({
    validator: async (_: unknown, value: string | undefined) => {
      const start = getFieldValue(startField);
      if (value && typeof start === 'string' && start && value < start) throw new Error(t('embedding.endBeforeStart'));
    },
  });
}

export function DeclareModal({ kind, organizationId, onClose }: Props) {
  const { t } = useTranslation();
  const { message: toast } = App.useApp();
  const { message } = useErrorText();
  const queryClient = useQueryClient();
  const [form] = Form.useForm<Values>();
  const [error, setError] = useState<unknown>(null);
  const [saving, setSaving] = useState(false);
  const requiredRule = { required: true, whitespace: true, message: t('form.required') };

  const close = () => {
    setError(null);
    form.resetFields();
    onClose();
  };

  const submit = async (values: Values) => {
    if (!kind) return;
    setError(null);
    setSaving(true);
    try {
      if (kind === 'filing') {
        await embeddingApi.file(organizationId, {
          department: required(values.department),
          filedOn: required(values.filedOn),
          reference: optional(values.reference),
        });
      } else if (kind === 'agreement') {
        await embeddingApi.agree({
          organizationId,
          counterpartId: required(values.counterpartId),
          type: values.type as AgreementType,
          validFrom: required(values.validFrom),
          validTo: optional(values.validTo),
          reference: optional(values.reference),
        });
      } else {
        await embeddingApi.seat({
          organizationId,
          structure: required(values.structure),
          subsystem: values.subsystem as Subsystem,
          liaisonName: required(values.liaisonName),
          from: required(values.from),
          to: optional(values.to),
        });
      }
      await queryClient.invalidateQueries({ queryKey: ['embedding'] });
      toast.success(t('embedding.declared'));
      close();
    } catch (failure) {
      if (!showFieldError(form, failure, FIELDS[kind], message(failure))) setError(failure);
    } finally {
      setSaving(false);
    }
  };

  let fields: ReactNode = null;
  if (kind === 'filing') {
    fields = (
      <>
        <Form.Item name="department" label={t('embedding.filing.department')} rules={[requiredRule]}>
          <Input maxLength={200} placeholder={t('embedding.filing.departmentPlaceholder')} />
        </Form.Item>
        <Form.Item name="filedOn" label={t('embedding.filing.filedOn')} rules={[requiredRule]}>
          <Input type="date" className="date-input" />
        </Form.Item>
        <Form.Item name="reference" label={t('embedding.reference')}>
          <Input maxLength={200} />
        </Form.Item>
      </>
    );
  } else if (kind === 'agreement') {
    fields = (
      <>
        <Form.Item name="counterpartId" label={t('embedding.agreement.counterpart')} rules={[requiredRule]}>
          <OrganizationPicker exclude={organizationId} />
        </Form.Item>
        <Form.Item name="type" label={t('embedding.agreement.type')} rules={[requiredRule]}>
          <Select
            placeholder={t('form.choose')}
            options={AGREEMENT_TYPES.map((type) => ({ value: type, label: t(`embedding.agreementType.${type}`) }))}
          />
        </Form.Item>
        <Form.Item name="validFrom" label={t('embedding.agreement.validFrom')} rules={[requiredRule]}>
          <Input type="date" className="date-input" />
        </Form.Item>
        <Form.Item
          name="validTo"
          label={t('embedding.agreement.validTo')}
          extra={t('embedding.openEndedHint')}
          dependencies={['validFrom']}
          rules={[notBefore(t, 'validFrom')]}
        >
          <Input type="date" className="date-input" />
        </Form.Item>
        <Form.Item name="reference" label={t('embedding.reference')}>
          <Input maxLength={200} />
        </Form.Item>
      </>
    );
  } else if (kind === 'seat') {
    fields = (
      <>
        <Form.Item name="structure" label={t('embedding.seat.structure')} rules={[requiredRule]}>
          <Input maxLength={200} placeholder={t('embedding.seat.structurePlaceholder')} />
        </Form.Item>
        <Form.Item name="subsystem" label={t('embedding.seat.subsystem')} rules={[requiredRule]}>
          <Select
            placeholder={t('form.choose')}
            options={SUBSYSTEMS.map((s) => ({ value: s, label: t(`embedding.subsystem.${s}`) }))}
          />
        </Form.Item>
        <Form.Item name="liaisonName" label={t('embedding.seat.liaison')} rules={[requiredRule]}>
          <Input maxLength={50} autoComplete="off" />
        </Form.Item>
        <Form.Item name="from" label={t('embedding.seat.from')} rules={[requiredRule]}>
          <Input type="date" className="date-input" />
        </Form.Item>
        <Form.Item
          name="to"
          label={t('embedding.seat.to')}
          extra={t('embedding.openEndedHint')}
          dependencies={['from']}
          rules={[notBefore(t, 'from')]}
        >
          <Input type="date" className="date-input" />
        </Form.Item>
      </>
    );
  }

  return (
    <Modal
      open={kind !== null}
      title={kind ? t(`embedding.${kind}.addTitle`) : ''}
      okText={t('embedding.declare')}
      cancelText={t('common.cancel')}
      onOk={() => form.submit()}
      confirmLoading={saving}
      onCancel={close}
      destroyOnHidden
    >
      <Form<Values> form={form} name={`declare-${kind ?? 'none'}`} layout="vertical" onFinish={submit} preserve={false}>
        <ErrorAlert error={error} onClose={() => setError(null)} />
        {fields}
      </Form>
    </Modal>
  );
}
