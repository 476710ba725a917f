/**
 * 四化原则: the study's four principles of the area's network as one radar — 常态化 (normal-time
 * work), 综合化 (the function map covered), 互嵌化 (tied in by agreements, plans and seats),
 * 开放化 (applications admitted) — and a line of figures for each.
 */
import type { UseQueryResult } from '@tanstack/react-query';
import { Table, type TableColumnsType } from 'antd';
import { type ReactNode, useMemo } from 'react';
import { useTranslation } from 'react-i18next';
import type { Principles } from '../../types';
import { AnalyticCard, useNumberFormats } from './analytic-card';
import { type ChartOption, EChart } from './echart';

const PRINCIPLES = ['normalization', 'comprehensiveness', 'embedding', 'openness'] as const;
type Principle = (typeof PRINCIPLES)[number];

/** The share each principle is drawn by on the radar (0–1; null when there is nothing to measure). */
function headline(data: Principles, principle: Principle): number | null {
  switch (principle) {
    case 'normalization':
      return data.normalization.share;
    case 'comprehensiveness':
      return data.comprehensiveness.cellShare;
    case 'embedding':
      return data.embedding.share;
    case 'openness':
      return data.openness.admissionRate;
  }
}

/** One line of figures per principle, in the reader's language. */
function useLines(): (data: Principles) => Record<Principle, string> {
  const { t } = useTranslation();
  const { percent, score, list } = useNumberFormats();
  return (data) => {
    const { normalization: n, comprehensiveness: c, embedding: e, openness: o } = data;
    return {
      normalization: t('analytics.principles.normalizationLine', {
        organizations: n.organizations,
        active: n.normalTimeActive,
        share: percent(n.share),
      }),
      comprehensiveness: t('analytics.principles.comprehensivenessLine', {
        cells: c.cellsCovered,
        share: percent(c.cellShare),
        types: list(c.cooperationTypes.map((type) => t(`analytics.cooperationType.${type}`))),
        evenness: c.cooperationEvenness === null ? '—' : score(c.cooperationEvenness),
      }),
      embedding: t('analytics.principles.embeddingLine', {
        organizations: n.organizations,
        tiedIn: e.tiedIn,
        share: percent(e.share),
        subsystems: list(e.subsystems.map((s) => t(`embedding.subsystem.${s}`))),
      }),
      openness: t('analytics.principles.opennessLine', {
        applications: o.applications,
        decided: o.decided,
        rate: percent(o.admissionRate),
        days: o.medianDaysToDecision === null ? '—' : t('analytics.principles.daysValue', { days: o.medianDaysToDecision }),
        newMembers: o.newMembers,
        grassroots: percent(o.grassrootsShare),
      }),
    };
  };
}

function PrinciplesChart({ data }: { data: Principles }) {
  const { t } = useTranslation();
  const { percent } = useNumberFormats();
  const label = t('analytics.principles.summary', {
    normalization: percent(data.normalization.share),
    comprehensiveness: percent(data.comprehensiveness.cellShare),
    embedding: percent(data.embedding.share),
    openness: percent(data.openness.admissionRate),
  });

  const option = useMemo((): ChartOption => {
    const values = PRINCIPLES.map((principle) => headline(data, principle));
    return {
      tooltip: {
        trigger: 'item',
        formatter: () =>
          PRINCIPLES.map((principle, at) => `${t(`analytics.principles.${principle}`)} ${percent(values[at])}`).join('<br/>'),
      },
      radar: {
        // Room above and below for the names with their shares, on two lines.
        center: ['50%', '52%'],
        radius: '62%',
        splitNumber: 4,
        shape: 'polygon',
        // Each principle named with its share; one with nothing to measure says "—" (and is drawn at 0).
        indicator: PRINCIPLES.map((principle, at) => ({
          name: `${t(`analytics.principles.${principle}`)}\n${percent(values[at])}`,
          max: 1,
        })),
        axisName: { color: '#374151', fontWeight: 600, lineHeight: 18 },
        splitLine: { lineStyle: { color: '#e5e7eb' } },
        splitArea: { areaStyle: { color: ['#fbfcfe', '#f5f7fb'] } },
        axisLine: { lineStyle: { color: '#d1d5db' } },
      },
      series: [
        {
          type: 'radar',
          name: t('analytics.principles.title'),
          symbolSize: 6,
          lineStyle: { color: '#1d5bbf', width: 2 },
          itemStyle: { color: '#1d5bbf' },
          areaStyle: { color: 'rgba(29, 91, 191, 0.18)' },
          data: [{ value: values.map((value) => value ?? 0), name: t('analytics.principles.title') }],
        },
      ],
    };
  }, [data, t, percent]);

  return <EChart option={option} label={label} height={340} />;
}

interface Row {
  key: string;
  principle: Principle;
  indicator: string;
  value: ReactNode;
}

function PrinciplesTable({ data }: { data: Principles }) {
  const { t } = useTranslation();
  const { percent, score, list } = useNumberFormats();
  const row = (principle: Principle, indicator: string, value: ReactNode): Row => ({
    key: `${principle}.${indicator}`,
    principle,
    indicator: t(`analytics.principles.indicator.${indicator}`),
    value,
  });
  const { normalization: n, comprehensiveness: c, embedding: e, openness: o } = data;
  const rows: Row[] = [
    row('normalization', 'organizations', n.organizations),
    row('normalization', 'normalTimeActive', n.normalTimeActive),
    row('normalization', 'normalizationShare', percent(n.share)),
    row('comprehensiveness', 'cellsCovered', `${c.cellsCovered} / 12`),
    row('comprehensiveness', 'cellShare', percent(c.cellShare)),
    row('comprehensiveness', 'cooperationTypes', list(c.cooperationTypes.map((type) => t(`analytics.cooperationType.${type}`)))),
    row('comprehensiveness', 'cooperationEvenness', c.cooperationEvenness === null ? '—' : score(c.cooperationEvenness)),
    row('embedding', 'tiedIn', e.tiedIn),
    row('embedding', 'embeddingShare', percent(e.share)),
    row('embedding', 'subsystems', list(e.subsystems.map((s) => t(`embedding.subsystem.${s}`)))),
    row('embedding', 'subsystemShare', percent(e.subsystemShare)),
    row('openness', 'applications', o.applications),
    row('openness', 'decided', o.decided),
    row('openness', 'admissionRate', percent(o.admissionRate)),
    row(
      'openness',
      'medianDaysToDecision',
      o.medianDaysToDecision === null ? '—' : t('analytics.principles.daysValue', { days: o.medianDaysToDecision }),
    ),
    row('openness', 'newMembers', o.newMembers),
    row('openness', 'grassrootsShare', percent(o.grassrootsShare)),
  ];
  const columns: TableColumnsType<Row> = [
    {
      title: t('analytics.principles.principle'),
      dataIndex: 'principle',
      // The principle named once, over its indicators.
      onCell: (r, at) => {
        const first = at === 0 || rows[(at ?? 0) - 1]?.principle !== r.principle;
        return { rowSpan: first ? rows.filter((other) => other.principle === r.principle).length : 0 };
      },
      render: (principle: Principle) => t(`analytics.principles.${principle}`),
    },
    { title: t('analytics.principles.indicatorLabel'), dataIndex: 'indicator' },
    { title: t('analytics.principles.value'), dataIndex: 'value', align: 'right' },
  ];
  return (
    <Table<Row> rowKey="key" size="small" columns={columns} dataSource={rows} pagination={false} data-testid="principles-table" />
  );
}

function PrincipleLines({ data }: { data: Principles }) {
  const lines = useLines()(data);
  return (
    <ul className="analytics-lines" data-testid="principles-lines">
      {PRINCIPLES.map((principle) => (
        <li key={principle} data-testid={`principle-${principle}`}>
          {lines[principle]}
        </li>
      ))}
    </ul>
  );
}

export function PrinciplesCard({ query }: { query: UseQueryResult<Principles> }) {
  const { t } = useTranslation();
  return (
    <AnalyticCard
      id="analytics-principles"
      title={t('analytics.principles.title')}
      hint={t('analytics.principles.hint')}
      query={query}
      period={(data) => t('analytics.range', { from: data.from, to: data.to })}
      empty={(data) =>
        data.normalization.organizations === 0 && data.openness.applications === 0 ? t('analytics.principles.empty') : null
      }
      chart={(data) => <PrinciplesChart data={data} />}
      numbers={(data) => <PrinciplesTable data={data} />}
      footer={(data) => <PrincipleLines data={data} />}
    />
  );
}
