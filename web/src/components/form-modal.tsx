/** The shared shell of a modal form: its submission state and its Modal. */
import { type FormInstance, Modal } from 'antd';
import { type ReactNode, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { showFieldError, useErrorText } from '../error-text';

/**
 * A form's submission: `run` marks it saving, and an API failure either lands on the form
 * field it names (one of `fields`) or becomes `error`, shown above the form.
 */
export function useFormSubmit(
  form: FormInstance,
  fields: readonly (readonly (string | number)[])[],
): {
  saving: boolean;
  error: unknown;
  setError: (error: unknown) => void;
  run: (action: () => Promise<void>) => Promise<void>;
} {
  const { message } = useErrorText();
  const [error, setError] = useState<unknown>(null);
  const [saving, setSaving] = useState(false);

  const run = async (action: () => Promise<void>) => {
    setError(null);
    setSaving(true);
    try {
      await action();
    } catch (failure) {
      if (!showFieldError(form, failure, fields, message(failure))) setError(failure);
    } finally {
      setSaving(false);
    }
  };

  return { saving, error, setError, run };
}

/** A Modal whose OK button submits `form`. */
export function FormModal({
  form,
  open,
  title,
  okText,
  width,
  saving,
  onCancel,
  children,
}: {
  form: FormInstance;
  open: boolean;
  title: ReactNode;
  okText: ReactNode;
  width: number;
  saving: boolean;
  onCancel: () => void;
  children: ReactNode;
}) {
  const { t } = useTranslation();
  return (
    <Modal
      open={open}
      title={title}
      okText={okText}
      cancelText={t('common.cancel')}
      onOk={() => form.submit()}
      confirmLoading={saving}
      onCancel={onCancel}
      width={width}
      destroyOnHidden
    >
      {children}
    </Modal>
  );
}
