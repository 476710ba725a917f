/** Recording experience, a lesson learned, or (coordinators) an incident's after-action review. */
import { MinusCircleOutlined, PlusOutlined } from '@ant-design/icons';
import { useQueryClient } from '@tanstack/react-query';
import { App, Button, Flex, Form, Input, Radio, Rate, Select } from 'antd';
import { useTranslation } from 'react-i18next';
import { LESSON_KINDS } from '../../../../src/model/lesson';
import { lessonApi } from '../../api';
import { FormModal, useFormSubmit } from '../../components/form-modal';
import { JurisdictionCascader } from '../../components/jurisdiction-cascader';
import { OrganizationPicker } from '../../components/organization-picker';
import { useCapabilities, useCurrentUser } from '../../session';
import type { LessonKind } from '../../types';
import { ChoiceSelect, useIncidentChoices, useProgramChoices } from './links';

interface Values {
  kind: LessonKind;
  title: string;
  body: string;
  jurisdiction: string | null;
  incidentId?: string;
  programId?: string;
  tags: string[];
  performance?: { organizationId: string | null; note: string; rating?: number }[];
}

const FIELDS = [
  ['kind'],
  ['title'],
  ['body'],
  ['jurisdiction'],
  ['incidentId'],
  ['programId'],
  ['tags'],
  ['performance'],
] as const;

export function RecordLessonModal({ open, onClose }: { open: boolean; onClose: () => void }) {
  const { t } = useTranslation();
  const user = useCurrentUser();
  const may = useCapabilities();
  const { message: toast } = App.useApp();
  const queryClient = useQueryClient();
  const [form] = Form.useForm<Values>();
  const submission = useFormSubmit(form, FIELDS, onClose);
  const kind = Form.useWatch('kind', form);
  const review = kind === 'after_action_review';
  const kinds = LESSON_KINDS.filter((value) => value !== 'after_action_review' || may.recordReviews);
  const incidents = useIncidentChoices(open);
  // The programs of the lesson's area.
  const area = Form.useWatch('jurisdiction', form);
  const programs = useProgramChoices(area ?? null, open);
  const required = { required: true, message: t('form.required') };

  const submit = async (values: Values) => {
    const { jurisdiction } = values;
    if (!jurisdiction) return;
    await submission.run(async () => {
      const lesson = await lessonApi.record({
        kind: values.kind,
        title: values.title.trim(),
        body: values.body.trim(),
        jurisdiction,
        incidentId: values.incidentId ?? null,
        programId: values.programId ?? null,
        tags: values.tags,
        performance:
          values.kind === 'after_action_review'
            ? (values.performance ?? []).flatMap((note) =>
                note.organizationId
                  ? [{ organizationId: note.organizationId, note: note.note.trim(), rating: note.rating || null }]
                  : [],
              )
            : [],
      });
      await queryClient.invalidateQueries({ queryKey: ['lessons'] });
      toast.success(t('knowledge.recorded', { title: lesson.title }));
      submission.close();
    });
  };

  return (
    <FormModal
      form={form}
      open={open}
      title={t('knowledge.recordTitle')}
      okText={t('knowledge.recordSubmit')}
      width={680}
      submission={submission}
    >
      <Form<Values>
        form={form}
        name="record-lesson"
        layout="vertical"
        initialValues={{ kind: 'experience', title: '', body: '', jurisdiction: user.jurisdiction, tags: [] }}
        onFinish={submit}
      >
        <Form.Item name="kind" label={t('knowledge.kindLabel')} rules={[required]}>
          <Radio.Group optionType="button" options={kinds.map((value) => ({ value, label: t(`knowledge.kind.${value}`) }))} />
        </Form.Item>
        <Form.Item name="title" label={t('knowledge.titleLabel')} rules={[{ ...required, whitespace: true }]}>
          <Input maxLength={200} />
        </Form.Item>
        <Form.Item name="body" label={t('knowledge.body')} rules={[{ ...required, whitespace: true }]}>
          <Input.TextArea maxLength={20_000} autoSize={{ minRows: 4, maxRows: 12 }} />
        </Form.Item>
        <div className="form-row">
          <Form.Item name="jurisdiction" label={t('knowledge.area')} rules={[required]}>
            <JurisdictionCascader allowClear={false} />
          </Form.Item>
          <Form.Item
            name="incidentId"
            label={t('knowledge.incident')}
            rules={review ? [required] : []}
            extra={review ? t('knowledge.incidentHint') : undefined}
          >
            <ChoiceSelect choices={incidents} placeholder={t('knowledge.incidentPlaceholder')} />
          </Form.Item>
        </div>
        <Form.Item name="programId" label={t('knowledge.program')}>
          <ChoiceSelect choices={programs} placeholder={t('knowledge.programPlaceholder')} />
        </Form.Item>
        <Form.Item name="tags" label={t('knowledge.tags')}>
          <Select mode="tags" maxCount={20} tokenSeparators={[',', '，']} placeholder={t('knowledge.tagsPlaceholder')} />
        </Form.Item>
        {review ? (
          <fieldset className="form-fieldset">
            <legend>{t('knowledge.performance')}</legend>
            <Form.List name="performance">
              {(fields, { add, remove }) => (
                <>
                  {fields.map((field) => (
                    <Flex key={field.key} gap={8} align="flex-start" wrap>
                      <Form.Item name={[field.name, 'organizationId']} rules={[required]} style={{ minWidth: 200 }}>
                        <OrganizationPicker aria-label={t('knowledge.organization')} />
                      </Form.Item>
                      <Form.Item name={[field.name, 'note']} rules={[{ ...required, whitespace: true }]} style={{ flex: 1 }}>
                        <Input maxLength={2000} placeholder={t('knowledge.note')} aria-label={t('knowledge.note')} />
                      </Form.Item>
                      <Form.Item name={[field.name, 'rating']}>
                        <Rate aria-label={t('knowledge.rating')} />
                      </Form.Item>
                      <Button
                        type="text"
                        icon={<MinusCircleOutlined />}
                        aria-label={t('knowledge.removeNote')}
                        onClick={() => remove(field.name)}
                      />
                    </Flex>
                  ))}
                  <Button type="dashed" icon={<PlusOutlined />} onClick={() => add({ note: '' })}>
                    {t('knowledge.addNote')}
                  </Button>
                </>
              )}
            </Form.List>
          </fieldset>
        ) : null}
      </Form>
    </FormModal>
  );
}
