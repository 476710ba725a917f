/** The shared shell of a modal form: its submission state and its Modal. */
import { type FormInstance, Modal } from 'antd';
import { type ReactNode, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { showFieldError, useErrorText } from '../error-text';
import { ErrorAlert } from './error-alert';

export interface FormSubmit {
  saving: boolean;
  error: unknown;
  setError: (error: unknown) => void;
  run: (action: () => Promise<void>) => Promise<void>;
  /** Closes the form, its error cleared and its fields reset for the next time. */
  close: () => void;
}

/**
 * A form's submission: `run` marks it saving, and an API failure either lands on the form
 * field it names (one of `fields`) or becomes `error`, shown above the form; `close` clears
 * both and calls `onClose`.
 */
export function useFormSubmit(
  form: FormInstance,
  fields: readonly (readonly (string | number)[])[],
  onClose: () => void,
): FormSubmit {
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

  const close = () => {
    setError(null);
    form.resetFields();
    onClose();
  };

  return { saving, error, setError, run, close };
}

/** A Modal whose OK button submits `form`, with the submission's error above it; cancelling closes it. */
export function FormModal({
  form,
  submission,
  open,
  title,
  okText,
  width,
  danger = false,
  children,
}: {
  form: FormInstance;
  submission: FormSubmit;
  open: boolean;
  title: ReactNode;
  okText: ReactNode;
  width?: number;
  /** The OK button in red: the action cannot be undone. */
  danger?: boolean;
  children: ReactNode;
}) {
  const { t } = useTranslation();
  return (
    <Modal
      open={open}
      title={title}
      okText={okText}
      okButtonProps={danger ? { danger } : undefined}
      cancelText={t('common.cancel')}
      onOk={() => form.submit()}
      confirmLoading={submission.saving}
      onCancel={submission.close}
      width={width}
      destroyOnHidden
    >
      <ErrorAlert error={submission.error} onClose={() => submission.setError(null)} />
      {children}
    </Modal>
  );
}
