/** A new password and its confirmation, with the platform's strength rule. */
import { Form, Input } from 'antd';
import { useTranslation } from 'react-i18next';

export function NewPasswordFields({ name, label }: { name: string; label?: string }) {
  const { t } = useTranslation();
  return (
    <>
      <Form.Item
        name={name}
        label={label ?? t('account.newPassword')}
        extra={t('password.rule')}
        rules={[{ required: true, min: 10, message: t('password.rule') }]}
      >
        <Input.Password autoComplete="new-password" />
      </Form.Item>
      <Form.Item
        name="confirm"
        label={t('account.confirmPassword')}
        dependencies={[name]}
        rules={[
          { required: true, message: t('form.required') },
          ({ getFieldValue }) => ({
            validator: (_, value) =>
              value === getFieldValue(name) ? Promise.resolve() : Promise.reject(new Error(t('account.mismatch'))),
          }),
        ]}
      >
        <Input.Password autoComplete="new-password" />
      </Form.Item>
    </>
  );
}
