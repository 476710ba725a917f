/**
 * 替代效应: over one incident, the people social organizations and government agencies had on
 * the ground each day, the stages shaded and the response peak marked — whether social
 * organizations are crowded out once the response is over (the study's substitution), and
 * who left when.
 */
import { useQuery } from '@tanstack/react-query';
import { Select, Table, type TableColumnsType, Typography } from 'antd';
import { useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { INCIDENT_STAGES } from '../../../../src/model/incident';
import { analyticsApi, incidentApi } from '../../api';
import { OrganizationName } from '../../components/organization-name';
import { useErrorText } from '../../error-text';
import type { AnalyticsScope, IncidentStage, IncidentSubstitution, IncidentSummary } from '../../types';
import { AnalyticCard, StatList, useNumberFormats } from './analytic-card';
import { type ChartOption, EChart, escapeHtml } from './echart';

const SIDE_COLORS = { social: '#2f8f5b', government: '#8c9bb5' } as const;
const STAGE_SHADES: Record<IncidentStage, string> = {
  preparedness: 'rgba(140, 155, 181, 0.10)',
  response: 'rgba(212, 107, 8, 0.10)',
  recovery: 'rgba(29, 91, 191, 0.08)',
  closed: 'rgba(140, 155, 181, 0.10)',
};

type Day = IncidentSubstitution['days'][number];
type StageTotals = IncidentSubstitution['byStage'][number];
type Departure = IncidentSubstitution['departures'][number];

/** The incident shown first: the newest declared by the end of the period, else the newest. */
function defaultIncident(incidents: readonly IncidentSummary[], to: string | undefined): string | null {
  const declared = to ? incidents.find((incident) => incident.createdAt.slice(0, 10) <= to) : undefined;
  return (declared ?? incidents[0])?.id ?? null;
}

/** The stages as runs of consecutive days (a recovering area hit again has two response runs). */
function stageRuns(days: readonly Day[]): { stage: IncidentStage; first: string; last: string }[] {
  const runs: { stage: IncidentStage; first: string; last: string }[] = [];
  for (const day of days) {
    const current = runs.at(-1);
    if (current && current.stage === day.stage) current.last = day.day;
    else runs.push({ stage: day.stage, first: day.day, last: day.day });
  }
  return runs;
}

function useSubstitutionFormats() {
  const { t } = useTranslation();
  const { percent } = useNumberFormats();
  // Stable between renders, so the chart's option built from them is too.
  return useMemo(
    () => ({
      percent,
      people: (value: number | null) => (value === null ? '—' : t('analytics.substitution.peopleValue', { people: value })),
      peak: (data: IncidentSubstitution) =>
        data.peak ? t('analytics.substitution.peakValue', { people: data.peak.socialDeployed, day: data.peak.day }) : '—',
    }),
    [t, percent],
  );
}

function SubstitutionChart({ data, incident }: { data: IncidentSubstitution; incident: string }) {
  const { t } = useTranslation();
  const { percent, people, peak } = useSubstitutionFormats();
  const label = t('analytics.substitution.summary', {
    incident,
    peak: peak(data),
    average: people(data.recoveryAverageSocialDeployed),
    drop: percent(data.drop),
  });

  const option = useMemo((): ChartOption => {
    const sides = ['social', 'government'] as const;
    return {
      legend: { top: 0, left: 'center', itemWidth: 10, itemHeight: 10, textStyle: { color: '#4b5563' } },
      grid: { left: 56, right: 16, top: 36, bottom: 28 },
      tooltip: {
        trigger: 'axis',
        axisPointer: { type: 'shadow' },
        formatter: (params) => {
          const first = (Array.isArray(params) ? params[0] : params) as { dataIndex: number };
          const day = data.days[first.dataIndex];
          if (!day) return '';
          const lines = [
            `<strong>${day.day}</strong> · ${escapeHtml(t(`incident.stage.${day.stage}`))}`,
            ...sides.map(
              (side) =>
                `<span style="color:${SIDE_COLORS[side]}">●</span> ${escapeHtml(t(`analytics.substitution.${side}`))} ${escapeHtml(
                  people(day.deployed[side]),
                )}`,
            ),
            escapeHtml(
              t('analytics.substitution.fulfilledTip', { social: day.fulfilled.social, government: day.fulfilled.government }),
            ),
          ];
          return lines.join('<br/>');
        },
      },
      xAxis: {
        type: 'category',
        data: data.days.map((day) => day.day),
        axisTick: { show: false },
        axisLabel: { color: '#6b7280', formatter: (day: string) => day.slice(5) },
      },
      yAxis: {
        type: 'value',
        minInterval: 1,
        // Named along the axis: the top left is the peak's label when the first day is the peak.
        name: t('analytics.substitution.axis'),
        nameLocation: 'middle',
        nameGap: 36,
        nameTextStyle: { color: '#6b7280' },
        splitLine: { lineStyle: { color: '#eef0f4' } },
        axisLabel: { color: '#6b7280' },
      },
      series: sides.map((side) => ({
        type: 'bar' as const,
        name: t(`analytics.substitution.${side}`),
        stack: 'deployed',
        barCategoryGap: '20%',
        itemStyle: { color: SIDE_COLORS[side] },
        data: data.days.map((day) => day.deployed[side]),
        // The stages shaded behind the bars and named, the response peak marked: on one series only.
        markArea:
          side === 'social'
            ? {
                silent: true,
                label: { show: true, position: 'insideTop', color: '#6b7280', fontSize: 11 },
                data: stageRuns(data.days).map((run) => [
                  { name: t(`incident.stage.${run.stage}`), xAxis: run.first, itemStyle: { color: STAGE_SHADES[run.stage] } },
                  { xAxis: run.last },
                ]),
              }
            : undefined,
        markLine:
          side === 'social' && data.peak
            ? {
                silent: true,
                symbol: 'none',
                lineStyle: { type: 'dashed', color: '#b8322a', width: 1 },
                label: {
                  color: '#b8322a',
                  formatter: t('analytics.substitution.peakMark', { people: data.peak.socialDeployed }),
                },
                data: [{ xAxis: data.peak.day }],
              }
            : undefined,
      })),
    };
  }, [data, t, people]);

  return <EChart option={option} label={label} height={300} />;
}

function SubstitutionNumbers({ data }: { data: IncidentSubstitution }) {
  const { t } = useTranslation();
  const { percent } = useNumberFormats();
  const stageColumns: TableColumnsType<StageTotals> = [
    {
      title: t('analytics.substitution.stage'),
      dataIndex: 'stage',
      render: (stage: IncidentStage) => t(`incident.stage.${stage}`),
    },
    { title: t('analytics.substitution.days'), dataIndex: 'days', align: 'right' },
    {
      title: t('analytics.substitution.deployedSocial'),
      key: 'deployedSocial',
      align: 'right',
      render: (_, s) => s.deployed.social,
    },
    {
      title: t('analytics.substitution.deployedGovernment'),
      key: 'deployedGovernment',
      align: 'right',
      render: (_, s) => s.deployed.government,
    },
    {
      title: t('analytics.substitution.deployedShare'),
      key: 'deployedShare',
      align: 'right',
      render: (_, s) => percent(s.deployed.socialShare),
    },
    {
      title: t('analytics.substitution.fulfilled'),
      key: 'fulfilled',
      align: 'right',
      render: (_, s) => `${s.fulfilled.social} / ${s.fulfilled.government}`,
    },
    {
      title: t('analytics.substitution.fulfilledShare'),
      key: 'fulfilledShare',
      align: 'right',
      render: (_, s) => percent(s.fulfilled.socialShare),
    },
  ];
  const departureColumns: TableColumnsType<Departure> = [
    {
      title: t('field.name'),
      dataIndex: 'name',
      render: (name: string, d) => <OrganizationName id={d.organizationId} name={name} />,
    },
    { title: t('analytics.substitution.lastDay'), dataIndex: 'lastDay', sorter: (a, b) => a.lastDay.localeCompare(b.lastDay) },
    {
      title: t('analytics.substitution.leftIn'),
      dataIndex: 'stage',
      render: (stage: IncidentStage) => t(`incident.stage.${stage}`),
    },
  ];
  return (
    <>
      <Typography.Title level={3} className="analytics-subtitle">
        {t('analytics.substitution.byStageTitle')}
      </Typography.Title>
      <Table<StageTotals>
        rowKey="stage"
        size="small"
        columns={stageColumns}
        dataSource={data.byStage}
        pagination={false}
        scroll={{ x: 620 }}
        data-testid="substitution-stages-table"
      />
      <div className="analytics-unserved">
        <Typography.Title level={3} className="analytics-subtitle">
          {t('analytics.substitution.departuresTitle', { count: data.departures.length })}
        </Typography.Title>
        {data.departures.length === 0 ? (
          <Typography.Text type="secondary">{t('analytics.substitution.noDepartures')}</Typography.Text>
        ) : (
          <Table<Departure>
            rowKey="organizationId"
            size="small"
            columns={departureColumns}
            dataSource={data.departures}
            pagination={{ pageSize: 10, hideOnSinglePage: true, size: 'small' }}
            data-testid="departures-table"
          />
        )}
      </div>
    </>
  );
}

export function SubstitutionCard({ scope }: { scope: AnalyticsScope }) {
  const { t } = useTranslation();
  const { full } = useErrorText();
  const { percent, people, peak } = useSubstitutionFormats();
  const incidents = useQuery({
    queryKey: ['analytics', 'incidents', scope.jurisdiction],
    // Closed incidents too: substitution is read after the fact.
    queryFn: () => incidentApi.list({ stage: INCIDENT_STAGES, jurisdiction: scope.jurisdiction }),
    staleTime: 60_000,
  });
  const [chosen, setChosen] = useState<string | null>(null);
  const list = incidents.data ?? [];
  // A choice made in another area does not follow the reader into this one.
  const incidentId = list.some((incident) => incident.id === chosen) ? chosen : defaultIncident(list, scope.to);
  const query = useQuery({
    queryKey: ['analytics', 'substitution', incidentId],
    queryFn: () => analyticsApi.substitution(incidentId ?? ''),
    enabled: incidentId !== null,
    // The last incident's answer, dimmed, while the next loads; nothing once there is no incident to show.
    placeholderData: (previous) => (incidentId === null ? undefined : previous),
    staleTime: 60_000,
  });

  const controls = (
    <div className="analytics-filter analytics-card-control">
      <span className="analytics-filter-label" aria-hidden="true">
        {t('analytics.substitution.incident')}
      </span>
      <Select
        value={incidentId ?? undefined}
        onChange={setChosen}
        loading={incidents.isPending}
        disabled={list.length === 0}
        placeholder={t('analytics.substitution.incidentPlaceholder')}
        showSearch={{ optionFilterProp: 'label' }}
        options={list.map((i) => ({
          value: i.id,
          label: t('analytics.substitution.incidentOption', { name: i.name, stage: t(`incident.stage.${i.stage}`) }),
        }))}
        aria-label={t('analytics.substitution.incident')}
        className="analytics-incident-select"
        data-testid="substitution-incident"
      />
    </div>
  );

  return (
    <AnalyticCard
      id="analytics-substitution"
      wide
      title={t('analytics.substitution.title')}
      hint={t('analytics.substitution.hint')}
      query={query}
      controls={controls}
      idle={incidents.isPending ? undefined : incidents.error ? full(incidents.error) : t('analytics.substitution.noIncidents')}
      period={(data) =>
        data.days.length ? t('analytics.range', { from: data.days[0].day, to: data.days[data.days.length - 1].day }) : ''
      }
      empty={(data) =>
        data.days.every((d) => d.deployed.social + d.deployed.government + d.fulfilled.social + d.fulfilled.government === 0)
          ? t('analytics.substitution.empty')
          : null
      }
      summary={(data) => (
        <StatList
          stats={[
            { label: t('analytics.substitution.peakLabel'), value: peak(data), testId: 'substitution-peak' },
            { label: t('analytics.substitution.recoveryAverage'), value: people(data.recoveryAverageSocialDeployed) },
            {
              label: t('analytics.substitution.dropLabel'),
              value: percent(data.drop),
              alarm: (data.drop ?? 0) > 0,
              wide: true,
              testId: 'substitution-drop',
            },
          ]}
        />
      )}
      chart={(data) => <SubstitutionChart data={data} incident={list.find((i) => i.id === data.incidentId)?.name ?? ''} />}
      numbers={(data) => <SubstitutionNumbers data={data} />}
    />
  );
}
