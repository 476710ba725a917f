/** The history of a program or lesson: each edit, who made it, when, and the fields it changed. */
import { useQuery } from '@tanstack/react-query';
import { Empty, Spin, Timeline } from 'antd';
import { useTranslation } from 'react-i18next';
import { ActorName } from '../../components/actor-name';
import { ErrorAlert } from '../../components/error-alert';
import { useDateTime } from '../../format';
import type { Revision } from '../../types';

export function RevisionList({ queryKey, load }: { queryKey: readonly unknown[]; load: () => Promise<Revision[]> }) {
  const { t } = useTranslation();
  const dateTime = useDateTime();
  const query = useQuery({ queryKey: [...queryKey], queryFn: load });
  if (query.isPending) return <Spin size="small" />;
  if (query.error) return <ErrorAlert error={query.error} />;
  if (!query.data?.length) return <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t('knowledge.revisions.noHistory')} />;
  return (
    <Timeline
      data-testid="revisions"
      items={query.data.map((r) => ({
        key: r.seq,
        children: (
          <span>
            <span className="muted small">{dateTime(r.at)}</span> <ActorName id={r.actor} /> ·{' '}
            {t('knowledge.revisions.changed', { fields: r.changes.map((c) => c.field).join('、') })}
          </span>
        ),
      }))}
    />
  );
}
