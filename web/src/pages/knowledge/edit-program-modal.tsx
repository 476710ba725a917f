/** Editing a program's title, people reached, end and description, with its history of edits. */
import { useQueryClient } from '@tanstack/react-query';
import { Form, Input, InputNumber, Modal, Typography } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { programApi } from '../../api';
import { ErrorAlert } from '../../components/error-alert';
import type { Program } from '../../types';
import { RevisionList } from './revision-list';

interface Values {
  title: string;
  peopleReached: number;
  endsOn: string;
  description: string;
}

export function EditProgramModal({ program, onClose }: { program: Program | null; onClose: () => void }) {
  const { t } = useTranslation();
  const queryClient = useQueryClient();
  const [form] = Form.useForm<Values>();
  const [error, setError] = useState<unknown>(null);
  const [busy, setBusy] = useState(false);
  const save = async () => {
    if (!program) return;
    const values = await form.validateFields();
    setBusy(true);
    setError(null);
    try {
      await programApi.edit(program.id, {
        title: values.title,
        peopleReached: values.peopleReached,
        endsOn: values.endsOn?.trim() || null,
        description: values.description?.trim() || null,
      });
      await queryClient.invalidateQueries({ queryKey: ['programs'] });
      await queryClient.invalidateQueries({ queryKey: ['program-revisions', program.id] });
      onClose();
    } catch (failure) {
      setError(failure);
    } finally {
      setBusy(false);
    }
  };
  return (
    <Modal
      open={program !== null}
      title={program?.title}
      onCancel={onClose}
      onOk={() => void save()}
      okText={t('common.save')}
      confirmLoading={busy}
      destroyOnHidden
      data-testid="edit-program"
    >
      {program ? (
        <>
          <ErrorAlert error={error} />
          <Form<Values>
            form={form}
            layout="vertical"
            initialValues={{
              title: program.title,
              peopleReached: program.peopleReached,
              endsOn: program.endsOn ?? '',
              description: program.description ?? '',
            }}
          >
            <Form.Item name="title" label={t('programs.titleLabel')} rules={[{ required: true, whitespace: true }]}>
              <Input maxLength={200} />
            </Form.Item>
            <Form.Item name="peopleReached" label={t('programs.peopleReached')}>
              <InputNumber min={0} precision={0} className="full-width" />
            </Form.Item>
            <Form.Item name="endsOn" label={t('programs.endsOn')}>
              <Input maxLength={10} placeholder="YYYY-MM-DD" />
            </Form.Item>
            <Form.Item name="description" label={t('programs.description')}>
              <Input.TextArea autoSize={{ minRows: 2, maxRows: 8 }} maxLength={5000} />
            </Form.Item>
          </Form>
          <Typography.Title level={5}>{t('knowledge.revisions.history')}</Typography.Title>
          <RevisionList queryKey={['program-revisions', program.id]} load={() => programApi.revisions(program.id)} />
        </>
      ) : null}
    </Modal>
  );
}
