/** Creates an account. Platform admins choose any role; org admins add people to their own organization. */
import { Form, Input, Modal } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { userApi } from '../../api';
import { ErrorAlert } from '../../components/error-alert';
import { showFieldError } from '../../error-text';
import { useCapabilities } from '../../session';
import type { NewUser, User } from '../../types';
import {
  type PlacementValues,
  placementFields,
  placementOf,
  UserPlacementFields,
  useUserErrorText,
} from './user-placement-fields';

interface Values extends PlacementValues {
  email: string;
  displayName?: string;
  password: string;
}

interface Props {
  open: boolean;
  creator: User;
  onClose: () => void;
  onCreated: (user: User) => void;
}

export function CreateUserModal({ open, creator, onClose, onCreated }: Props) {
  const { t } = useTranslation();
  const errorText = useUserErrorText();
  const may = useCapabilities();
  const [form] = Form.useForm<Values>();
  const [error, setError] = useState<unknown>(null);
  const [saving, setSaving] = useState(false);

  const submit = async (values: Values) => {
    if (!values.role) return;
    setError(null);
    setSaving(true);
    const { organizationId, jurisdiction } = placementOf(creator, may, { ...values, role: values.role });
    const body: NewUser = {
      email: values.email.trim(),
      password: values.password,
      role: values.role,
      displayName: values.displayName?.trim() || undefined,
      organizationId: organizationId ?? undefined,
      jurisdiction: jurisdiction ?? undefined,
    };
    try {
      const user = await userApi.create(body);
      form.resetFields();
      onCreated(user);
    } catch (failure) {
      const fields = [['email'], ['displayName'], ['password'], ...placementFields(may, values.role)] as const;
      if (!showFieldError(form, failure, fields, errorText(failure, values.role))) setError(failure);
    } finally {
      setSaving(false);
    }
  };

  return (
    <Modal
      open={open}
      title={t('users.create')}
      okText={t('users.createSubmit')}
      cancelText={t('common.cancel')}
      onOk={() => form.submit()}
      confirmLoading={saving}
      onCancel={() => {
        setError(null);
        onClose();
      }}
      forceRender
    >
      <Form<Values> form={form} name="create-user" layout="vertical" onFinish={submit} initialValues={{ role: undefined }}>
        <ErrorAlert error={error} onClose={() => setError(null)} />
        <Form.Item name="email" label={t('field.email')} rules={[{ required: true, type: 'email', message: t('form.email') }]}>
          <Input autoComplete="off" />
        </Form.Item>
        <Form.Item name="displayName" label={t('field.displayName')}>
          <Input maxLength={100} />
        </Form.Item>
        <Form.Item
          name="password"
          label={t('users.initialPassword')}
          extra={t('password.rule')}
          rules={[{ required: true, min: 10, message: t('password.rule') }]}
        >
          <Input.Password autoComplete="new-password" />
        </Form.Item>
        <UserPlacementFields />
      </Form>
    </Modal>
  );
}
