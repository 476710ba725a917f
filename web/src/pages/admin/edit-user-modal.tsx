/** Changes an account's name and placement; sends only what changed. */
import { Form, Input, Modal, Typography } from 'antd';
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { roleNeedsOrganization } from '../../../../src/model/roles';
import { userApi } from '../../api';
import { ErrorAlert } from '../../components/error-alert';
import { showFieldError } from '../../error-text';
import { useCapabilities } from '../../session';
import type { Capabilities, User, UserPatch } from '../../types';
import {
  type PlacementValues,
  placementFields,
  placementOf,
  UserPlacementFields,
  useUserErrorText,
} from './user-placement-fields';

interface Values extends PlacementValues {
  displayName?: string;
}

interface Props {
  /** The account being edited; null while the modal is closed. */
  user: User | null;
  editor: User;
  onClose: () => void;
  onSaved: (user: User) => void;
}

/** The patch that turns `user` into the form's values, or null when nothing changed. */
function changes(editor: User, may: Capabilities, user: User, values: Values & { role: User['role'] }): UserPatch | null {
  const patch: UserPatch = {};
  const displayName = values.displayName?.trim() || null;
  if (displayName !== user.displayName) patch.displayName = displayName;
  if (values.role !== user.role) patch.role = values.role;
  const placement = placementOf(editor, may, values);
  if (may.chooseOrganization) {
    // A role without an organization keeps the one it has unless the role itself changed.
    const organizationId =
      roleNeedsOrganization(values.role) || values.role !== user.role ? placement.organizationId : user.organizationId;
    if (organizationId !== user.organizationId) patch.organizationId = organizationId;
  }
  if (placement.jurisdiction !== user.jurisdiction) patch.jurisdiction = placement.jurisdiction;
  return Object.keys(patch).length > 0 ? patch : null;
}

export function EditUserModal({ user, editor, onClose, onSaved }: Props) {
  const { t } = useTranslation();
  const errorText = useUserErrorText();
  const may = useCapabilities();
  const [form] = Form.useForm<Values>();
  const [error, setError] = useState<unknown>(null);
  const [saving, setSaving] = useState(false);
  // The last account shown, so the title does not go blank while the modal closes.
  const [shown, setShown] = useState<User | null>(user);
  if (user && user !== shown) setShown(user);
  const isSelf = shown?.id === editor.id;

  // Each opening starts from the account as it is now.
  useEffect(() => {
    if (!user) return;
    setError(null);
    form.resetFields();
    form.setFieldsValue({
      displayName: user.displayName ?? '',
      role: user.role,
      organizationId: user.organizationId,
      jurisdiction: user.jurisdiction,
    });
  }, [user, form]);

  const submit = async (values: Values) => {
    if (!user || !values.role) return;
    const patch = changes(editor, may, user, { ...values, role: values.role });
    if (!patch) {
      onClose();
      return;
    }
    setError(null);
    setSaving(true);
    try {
      onSaved(await userApi.update(user.id, patch));
    } catch (failure) {
      const fields = [['displayName'], ...placementFields(may, values.role)] as const;
      if (!showFieldError(form, failure, fields, errorText(failure, values.role))) setError(failure);
    } finally {
      setSaving(false);
    }
  };

  return (
    <Modal
      open={user !== null}
      title={t('users.editTitle', { name: shown?.displayName || shown?.email })}
      okText={t('common.save')}
      cancelText={t('common.cancel')}
      onOk={() => form.submit()}
      confirmLoading={saving}
      onCancel={onClose}
      forceRender
    >
      <Form<Values> form={form} name="edit-user" layout="vertical" onFinish={submit}>
        <ErrorAlert error={error} onClose={() => setError(null)} />
        <Form.Item label={t('field.email')}>
          <Typography.Text className="code-text" data-testid="edit-user-email">
            {shown?.email}
          </Typography.Text>
        </Form.Item>
        <Form.Item name="displayName" label={t('field.displayName')}>
          <Input maxLength={100} />
        </Form.Item>
        <UserPlacementFields roleLocked={isSelf} />
      </Form>
    </Modal>
  );
}
