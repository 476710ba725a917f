/** Forms, in modals, to declare or change a capacity item and to declare a rescue specialty. */
import { useQueryClient } from '@tanstack/react-query';
import { Alert, App, Form, Input, InputNumber, Modal, Select } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { CAPACITY_KINDS, RESCUE_SPECIALTIES } from '../../../../src/model/capacity';
import { capacityApi } from '../../api';
import { ErrorAlert } from '../../components/error-alert';
import { showFieldError, useErrorText } from '../../error-text';
import type { CapacityItem, CapacityKind, RescueSpecialty } from '../../types';

const TYPE_LEVELS = [1, 2, 3, 4] as const;
const GRADES = [1, 2, 3] as const;

interface CapacityValues {
  kind: CapacityKind;
  type: string;
  typeLevel: number;
  quantity: number;
  description?: string | null;
}

const CAPACITY_FIELDS = [['kind'], ['type'], ['typeLevel'], ['quantity'], ['description']] as const;

/** Declares a new capacity item ('new') or changes one; closed when item is null. */
export function CapacityModal({
  organizationId,
  item,
  onClose,
}: {
  organizationId: string;
  item: CapacityItem | 'new' | null;
  onClose: () => void;
}) {
  const { t } = useTranslation();
  const { message: toast } = App.useApp();
  const { message } = useErrorText();
  const queryClient = useQueryClient();
  const [form] = Form.useForm<CapacityValues>();
  const [error, setError] = useState<unknown>(null);
  const [saving, setSaving] = useState(false);
  const existing = item && item !== 'new' ? item : null;
  const requiredRule = { required: true, message: t('form.required') };

  const close = () => {
    setError(null);
    form.resetFields();
    onClose();
  };

  const submit = async (values: CapacityValues) => {
    setError(null);
    setSaving(true);
    const description = values.description?.trim() || null;
    try {
      if (existing) {
        await capacityApi.amend(existing.id, { typeLevel: values.typeLevel, quantity: values.quantity, description });
      } else {
        await capacityApi.declare(organizationId, {
          kind: values.kind,
          type: values.type.trim(),
          typeLevel: values.typeLevel,
          quantity: values.quantity,
          description,
        });
      }
      await queryClient.invalidateQueries({ queryKey: ['capacity', organizationId] });
      toast.success(existing ? t('capacity.saved') : t('embedding.declared'));
      close();
    } catch (failure) {
      if (!showFieldError(form, failure, CAPACITY_FIELDS, message(failure))) setError(failure);
    } finally {
      setSaving(false);
    }
  };

  return (
    <Modal
      open={item !== null}
      title={existing ? t('capacity.editTitle', { type: existing.type }) : t('capacity.addTitle')}
      okText={t('embedding.declare')}
      cancelText={t('common.cancel')}
      onOk={() => form.submit()}
      confirmLoading={saving}
      onCancel={close}
      destroyOnHidden
    >
      <Form<CapacityValues>
        form={form}
        name="declare-capacity"
        layout="vertical"
        onFinish={submit}
        preserve={false}
        // The modal is rebuilt each time it opens, so these are the values of the item opened.
        initialValues={
          existing
            ? {
                kind: existing.kind,
                type: existing.type,
                typeLevel: existing.typeLevel,
                quantity: existing.quantity,
                description: existing.description,
              }
            : { typeLevel: 3, quantity: 1 }
        }
      >
        <ErrorAlert error={error} onClose={() => setError(null)} />
        {existing?.verification ? (
          <Alert type="info" showIcon className="form-alert" title={t('capacity.editResetsVerification')} />
        ) : null}
        <Form.Item name="kind" label={t('capacity.kind')} rules={[requiredRule]}>
          <Select
            placeholder={t('form.choose')}
            disabled={Boolean(existing)}
            options={CAPACITY_KINDS.map((kind) => ({ value: kind, label: t(`capacity.kinds.${kind}`) }))}
          />
        </Form.Item>
        <Form.Item
          name="type"
          label={t('capacity.type')}
          rules={[{ ...requiredRule, whitespace: true }]}
          extra={existing ? undefined : t('capacity.typeHint')}
        >
          <Input maxLength={100} placeholder={t('capacity.typePlaceholder')} disabled={Boolean(existing)} />
        </Form.Item>
        <Form.Item name="typeLevel" label={t('capacity.typeLevel')} rules={[requiredRule]} extra={t('capacity.typeLevelHint')}>
          <Select
            options={TYPE_LEVELS.map((level) => ({
              value: level,
              label: t(`capacity.typeLevels.${level}`),
            }))}
          />
        </Form.Item>
        <Form.Item name="quantity" label={t('capacity.quantity')} rules={[requiredRule]} extra={t('capacity.quantityHint')}>
          <InputNumber min={0} max={1_000_000} precision={0} className="quantity-input" />
        </Form.Item>
        <Form.Item name="description" label={t('capacity.description')}>
          <Input.TextArea
            maxLength={500}
            autoSize={{ minRows: 2, maxRows: 5 }}
            placeholder={t('capacity.descriptionPlaceholder')}
          />
        </Form.Item>
      </Form>
    </Modal>
  );
}

interface SpecialtyValues {
  specialty: RescueSpecialty;
  grade: number;
  assessedBy: string;
  validUntil: string;
}

const SPECIALTY_FIELDS = [['specialty'], ['grade'], ['assessedBy'], ['validUntil']] as const;

export function SpecialtyModal({
  organizationId,
  open,
  onClose,
}: {
  organizationId: string;
  open: boolean;
  onClose: () => void;
}) {
  const { t } = useTranslation();
  const { message: toast } = App.useApp();
  const { message } = useErrorText();
  const queryClient = useQueryClient();
  const [form] = Form.useForm<SpecialtyValues>();
  const [error, setError] = useState<unknown>(null);
  const [saving, setSaving] = useState(false);
  const requiredRule = { required: true, message: t('form.required') };

  const close = () => {
    setError(null);
    form.resetFields();
    onClose();
  };

  const submit = async (values: SpecialtyValues) => {
    setError(null);
    setSaving(true);
    try {
      await capacityApi.declareSpecialty(organizationId, {
        specialty: values.specialty,
        grade: values.grade,
        assessedBy: values.assessedBy.trim(),
        validUntil: values.validUntil,
      });
      await queryClient.invalidateQueries({ queryKey: ['capacity', organizationId] });
      toast.success(t('embedding.declared'));
      close();
    } catch (failure) {
      if (!showFieldError(form, failure, SPECIALTY_FIELDS, message(failure))) setError(failure);
    } finally {
      setSaving(false);
    }
  };

  return (
    <Modal
      open={open}
      title={t('capacity.addSpecialtyTitle')}
      okText={t('embedding.declare')}
      cancelText={t('common.cancel')}
      onOk={() => form.submit()}
      confirmLoading={saving}
      onCancel={close}
      destroyOnHidden
    >
      <Form<SpecialtyValues> form={form} name="declare-specialty" layout="vertical" onFinish={submit} preserve={false}>
        <ErrorAlert error={error} onClose={() => setError(null)} />
        <Form.Item name="specialty" label={t('capacity.specialty')} rules={[requiredRule]}>
          <Select
            placeholder={t('form.choose')}
            options={RESCUE_SPECIALTIES.map((s) => ({ value: s, label: t(`capacity.specialties.${s}`) }))}
          />
        </Form.Item>
        <Form.Item name="grade" label={t('capacity.grade')} rules={[requiredRule]} extra={t('capacity.gradeHint')}>
          <Select
            placeholder={t('form.choose')}
            options={GRADES.map((grade) => ({ value: grade, label: t(`capacity.grades.${grade}`) }))}
          />
        </Form.Item>
        <Form.Item name="assessedBy" label={t('capacity.assessedBy')} rules={[{ ...requiredRule, whitespace: true }]}>
          <Input maxLength={200} placeholder={t('capacity.assessedByPlaceholder')} />
        </Form.Item>
        <Form.Item name="validUntil" label={t('capacity.validUntil')} rules={[requiredRule]}>
          <Input type="date" className="date-input" />
        </Form.Item>
      </Form>
    </Modal>
  );
}
