/**
 * 弱势群体需求: whether vulnerable people's needs are served as well and as fast as the
 * others (the study's 趋中性: government serves the average); coordinators of the area also
 * see which are still unserved, a page at a time.
 */
import type { UseQueryResult } from '@tanstack/react-query';
import { Table, type TableColumnsType, Typography } from 'antd';
import { type ReactNode, useMemo } from 'react';
import { useTranslation } from 'react-i18next';
import { analyticsApi } from '../../api';
import { JurisdictionName } from '../../components/jurisdiction-name';
import { useShortDateTime } from '../../format';
import type { AnalyticsScope, GroupCoverage, SpecialNeedsCoverage, UnservedNeed } from '../../types';
import { AnalyticCard, StatList, useNumberFormats } from './analytic-card';
import { type ChartOption, EChart } from './echart';
import { type Answer, PagedRows, PagedTable } from './paged-list';

const GROUPS = ['vulnerable', 'others'] as const;
type Group = (typeof GROUPS)[number];
const GROUP_COLORS: Record<Group, string> = { vulnerable: '#c8102e', others: '#8c9bb5' };

function SpecialNeedsChart({ data }: { data: SpecialNeedsCoverage }) {
  const { t } = useTranslation();
  const { percent, hours } = useNumberFormats();
  const label = t('analytics.special.summary', {
    vulnerableShare: percent(data.vulnerable.shareServed),
    vulnerableHours: hours(data.vulnerable.medianHoursToServe),
    othersShare: percent(data.others.shareServed),
    othersHours: hours(data.others.medianHoursToServe),
  });

  const option = useMemo((): ChartOption => {
    // Two measures in two units side by side: the served share (%) and the median hours.
    const grids = [
      { left: 44, width: '36%', top: 40, bottom: 28 },
      { right: 16, width: '36%', top: 40, bottom: 28 },
    ];
    const measures = [
      { name: t('analytics.special.shareServed'), value: (g: GroupCoverage) => g.shareServed, format: percent, max: 1 },
      { name: t('analytics.special.medianHours'), value: (g: GroupCoverage) => g.medianHoursToServe, format: hours },
    ];
    return {
      legend: { top: 0, left: 'center', itemWidth: 10, itemHeight: 10, textStyle: { color: '#4b5563' } },
      tooltip: { trigger: 'axis', axisPointer: { type: 'shadow' } },
      grid: grids,
      xAxis: measures.map((measure, index) => ({
        type: 'category',
        gridIndex: index,
        data: [measure.name],
        axisTick: { show: false },
        axisLabel: { color: '#374151', interval: 0 },
      })),
      yAxis: measures.map((measure, index) => ({
        type: 'value',
        gridIndex: index,
        min: 0,
        max: measure.max,
        splitLine: { lineStyle: { color: '#eef0f4' } },
        axisLabel: { color: '#6b7280', formatter: index === 0 ? (v: number) => percent(v) : undefined },
      })),
      series: measures.flatMap((measure, index) =>
        GROUPS.map((group) => ({
          type: 'bar' as const,
          name: t(`analytics.special.${group}`),
          xAxisIndex: index,
          yAxisIndex: index,
          barMaxWidth: 44,
          itemStyle: { color: GROUP_COLORS[group] },
          // '-' is ECharts' "no value": nothing served yet, so no share or time to draw.
          data: [measure.value(data[group]) ?? '-'],
          label: {
            show: true,
            position: 'top',
            color: '#374151',
            formatter: () => measure.format(measure.value(data[group])),
          },
          tooltip: { valueFormatter: () => measure.format(measure.value(data[group])) },
        })),
      ),
    };
  }, [data, t, percent, hours]);

  return <EChart option={option} label={label} height={280} />;
}

function GroupsTable({ data }: { data: SpecialNeedsCoverage }) {
  const { t } = useTranslation();
  const { percent, hours } = useNumberFormats();
  type Row = GroupCoverage & { group: Group };
  const columns: TableColumnsType<Row> = [
    { title: t('analytics.special.group'), dataIndex: 'group', render: (group: Group) => t(`analytics.special.${group}`) },
    { title: t('analytics.special.needs'), dataIndex: 'needs', align: 'right' },
    { title: t('analytics.special.served'), dataIndex: 'served', align: 'right' },
    {
      title: t('analytics.special.shareServed'),
      dataIndex: 'shareServed',
      align: 'right',
      render: (share: number | null) => percent(share),
    },
    {
      title: t('analytics.special.medianHours'),
      dataIndex: 'medianHoursToServe',
      align: 'right',
      render: (value: number | null) => hours(value),
    },
  ];
  return (
    <Table<Row>
      rowKey="group"
      size="small"
      columns={columns}
      dataSource={GROUPS.map((group) => ({ group, ...data[group] }))}
      pagination={false}
      data-testid="special-needs-table"
    />
  );
}

/** The unserved needs of vulnerable people, oldest first, a page at a time: the area's coordinators only. */
function UnservedTable({ data, scope, answer }: { data: SpecialNeedsCoverage; scope: AnalyticsScope; answer: Answer }) {
  const { t } = useTranslation();
  const shortDateTime = useShortDateTime();
  const columns: TableColumnsType<UnservedNeed> = [
    { title: t('needs.titleLabel'), dataIndex: 'title' },
    { title: t('needs.category'), dataIndex: 'category', render: (category: string) => t(`category.${category}`) },
    { title: t('needs.urgency'), dataIndex: 'urgency', render: (urgency: string) => t(`need.urgency.${urgency}`) },
    {
      title: t('needs.jurisdiction'),
      dataIndex: 'jurisdiction',
      render: (code: string) => <JurisdictionName code={code} />,
    },
    { title: t('needs.reportedAt'), dataIndex: 'reportedAt', render: (at: string) => shortDateTime(at) },
  ];
  return (
    <PagedRows<UnservedNeed>
      answer={answer}
      queryKey={['special-needs', scope]}
      first={{ items: data.unserved ?? [], nextCursor: data.unservedNextCursor }}
      fetchPage={async (cursor) => {
        const page = await analyticsApi.specialNeeds(scope, { cursor });
        return { items: page.unserved ?? [], nextCursor: page.unservedNextCursor };
      }}
    >
      {(list) => (
        <PagedTable<UnservedNeed>
          list={list}
          total={data.unservedListed ?? 0}
          shownTestId="unserved-shown"
          pageSize={5}
          rowKey="id"
          columns={columns}
          dataSource={list.items}
          scroll={{ x: 560 }}
          data-testid="unserved-table"
        />
      )}
    </PagedRows>
  );
}

function UnservedList({ data, scope, answer }: { data: SpecialNeedsCoverage; scope: AnalyticsScope; answer: Answer }) {
  const { t } = useTranslation();
  let list: ReactNode;
  if (data.unserved === null) {
    list = (
      <Typography.Text type="secondary" data-testid="unserved-hidden">
        {t('analytics.special.unservedHidden')}
      </Typography.Text>
    );
  } else if (data.unservedCount === 0) {
    list = <Typography.Text type="secondary">{t('analytics.special.noneUnserved')}</Typography.Text>;
  } else {
    // A coordinator of part of the area lists the needs of their own part only.
    list = (
      <>
        {data.unservedListed !== data.unservedCount && (
          <Typography.Paragraph type="secondary" data-testid="unserved-own-area">
            {t('analytics.special.listedInOwnArea', { listed: data.unservedListed ?? 0, count: data.unservedCount })}
          </Typography.Paragraph>
        )}
        {data.unservedListed ? <UnservedTable data={data} scope={scope} answer={answer} /> : null}
      </>
    );
  }
  return (
    <div className="analytics-unserved">
      <Typography.Title level={3} className="analytics-subtitle">
        {t('analytics.special.unservedTitle', { count: data.unservedCount })}
      </Typography.Title>
      {list}
    </div>
  );
}

export function SpecialNeedsCard({ query, scope }: { query: UseQueryResult<SpecialNeedsCoverage>; scope: AnalyticsScope }) {
  const { t } = useTranslation();
  const { percent } = useNumberFormats();
  return (
    <AnalyticCard
      id="analytics-special-needs"
      title={t('analytics.special.title')}
      hint={t('analytics.special.hint')}
      query={query}
      period={(data) => t('analytics.range', { from: data.from, to: data.to })}
      empty={(data) => (data.vulnerable.needs + data.others.needs === 0 ? t('analytics.special.empty') : null)}
      summary={(data) => (
        <StatList
          stats={[
            ...GROUPS.map((group) => ({
              label: t(`analytics.special.${group}`),
              color: GROUP_COLORS[group],
              value: t('analytics.special.servedOf', {
                served: data[group].served,
                needs: data[group].needs,
                share: percent(data[group].shareServed),
              }),
            })),
            { label: t('analytics.special.unservedCount'), value: data.unservedCount, alarm: data.unservedCount > 0 },
          ]}
        />
      )}
      chart={(data) => <SpecialNeedsChart data={data} />}
      numbers={(data) => <GroupsTable data={data} />}
      footer={(data) => <UnservedList data={data} scope={scope} answer={query} />}
    />
  );
}
