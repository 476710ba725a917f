/** Creates an account. Platform admins choose any role; org admins add people to their own organization. */
import { Form, Input, Modal, Select } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { ORGANIZATION_ROLES, ROLES, type Role, roleNeedsJurisdiction, roleNeedsOrganization } from '../../../../src/model/roles';
import { userApi } from '../../api';
import { ErrorAlert } from '../../components/error-alert';
import { JurisdictionCascader } from '../../components/jurisdiction-cascader';
import { OrganizationPicker } from '../../components/organization-picker';
import { showFieldError, useErrorText } from '../../error-text';
import type { NewUser, User } from '../../types';

interface Values {
  email: string;
  displayName?: string;
  password: string;
  role?: Role;
  organizationId?: string | null;
  jurisdiction?: string | null;
}

const FIELDS = [['email'], ['displayName'], ['password'], ['role'], ['organizationId'], ['jurisdiction']] as const;

interface Props {
  open: boolean;
  creator: User;
  onClose: () => void;
  onCreated: (user: User) => void;
}

export function CreateUserModal({ open, creator, onClose, onCreated }: Props) {
  const { t } = useTranslation();
  const { message } = useErrorText();
  const [form] = Form.useForm<Values>();
  const [error, setError] = useState<unknown>(null);
  const [saving, setSaving] = useState(false);
  const role = Form.useWatch('role', form);
  const isAdmin = creator.role === 'platform_admin';
  const roles = isAdmin ? ROLES : ORGANIZATION_ROLES;

  const submit = async (values: Values) => {
    setError(null);
    setSaving(true);
    const body: NewUser = {
      email: values.email.trim(),
      password: values.password,
      role: values.role as Role,
      displayName: values.displayName?.trim() || undefined,
    };
    if (!isAdmin && creator.organizationId) body.organizationId = creator.organizationId;
    else if (values.organizationId && body.role && roleNeedsOrganization(body.role)) body.organizationId = values.organizationId;
    if (values.jurisdiction && body.role && roleNeedsJurisdiction(body.role)) body.jurisdiction = values.jurisdiction;
    try {
      const user = await userApi.create(body);
      form.resetFields();
      onCreated(user);
    } catch (failure) {
      if (!showFieldError(form, failure, FIELDS, message(failure))) setError(failure);
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
        <Form.Item name="role" label={t('field.role')} rules={[{ required: true, message: t('form.required') }]}>
          <Select placeholder={t('form.choose')} options={roles.map((r) => ({ value: r, label: t(`role.${r}`) }))} />
        </Form.Item>
        {isAdmin && role && roleNeedsOrganization(role) ? (
          <Form.Item
            name="organizationId"
            label={t('field.organizationId')}
            rules={[{ required: true, message: t('form.required') }]}
          >
            <OrganizationPicker />
          </Form.Item>
        ) : null}
        {role && roleNeedsJurisdiction(role) ? (
          <Form.Item
            name="jurisdiction"
            label={t('field.jurisdiction')}
            rules={[{ required: true, message: t('form.required') }]}
          >
            <JurisdictionCascader />
          </Form.Item>
        ) : null}
      </Form>
    </Modal>
  );
}
