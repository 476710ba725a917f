/** An admin sets a new password for another account. */
import { Form, Modal } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { userApi } from '../../api';
import { ErrorAlert } from '../../components/error-alert';
import { NewPasswordFields } from '../../components/new-password-fields';
import type { User } from '../../types';

interface Props {
  user: User | null;
  onClose: () => void;
  onDone: () => void;
}

export function ResetPasswordModal({ user, onClose, onDone }: Props) {
  const { t } = useTranslation();
  const [form] = Form.useForm<{ password: string; confirm: string }>();
  const [error, setError] = useState<unknown>(null);
  const [saving, setSaving] = useState(false);

  const submit = async ({ password }: { password: string }) => {
    if (!user) return;
    setError(null);
    setSaving(true);
    try {
      await userApi.resetPassword(user.id, password);
      form.resetFields();
      onDone();
    } catch (failure) {
      setError(failure);
    } finally {
      setSaving(false);
    }
  };

  return (
    <Modal
      open={user !== null}
      title={t('users.resetTitle', { name: user?.displayName || user?.email })}
      okText={t('users.resetPassword')}
      cancelText={t('common.cancel')}
      onOk={() => form.submit()}
      confirmLoading={saving}
      onCancel={() => {
        setError(null);
        form.resetFields();
        onClose();
      }}
      forceRender
    >
      <Form form={form} name="reset-password" layout="vertical" onFinish={submit}>
        <ErrorAlert error={error} onClose={() => setError(null)} />
        <NewPasswordFields name="password" />
      </Form>
    </Modal>
  );
}
