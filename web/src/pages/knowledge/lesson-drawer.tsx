/** One lesson or review in full, with links to its incident and program; a review with how each organization did. */
import { EditOutlined } from '@ant-design/icons';
import { useQueryClient } from '@tanstack/react-query';
import { Button, Descriptions, Drawer, Form, Input, Rate, Select, Table, Tag, Typography } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { lessonApi } from '../../api';
import { ErrorAlert } from '../../components/error-alert';
import { JurisdictionName } from '../../components/jurisdiction-name';
import { OrganizationName } from '../../components/organization-name';
import { useDateTime } from '../../format';
import type { Lesson, PerformanceNote } from '../../types';
import { IncidentLink, ProgramLink } from './links';
import { RevisionList } from './revision-list';

interface EditValues {
  title: string;
  body: string;
  tags: string[];
}

/** Editing a lesson's title, text and tags in place; the edit joins its history. */
function LessonEditForm({ lesson, onDone }: { lesson: Lesson; onDone: (saved: Lesson | null) => void }) {
  const { t } = useTranslation();
  const [error, setError] = useState<unknown>(null);
  const [busy, setBusy] = useState(false);
  const save = async (values: EditValues) => {
    setBusy(true);
    setError(null);
    try {
      onDone(await lessonApi.edit(lesson.id, values));
    } catch (failure) {
      setError(failure);
    } finally {
      setBusy(false);
    }
  };
  return (
    <Form<EditValues>
      layout="vertical"
      initialValues={{ title: lesson.title, body: lesson.body, tags: lesson.tags }}
      onFinish={save}
      data-testid="lesson-edit-form"
    >
      <ErrorAlert error={error} />
      <Form.Item name="title" label={t('knowledge.titleLabel')} rules={[{ required: true, whitespace: true }]}>
        <Input maxLength={200} />
      </Form.Item>
      <Form.Item name="body" label={t('knowledge.body')} rules={[{ required: true, whitespace: true }]}>
        <Input.TextArea autoSize={{ minRows: 4, maxRows: 16 }} maxLength={20_000} />
      </Form.Item>
      <Form.Item name="tags" label={t('knowledge.tags')}>
        <Select mode="tags" maxCount={20} />
      </Form.Item>
      <Button type="primary" htmlType="submit" loading={busy}>
        {t('common.save')}
      </Button>{' '}
      <Button onClick={() => onDone(null)}>{t('common.cancel')}</Button>
    </Form>
  );
}

export function LessonDrawer({ lesson: opened, onClose }: { lesson: Lesson | null; onClose: () => void }) {
  const { t } = useTranslation();
  const dateTime = useDateTime();
  const queryClient = useQueryClient();
  const [editing, setEditing] = useState(false);
  const [saved, setSaved] = useState<Lesson | null>(null);
  const lesson = saved && saved.id === opened?.id ? saved : opened;
  const close = () => {
    setEditing(false);
    setSaved(null);
    onClose();
  };
  return (
    <Drawer
      open={lesson !== null}
      onClose={close}
      title={lesson?.title}
      size="large"
      extra={
        lesson?.viewerCanEdit && !editing ? (
          <Button icon={<EditOutlined />} onClick={() => setEditing(true)} data-testid="lesson-edit">
            {t('knowledge.revisions.edit')}
          </Button>
        ) : null
      }
    >
      {lesson && editing ? (
        <LessonEditForm
          lesson={lesson}
          onDone={(result) => {
            setEditing(false);
            if (result) {
              setSaved(result);
              void queryClient.invalidateQueries({ queryKey: ['lessons'] });
              void queryClient.invalidateQueries({ queryKey: ['lesson-revisions', result.id] });
            }
          }}
        />
      ) : lesson ? (
        <>
          <Descriptions
            size="small"
            column={1}
            items={[
              { key: 'kind', label: t('knowledge.kindLabel'), children: t(`knowledge.kind.${lesson.kind}`) },
              { key: 'area', label: t('knowledge.area'), children: <JurisdictionName code={lesson.jurisdiction} /> },
              {
                key: 'incident',
                label: t('knowledge.incident'),
                children: lesson.incidentId ? <IncidentLink id={lesson.incidentId} /> : '—',
              },
              {
                key: 'program',
                label: t('knowledge.program'),
                children: lesson.programId ? <ProgramLink id={lesson.programId} hint={t('knowledge.programLink')} /> : '—',
              },
              {
                key: 'tags',
                label: t('knowledge.tags'),
                children: lesson.tags.length ? lesson.tags.map((tag) => <Tag key={tag}>{tag}</Tag>) : '—',
              },
              { key: 'at', label: t('knowledge.recordedAt'), children: dateTime(lesson.createdAt) },
            ]}
          />
          <Typography.Paragraph className="lesson-body" data-testid="lesson-body" style={{ whiteSpace: 'pre-wrap' }}>
            {lesson.body}
          </Typography.Paragraph>
          {lesson.kind === 'after_action_review' ? (
            <>
              <Typography.Title level={5}>{t('knowledge.performance')}</Typography.Title>
              <Table<PerformanceNote>
                size="small"
                rowKey="organizationId"
                pagination={false}
                dataSource={lesson.performance}
                columns={[
                  {
                    key: 'organization',
                    title: t('knowledge.organization'),
                    render: (_, note) => <OrganizationName id={note.organizationId} />,
                  },
                  { key: 'note', dataIndex: 'note', title: t('knowledge.note') },
                  {
                    key: 'rating',
                    title: t('knowledge.rating'),
                    render: (_, note) => (note.rating === null ? '—' : <Rate disabled value={note.rating} />),
                  },
                ]}
              />
            </>
          ) : null}
          <Typography.Title level={5}>{t('knowledge.revisions.history')}</Typography.Title>
          <RevisionList queryKey={['lesson-revisions', lesson.id]} load={() => lessonApi.revisions(lesson.id)} />
        </>
      ) : null}
    </Drawer>
  );
}
