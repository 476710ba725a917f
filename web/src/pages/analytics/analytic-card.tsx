/**
 * One analytic on the dashboard: the chart first, the same numbers as a table one click
 * away, and the states between (loading, the server's refusal, nothing to show).
 */
import type { UseQueryResult } from '@tanstack/react-query';
import { Card, Empty, Segmented, Skeleton, Typography } from 'antd';
import { type ReactNode, useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { ErrorAlert } from '../../components/error-alert';
import { currentLanguage, intlLocale } from '../../i18n';

type View = 'chart' | 'numbers';

interface Props<T> {
  /** Names the card for tests and for the page's anchors ("analytics-modes"…). */
  id: string;
  title: string;
  /** What the analytic measures, in a line. */
  hint: string;
  query: UseQueryResult<T>;
  /** When there is nothing to draw (no organization in the area, no need in the period). */
  empty: (data: T) => string | null;
  /** Small statistics above both views. */
  summary?: (data: T) => ReactNode;
  chart: (data: T) => ReactNode;
  numbers: (data: T) => ReactNode;
  /** Below both views (the special-needs card's list of unserved needs). */
  footer?: (data: T) => ReactNode;
  /** The period the numbers cover, as the server answered it. */
  period?: (data: T) => string;
  /** Above both views, whatever the state: what the analytic is of (the substitution card's incident). */
  controls?: ReactNode;
  /** Said instead of loading while the query waits for a choice there is none to make (no incident in the area). */
  idle?: string;
  /** Across the whole grid: for a timeline or a wide table. */
  wide?: boolean;
}

export function AnalyticCard<T>({
  id,
  title,
  hint,
  query,
  empty,
  summary,
  chart,
  numbers,
  footer,
  period,
  controls,
  idle,
  wide = false,
}: Props<T>) {
  const { t } = useTranslation();
  const [view, setView] = useState<View>('chart');
  const { data, error, isPending, isPlaceholderData } = query;
  const emptyText = data === undefined ? null : empty(data);

  // A query that waits for a choice nobody can make is not loading: say why instead.
  const waiting = isPending && query.fetchStatus === 'idle' && idle !== undefined;

  let body: ReactNode;
  if (waiting) {
    body = <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={idle} />;
  } else if (isPending) {
    body = <Skeleton active paragraph={{ rows: 7 }} title={false} />;
  } else if (error || data === undefined) {
    body = <ErrorAlert error={error} detail testId="analytics-error" />;
  } else if (emptyText !== null) {
    body = <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={emptyText} />;
  } else {
    body = (
      <>
        {summary ? <div className="analytics-summary">{summary(data)}</div> : null}
        {view === 'chart' ? chart(data) : numbers(data)}
        {footer ? footer(data) : null}
      </>
    );
  }

  return (
    <Card
      className={`analytics-card${wide ? ' analytics-card-wide' : ''}${isPlaceholderData ? ' analytics-card-stale' : ''}`}
      data-testid={id}
      aria-busy={(isPending && !waiting) || isPlaceholderData}
      title={
        <div className="analytics-card-heading">
          <Typography.Title level={2} className="analytics-card-title">
            {title}
          </Typography.Title>
          {data !== undefined && period ? <span className="muted small">{period(data)}</span> : null}
        </div>
      }
      extra={
        <Segmented<View>
          size="small"
          value={view}
          onChange={setView}
          aria-label={t('analytics.view.label', { title })}
          options={[
            { value: 'chart', label: t('analytics.view.chart') },
            { value: 'numbers', label: t('analytics.view.numbers') },
          ]}
        />
      }
    >
      <Typography.Paragraph type="secondary" className="analytics-hint">
        {hint}
      </Typography.Paragraph>
      {controls}
      {body}
    </Card>
  );
}

/** A card's small statistics: each named (after a dot of its colour, if it has one) over its value. */
export interface Stat {
  label: string;
  value: ReactNode;
  color?: string;
  /** Drawn as a warning: there are some of what there should be none of. */
  alarm?: boolean;
  /** Given the room of two. */
  wide?: boolean;
  testId?: string;
}

export function StatList({ stats }: { stats: Stat[] }) {
  return (
    <dl className="analytics-stats">
      {stats.map((stat) => (
        <div key={stat.label} className={stat.wide ? 'analytics-stat analytics-stat-wide' : 'analytics-stat'}>
          <dt>
            {stat.color ? <span className="analytics-dot" style={{ background: stat.color }} aria-hidden="true" /> : null}
            {stat.label}
          </dt>
          <dd data-testid={stat.testId} className={stat.alarm ? 'analytics-alarm' : undefined}>
            {stat.value}
          </dd>
        </div>
      ))}
    </dl>
  );
}

/**
 * Formats of the reader's language: shares as percentages, scores with two decimals, hours, and
 * lists of names ("none" for an empty one).
 */
export function useNumberFormats(): {
  percent: (share: number | null) => string;
  score: (value: number) => string;
  hours: (value: number | null) => string;
  list: (labels: readonly string[]) => string;
} {
  const { t } = useTranslation();
  const locale = intlLocale(currentLanguage());
  // Stable between renders, so the charts' options built from them are too.
  return useMemo(() => {
    const percent = new Intl.NumberFormat(locale, { style: 'percent', maximumFractionDigits: 1 });
    const score = new Intl.NumberFormat(locale, { minimumFractionDigits: 2, maximumFractionDigits: 2 });
    const hours = new Intl.NumberFormat(locale, { maximumFractionDigits: 1 });
    return {
      percent: (share: number | null) => (share === null ? '—' : percent.format(share)),
      score: (value: number) => score.format(value),
      hours: (value: number | null) => (value === null ? '—' : t('analytics.special.hoursValue', { hours: hours.format(value) })),
      list: (labels: readonly string[]) =>
        labels.length ? labels.join(t('analytics.listSeparator')) : t('analytics.modes.none'),
    };
  }, [locale, t]);
}
