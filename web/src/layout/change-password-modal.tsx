import { App, Form, Input, Modal } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { ApiError, authApi } from '../api';
import { ErrorAlert } from '../components/error-alert';
import { NewPasswordFields } from '../components/new-password-fields';
import { showFieldError, useErrorText } from '../error-text';

interface Values {
  currentPassword: string;
  newPassword: string;
  confirm: string;
}

const FIELDS = [['currentPassword'], ['newPassword']] as const;

/** Changes the signed-in user's own password. */
export function ChangePasswordModal({ open, onClose }: { open: boolean; onClose: () => void }) {
  const { t } = useTranslation();
  const { message: notify } = App.useApp();
  const { message } = useErrorText();
  const [form] = Form.useForm<Values>();
  const [error, setError] = useState<unknown>(null);
  const [saving, setSaving] = useState(false);

  const close = () => {
    form.resetFields();
    setError(null);
    onClose();
  };

  const submit = async (values: Values) => {
    setError(null);
    setSaving(true);
    try {
      await authApi.changePassword({ currentPassword: values.currentPassword, newPassword: values.newPassword });
      notify.success(t('account.passwordChanged'));
      close();
    } catch (failure) {
      const text = message(failure);
      if (failure instanceof ApiError && failure.code === 'invalid_credentials') {
        form.setFields([{ name: 'currentPassword', errors: [text] }]);
      } else if (failure instanceof ApiError && failure.code === 'weak_password') {
        form.setFields([{ name: 'newPassword', errors: [text] }]);
      } else if (!showFieldError(form, failure, FIELDS, text)) {
        setError(failure);
      }
    } finally {
      setSaving(false);
    }
  };

  return (
    <Modal
      open={open}
      title={t('account.changePassword')}
      okText={t('common.save')}
      cancelText={t('common.cancel')}
      onOk={() => form.submit()}
      confirmLoading={saving}
      onCancel={close}
      forceRender
    >
      <Form<Values> form={form} name="change-password" layout="vertical" onFinish={submit}>
        <ErrorAlert error={error} onClose={() => setError(null)} />
        <Form.Item
          name="currentPassword"
          label={t('account.currentPassword')}
          rules={[{ required: true, message: t('form.required') }]}
        >
          <Input.Password autoComplete="current-password" />
        </Form.Item>
        <NewPasswordFields name="newPassword" />
      </Form>
    </Modal>
  );
}
