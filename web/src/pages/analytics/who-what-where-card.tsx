/**
 * 3W (who does what where when): the needs organizations claimed (by category) and the programs
 * they ran (by kind) in the area over the period, as bars by place and by what, or the places on
 * a map; the numbers are the table of rows, a page at a time, to filter, sort and take away as
 * CSV (every page of it).
 */
import type { UseQueryResult } from '@tanstack/react-query';
import { Segmented } from 'antd';
import { useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { ActivityTotal, AnalyticsScope, WhoWhatWhere } from '../../types';
import { AnalyticCard, StatList } from './analytic-card';
import { type ChartOption, EChart, escapeHtml } from './echart';
import { PlaceMap } from './place-map';
import { useWhatLabel } from './who-what-where-names';
import { WhoWhatWhereTable } from './who-what-where-table';

/** The bars shown per chart: the busiest places and kinds of work. */
const TOP = 8;
const BAR_COLORS = { place: '#1d5bbf', what: '#2f8f5b' } as const;

function WhoWhatWhereChart({ data }: { data: WhoWhatWhere }) {
  const { t } = useTranslation();
  const whatLabel = useWhatLabel();
  const places = useMemo(() => data.byPlace.slice(0, TOP), [data.byPlace]);
  const whats = useMemo(() => data.byWhat.slice(0, TOP), [data.byWhat]);
  const placeName = useMemo(() => {
    const names = new Map(places.map((p) => [p.key, p.name]));
    return (code: string) => names.get(code) ?? code;
  }, [places]);
  const label = t('analytics.www.summary', {
    rows: data.total,
    organizations: data.organizations,
    place: places[0] ? `${places[0].name} ${places[0].count}` : '—',
    what: whats[0] ? `${whatLabel(whats[0].key)} ${whats[0].count}` : '—',
  });
  const height = 64 + 28 * Math.max(places.length, whats.length, 3);

  const option = useMemo((): ChartOption => {
    const charts = [
      { totals: places, name: t('analytics.www.byPlace'), label: placeName, color: BAR_COLORS.place },
      { totals: whats, name: t('analytics.www.byWhat'), label: whatLabel, color: BAR_COLORS.what },
    ];
    const tip = (total: ActivityTotal, name: string) =>
      `<strong>${escapeHtml(name)}</strong><br/>${escapeHtml(
        t('analytics.www.totalTip', { count: total.count, organizations: total.organizations }),
      )}`;
    return {
      // Side by side, each with room on its left for the names (up to 88 px) and on its right for the counts.
      grid: [
        { left: 100, right: '57%', top: 28, bottom: 8 },
        { left: '57%', right: 36, top: 28, bottom: 8 },
      ],
      tooltip: {
        trigger: 'item',
        formatter: (params) => {
          const { seriesIndex = 0, dataIndex } = params as { seriesIndex?: number; dataIndex: number };
          const chart = charts[seriesIndex];
          const total = chart?.totals[dataIndex];
          return chart && total ? tip(total, chart.label(total.key)) : '';
        },
      },
      xAxis: charts.map((_, index) => ({
        type: 'value',
        gridIndex: index,
        minInterval: 1,
        splitLine: { lineStyle: { color: '#eef0f4' } },
        axisLabel: { show: false },
      })),
      yAxis: charts.map((chart, index) => ({
        type: 'category',
        gridIndex: index,
        // The busiest at the top.
        inverse: true,
        data: chart.totals.map((total) => chart.label(total.key)),
        name: chart.name,
        nameLocation: 'start',
        nameTextStyle: { color: '#374151', fontWeight: 600, align: 'right' },
        axisTick: { show: false },
        axisLabel: { color: '#374151', width: 88, overflow: 'truncate' },
      })),
      series: charts.map((chart, index) => ({
        type: 'bar' as const,
        name: chart.name,
        xAxisIndex: index,
        yAxisIndex: index,
        barMaxWidth: 18,
        itemStyle: { color: chart.color },
        data: chart.totals.map((total) => total.count),
        label: { show: true, position: 'right', color: '#374151' },
      })),
    };
  }, [places, whats, placeName, whatLabel, t]);

  return <EChart option={option} label={label} height={height} />;
}

type View = 'bars' | 'map';

/** The bars, or the places on a map. */
function WhoWhatWhereViews({ data }: { data: WhoWhatWhere }) {
  const { t } = useTranslation();
  const [view, setView] = useState<View>('bars');
  return (
    <>
      <Segmented<View>
        size="small"
        value={view}
        onChange={setView}
        aria-label={t('analytics.www.viewLabel')}
        className="analytics-table-filter"
        data-testid="www-view"
        options={[
          { value: 'bars', label: t('analytics.www.bars') },
          { value: 'map', label: t('analytics.www.map') },
        ]}
      />
      {view === 'bars' ? <WhoWhatWhereChart data={data} /> : <PlaceMap places={data.byPlace} />}
    </>
  );
}

export function WhoWhatWhereCard({ query, scope }: { query: UseQueryResult<WhoWhatWhere>; scope: AnalyticsScope }) {
  const { t } = useTranslation();
  return (
    <AnalyticCard
      id="analytics-www"
      wide
      title={t('analytics.www.title')}
      hint={t('analytics.www.hint')}
      query={query}
      period={(data) => t('analytics.range', { from: data.from, to: data.to })}
      empty={(data) => (data.total === 0 ? t('analytics.www.empty') : null)}
      summary={(data) => (
        <StatList
          stats={[
            { label: t('analytics.www.organizations'), value: data.organizations, testId: 'www-organizations' },
            { label: t('analytics.www.places'), value: data.byPlace.length, testId: 'www-places' },
            {
              label: t('analytics.www.activities'),
              // Every row has one "what": the totals by what add up to all the activity.
              value: data.byWhat.reduce((n, w) => n + w.count, 0),
              testId: 'www-activities',
            },
          ]}
        />
      )}
      chart={(data) => <WhoWhatWhereViews data={data} />}
      numbers={(data) => (
        <WhoWhatWhereTable
          data={data}
          scope={scope}
          answer={query}
          fileName={`3W-${scope.jurisdiction}-${data.from}-${data.to}.csv`}
        />
      )}
    />
  );
}
