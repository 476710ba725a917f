/** One lesson or review in full, with links to its incident and program; a review with how each organization did. */
import { Descriptions, Drawer, Rate, Table, Tag, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import { JurisdictionName } from '../../components/jurisdiction-name';
import { OrganizationName } from '../../components/organization-name';
import { useDateTime } from '../../format';
import type { Lesson, PerformanceNote } from '../../types';
import { IncidentLink, ProgramLink } from './links';

export function LessonDrawer({ lesson, onClose }: { lesson: Lesson | null; onClose: () => void }) {
  const { t } = useTranslation();
  const dateTime = useDateTime();
  return (
    <Drawer open={lesson !== null} onClose={onClose} title={lesson?.title} size="large">
      {lesson ? (
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
        </>
      ) : null}
    </Drawer>
  );
}
