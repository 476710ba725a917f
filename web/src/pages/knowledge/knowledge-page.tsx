/**
 * 知识库: search experience, lessons learned and after-action reviews (by text, kind, area,
 * incident and program); record new ones.
 */
import { PlusOutlined } from '@ant-design/icons';
import { Button, Card, Empty, Flex, Input, Segmented, Spin, Tag, Typography } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { LESSON_KINDS } from '../../../../src/model/lesson';
import { lessonApi } from '../../api';
import { ErrorAlert } from '../../components/error-alert';
import { JurisdictionCascader } from '../../components/jurisdiction-cascader';
import { JurisdictionName } from '../../components/jurisdiction-name';
import { LoadMore, usePagedList } from '../../components/load-more';
import { PageHeader } from '../../components/page-header';
import { useDateTime } from '../../format';
import { useCapabilities } from '../../session';
import type { Lesson, LessonKind, LessonPage } from '../../types';
import { LessonDrawer } from './lesson-drawer';
import { ChoiceSelect, useIncidentChoices, useProgramChoices } from './links';
import { RecordLessonModal } from './record-lesson-modal';

const PAGE_SIZE = 20;
type KindFilter = LessonKind | 'all';

function LessonCard({ lesson, onOpen }: { lesson: Lesson; onOpen: () => void }) {
  const { t } = useTranslation();
  const dateTime = useDateTime();
  return (
    <Card
      size="small"
      className="lesson-card"
      data-testid="lesson-card"
      title={
        <Button type="link" className="lesson-card-title" onClick={onOpen}>
          {lesson.title}
        </Button>
      }
      extra={<Tag color={lesson.kind === 'after_action_review' ? 'purple' : 'blue'}>{t(`knowledge.kind.${lesson.kind}`)}</Tag>}
    >
      <Flex wrap gap={8} align="center" className="small">
        <JurisdictionName code={lesson.jurisdiction} />
        {lesson.tags.map((tag) => (
          <Tag key={tag}>{tag}</Tag>
        ))}
      </Flex>
      <Typography.Paragraph ellipsis={{ rows: 2 }} className="lesson-card-body">
        {lesson.body}
      </Typography.Paragraph>
      <div className="muted small">{dateTime(lesson.createdAt)}</div>
    </Card>
  );
}

export function KnowledgePage() {
  const { t } = useTranslation();
  const may = useCapabilities();
  const [text, setText] = useState('');
  const [q, setQ] = useState('');
  const [kind, setKind] = useState<KindFilter>('all');
  const [jurisdiction, setJurisdiction] = useState<string | null>(null);
  const [incidentId, setIncidentId] = useState<string | undefined>();
  const [programId, setProgramId] = useState<string | undefined>();
  const [open, setOpen] = useState<Lesson | null>(null);
  const [recording, setRecording] = useState(false);
  const incidents = useIncidentChoices();
  // The programs of the area chosen, if any: the lessons are filtered by it too.
  const programs = useProgramChoices(jurisdiction);

  const { items, query: lessons } = usePagedList<Lesson, LessonPage>({
    queryKey: ['lessons', q, kind, jurisdiction ?? '', incidentId ?? '', programId ?? ''],
    fetchPage: (cursor) =>
      lessonApi.search({
        q: q || undefined,
        kind: kind === 'all' ? undefined : kind,
        jurisdiction: jurisdiction ?? undefined,
        incidentId,
        programId,
        limit: PAGE_SIZE,
        cursor,
      }),
  });
  const total = lessons.data?.pages[0]?.total ?? 0;

  return (
    <>
      <PageHeader
        title={t('knowledge.title')}
        crumbs={[{ title: t('nav.knowledge') }]}
        subtitle={t('knowledge.subtitle')}
        extra={
          may.recordLessons ? (
            <Button type="primary" icon={<PlusOutlined />} onClick={() => setRecording(true)}>
              {t('knowledge.record')}
            </Button>
          ) : null
        }
      />
      <Flex wrap gap={12} align="center" className="filter-bar" style={{ marginBottom: 16 }} data-testid="knowledge-filters">
        <Input.Search
          allowClear
          value={text}
          onChange={(event) => setText(event.target.value)}
          onSearch={(value) => setQ(value.trim())}
          placeholder={t('knowledge.searchPlaceholder')}
          aria-label={t('knowledge.search')}
          maxLength={100}
          style={{ width: 280 }}
        />
        <Segmented<KindFilter>
          value={kind}
          onChange={setKind}
          aria-label={t('knowledge.kindFilter')}
          options={[
            { value: 'all', label: t('knowledge.allKinds') },
            ...LESSON_KINDS.map((value) => ({ value, label: t(`knowledge.kind.${value}`) })),
          ]}
        />
        <JurisdictionCascader
          value={jurisdiction}
          onChange={(code) => {
            setJurisdiction(code);
            // The program filter offers the area's programs: one of another area no longer applies.
            setProgramId(undefined);
          }}
          aria-label={t('knowledge.area')}
          style={{ minWidth: 220 }}
        />
        <ChoiceSelect
          choices={incidents}
          value={incidentId}
          onChange={setIncidentId}
          placeholder={t('knowledge.allIncidents')}
          aria-label={t('knowledge.incidentFilter')}
          data-testid="knowledge-incident-filter"
          style={{ minWidth: 200 }}
        />
        <ChoiceSelect
          choices={programs}
          value={programId}
          onChange={setProgramId}
          placeholder={t('knowledge.allPrograms')}
          aria-label={t('knowledge.programFilter')}
          data-testid="knowledge-program-filter"
          style={{ minWidth: 200 }}
        />
      </Flex>
      <ErrorAlert error={lessons.error} />
      {lessons.isPending ? (
        <Spin />
      ) : items.length === 0 ? (
        <Empty
          description={
            q || kind !== 'all' || jurisdiction || incidentId || programId ? t('knowledge.noMatch') : t('knowledge.empty')
          }
        />
      ) : (
        <>
          <div className="muted small">{t('knowledge.total', { count: total })}</div>
          <Flex vertical gap={12} className="lesson-list">
            {items.map((lesson) => (
              <LessonCard key={lesson.id} lesson={lesson} onOpen={() => setOpen(lesson)} />
            ))}
          </Flex>
          <LoadMore pager={lessons} />
        </>
      )}
      <LessonDrawer lesson={open} onClose={() => setOpen(null)} />
      <RecordLessonModal open={recording} onClose={() => setRecording(false)} />
    </>
  );
}
