/**
 * A small modal that asks for one text (a reason, a note, a zone) and runs an action with it.
 * Errors show inside; it closes itself when the action succeeds.
 */
import { Form, Input, Modal, Typography } from 'antd';
import type { ReactNode } from 'react';
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { ErrorAlert } from './error-alert';

export interface NoteRequest {
  title: string;
  label: string;
  /** Text above the field. */
  intro?: ReactNode;
  required?: boolean;
  placeholder?: string;
  okText?: string;
  danger?: boolean;
  /** One line (a zone) rather than a paragraph. */
  short?: boolean;
  maxLength?: number;
  run: (text: string) => Promise<unknown>;
}

export function NoteModal({ request, onClose }: { request: NoteRequest | null; onClose: () => void }) {
  const { t } = useTranslation();
  const [form] = Form.useForm<{ text: string }>();
  const [error, setError] = useState<unknown>(null);
  const [busy, setBusy] = useState(false);

  useEffect(() => {
    if (!request) return;
    setError(null);
    form.resetFields();
  }, [request, form]);

  const submit = async ({ text }: { text?: string }) => {
    if (!request) return;
    setError(null);
    setBusy(true);
    try {
      await request.run(text?.trim() ?? '');
      onClose();
    } catch (failure) {
      setError(failure);
    } finally {
      setBusy(false);
    }
  };

  const max = request?.maxLength ?? (request?.short ? 100 : 1000);
  return (
    <Modal
      open={request !== null}
      title={request?.title}
      okText={request?.okText ?? t('common.confirm')}
      okButtonProps={{ danger: request?.danger }}
      cancelText={t('common.cancel')}
      onOk={() => form.submit()}
      confirmLoading={busy}
      onCancel={onClose}
      destroyOnHidden
    >
      <Form<{ text: string }> form={form} name="note" layout="vertical" onFinish={submit} preserve={false}>
        <ErrorAlert error={error} onClose={() => setError(null)} />
        {request?.intro ? <Typography.Paragraph type="secondary">{request.intro}</Typography.Paragraph> : null}
        <Form.Item
          name="text"
          label={request?.label}
          rules={request?.required ? [{ required: true, whitespace: true, message: t('form.required') }] : []}
        >
          {request?.short ? (
            <Input maxLength={max} placeholder={request.placeholder} autoFocus />
          ) : (
            <Input.TextArea rows={3} maxLength={max} showCount placeholder={request?.placeholder} autoFocus />
          )}
        </Form.Item>
      </Form>
    </Modal>
  );
}
