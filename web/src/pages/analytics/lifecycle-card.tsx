/**
 * 全周期参与: how many of the area's non-government organizations were active in each phase
 * of the period, and the share active only in crisis and recovery (the study's
 * "重反应, 轻风险": much response, little risk work).
 */
import type { UseQueryResult } from '@tanstack/react-query';
import { Table, type TableColumnsType, Tag, Typography } from 'antd';
import { useMemo } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router-dom';
import { PHASES } from '../../../../src/model/taxonomy';
import type { Lifecycle, Phase } from '../../types';
import { AnalyticCard, useNumberFormats } from './analytic-card';
import { type ChartOption, EChart } from './echart';

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

function LifecycleTable({ data }: { data: Lifecycle }) {
  const { t } = useTranslation();
  // The reactive-only first: they are the ones to invite into risk work.
  const rank = (o: Organization) => (o.phases.length === 0 ? 2 : o.phases.includes('risk') ? 1 : 0);
  const rows = [...data.organizations].sort((a, b) => rank(a) - rank(b) || a.name.localeCompare(b.name, 'zh-CN'));
  const columns: TableColumnsType<Organization> = [
    {
      title: t('field.name'),
      dataIndex: 'name',
      render: (name: string, o) => <Link to={`/organizations/${encodeURIComponent(o.organizationId)}`}>{name}</Link>,
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
    <Table<Organization>
      rowKey="organizationId"
      size="small"
      columns={columns}
      dataSource={rows}
      pagination={{ pageSize: 10, hideOnSinglePage: true, size: 'small' }}
      data-testid="lifecycle-table"
    />
  );
}

export function LifecycleCard({ query }: { query: UseQueryResult<Lifecycle> }) {
  const { t } = useTranslation();
  const { percent } = useNumberFormats();
  return (
    <AnalyticCard
      id="analytics-lifecycle"
      title={t('analytics.lifecycle.title')}
      hint={t('analytics.lifecycle.hint')}
      query={query}
      period={(data) => t('analytics.range', { from: data.from, to: data.to })}
      empty={(data) => (data.organizations.length === 0 ? t('analytics.lifecycle.empty') : null)}
      summary={(data) => (
        <dl className="analytics-stats">
          <div className="analytics-stat analytics-stat-wide">
            <dt>{t('analytics.lifecycle.reactiveOnlyLabel')}</dt>
            <dd data-testid="lifecycle-reactive" className={data.reactiveOnly > 0 ? 'analytics-alarm' : undefined}>
              {t('analytics.lifecycle.reactiveOnly', {
                count: data.reactiveOnly,
                active: data.active,
                share: percent(data.share),
              })}
            </dd>
          </div>
          <div className="analytics-stat">
            <dt>{t('analytics.lifecycle.inactiveCount')}</dt>
            <dd>{data.organizations.length - data.active}</dd>
          </div>
        </dl>
      )}
      chart={(data) => <LifecycleChart data={data} />}
      numbers={(data) => <LifecycleTable data={data} />}
    />
  );
}
