/**
 * 全周期参与: how many of the area's non-government organizations were active in each phase
 * of the period, and the share active only in crisis and recovery (the study's
 * "重反应, 轻风险": much response, little risk work). The numbers are the whole area's; the
 * table behind them pages through its organizations.
 */
import type { UseQueryResult } from '@tanstack/react-query';
import { type TableColumnsType, Tag, Typography } from 'antd';
import { useMemo } from 'react';
import { useTranslation } from 'react-i18next';
import { PHASES } from '../../../../src/model/taxonomy';
import { analyticsApi } from '../../api';
import { OrganizationName } from '../../components/organization-name';
import type { AnalyticsScope, Lifecycle, Phase } from '../../types';
import { AnalyticCard, StatList, useNumberFormats } from './analytic-card';
import { type ChartOption, EChart } from './echart';
import { type Answer, PagedRows, PagedTable } from './paged-list';

/** Risk work in green: the phase the network wants more of. */
const PHASE_COLORS = { risk: '#2f8f5b', crisis: '#d46b08', recovery: '#1d5bbf' } satisfies Record<Phase, string>;

type Organization = Lifecycle['organizations'][number];

function LifecycleChart({ data }: { data: Lifecycle }) {
  const { t } = useTranslation();
  const label = t('analytics.lifecycle.summary', {
    phases: PHASES.map((phase) => `${t(`phase.${phase}`)} ${data.byPhase[phase]}`).join(t('analytics.listSeparator')),
    count: data.reactiveOnly,
    active: data.active,
  });

  const option = useMemo(
    (): ChartOption => ({
      grid: { left: 44, right: 16, top: 36, bottom: 44 },
      tooltip: { trigger: 'axis', axisPointer: { type: 'shadow' } },
      xAxis: {
        type: 'category',
        data: PHASES.map((phase) => t(`phase.${phase}`)),
        axisTick: { show: false },
        axisLabel: { color: '#374151', interval: 0, overflow: 'break', width: 110 },
      },
      yAxis: {
        type: 'value',
        minInterval: 1,
        name: t('analytics.lifecycle.axis'),
        nameTextStyle: { color: '#6b7280', align: 'left' },
        splitLine: { lineStyle: { color: '#eef0f4' } },
        axisLabel: { color: '#6b7280' },
      },
      series: [
        {
          type: 'bar',
          name: t('analytics.lifecycle.axis'),
          barMaxWidth: 56,
          data: PHASES.map((phase) => ({ value: data.byPhase[phase], itemStyle: { color: PHASE_COLORS[phase] } })),
          label: { show: true, position: 'top', color: '#374151' },
        },
      ],
    }),
    [data, t],
  );

  return <EChart option={option} label={label} height={260} />;
}

/** The reactive-only first: they are the ones to invite into risk work. */
const rank = (o: Organization) => (o.phases.length === 0 ? 2 : o.phases.includes('risk') ? 1 : 0);

function LifecycleTable({ data, scope, answer }: { data: Lifecycle; scope: AnalyticsScope; answer: Answer }) {
  const { t } = useTranslation();
  const columns: TableColumnsType<Organization> = [
    {
      title: t('field.name'),
      dataIndex: 'name',
      render: (name: string, o) => <OrganizationName id={o.organizationId} name={name} />,
    },
    {
      title: t('analytics.lifecycle.phases'),
      dataIndex: 'phases',
      render: (phases: Phase[]) =>
        phases.length === 0 ? (
          <Typography.Text type="secondary">{t('analytics.lifecycle.inactive')}</Typography.Text>
        ) : (
          phases.map((phase) => (
            <Tag key={phase} color={PHASE_COLORS[phase]} variant="outlined">
              {t(`phase.${phase}`)}
            </Tag>
          ))
        ),
    },
    {
      title: t('analytics.lifecycle.pattern'),
      key: 'pattern',
      render: (_: unknown, o) =>
        o.phases.length > 0 && !o.phases.includes('risk') ? <Tag color="warning">{t('analytics.lifecycle.reactive')}</Tag> : '—',
    },
  ];
  return (
    <PagedRows<Organization>
      answer={answer}
      queryKey={['lifecycle', scope]}
      first={{ items: data.organizations, nextCursor: data.nextCursor }}
      fetchPage={async (cursor) => {
        const page = await analyticsApi.lifecycle(scope, { cursor });
        return { items: page.organizations, nextCursor: page.nextCursor };
      }}
    >
      {(list) => (
        <PagedTable<Organization>
          list={list}
          total={data.total}
          shownTestId="lifecycle-shown"
          rowKey="organizationId"
          columns={columns}
          dataSource={[...list.items].sort((a, b) => rank(a) - rank(b) || a.name.localeCompare(b.name, 'zh-CN'))}
          data-testid="lifecycle-table"
        />
      )}
    </PagedRows>
  );
}

export function LifecycleCard({ query, scope }: { query: UseQueryResult<Lifecycle>; scope: AnalyticsScope }) {
  const { t } = useTranslation();
  const { percent } = useNumberFormats();
  return (
    <AnalyticCard
      id="analytics-lifecycle"
      title={t('analytics.lifecycle.title')}
      hint={t('analytics.lifecycle.hint')}
      query={query}
      period={(data) => t('analytics.range', { from: data.from, to: data.to })}
      empty={(data) => (data.total === 0 ? t('analytics.lifecycle.empty') : null)}
      summary={(data) => (
        <StatList
          stats={[
            {
              label: t('analytics.lifecycle.reactiveOnlyLabel'),
              value: t('analytics.lifecycle.reactiveOnly', {
                count: data.reactiveOnly,
                active: data.active,
                share: percent(data.share),
              }),
              alarm: data.reactiveOnly > 0,
              wide: true,
              testId: 'lifecycle-reactive',
            },
            { label: t('analytics.lifecycle.inactiveCount'), value: data.total - data.active, testId: 'lifecycle-inactive' },
          ]}
        />
      )}
      chart={(data) => <LifecycleChart data={data} />}
      numbers={(data) => <LifecycleTable data={data} scope={scope} answer={query} />}
    />
  );
}
