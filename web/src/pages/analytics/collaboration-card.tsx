/**
 * 协作网络: who worked with whom in the area over the period (co-deployments, agreements,
 * mentoring, joint programs, shared needs) as a force-directed network; the numbers name the
 * brokers, who join groups that would otherwise not meet, and the isolated organizations.
 * A province's graph is too large to draw: the server sends its best-connected organizations
 * (and the ties among them) with the whole graph's measures, and the card says which is which.
 */
import type { UseQueryResult } from '@tanstack/react-query';
import { Table, type TableColumnsType, Tag, Typography } from 'antd';
import { useMemo } from 'react';
import { useTranslation } from 'react-i18next';
import { OrganizationName } from '../../components/organization-name';
import type { Collaboration } from '../../types';
import { AnalyticCard, StatList, useNumberFormats } from './analytic-card';
import { type ChartOption, EChart, escapeHtml } from './echart';

/** Up to this many organizations every one is named on the chart; above it, the brokers only. */
const MAX_LABELLED = 40;
const COMMUNITY_COLORS = [
  '#1d5bbf',
  '#2f8f5b',
  '#d46b08',
  '#8e44ad',
  '#c8102e',
  '#0e8a9a',
  '#a0781e',
  '#5b6b8c',
  '#d1558f',
  '#4d7c0f',
];
const ISOLATED_COLOR = '#9ca3af';
/** The isolated organizations named under the numbers; the rest are counted. */
const NAMED_ISOLATED = 60;

type Edge = Collaboration['edges'][number];

/** What the drawing leaves out (said over the chart), and whether broker scores are estimates (over the brokers). */
function useNotes(data: Collaboration): { partial: string | null; approximate: string | null } {
  const { t } = useTranslation();
  return {
    partial:
      data.nodes.length < data.order
        ? t('analytics.collaboration.partial', { drawn: data.nodes.length, order: data.order, size: data.size })
        : null,
    approximate: data.betweenness.approximate
      ? t('analytics.collaboration.approximate', { samples: data.betweenness.samples ?? 0 })
      : null,
  };
}

function CollaborationChart({ data }: { data: Collaboration }) {
  const { t } = useTranslation();
  const { score } = useNumberFormats();
  const { partial } = useNotes(data);
  const summary = t('analytics.collaboration.summary', {
    nodes: data.order,
    edges: data.size,
    density: score(data.density),
    components: data.components,
    isolated: data.isolatedCount,
    communities: data.communities,
  });

  const option = useMemo((): ChartOption => {
    const brokers = new Set(data.brokers.map((b) => b.id));
    const index = new Map(data.nodes.map((node, at) => [node.id, at]));
    const names = data.nodes.length <= MAX_LABELLED;
    const kinds = (edge: Edge) => edge.kinds.map((kind) => t(`analytics.tie.${kind}`)).join(t('analytics.listSeparator'));
    return {
      tooltip: {
        trigger: 'item',
        confine: true,
        formatter: (params) => {
          const { dataType, dataIndex } = params as { dataType?: string; dataIndex: number };
          if (dataType === 'edge') {
            const edge = data.edges[dataIndex];
            if (!edge) return '';
            const a = data.nodes[index.get(edge.a) ?? -1]?.name ?? '';
            const b = data.nodes[index.get(edge.b) ?? -1]?.name ?? '';
            return `<strong>${escapeHtml(a)} — ${escapeHtml(b)}</strong><br/>${escapeHtml(
              t('analytics.collaboration.edgeTip', { weight: edge.weight, kinds: kinds(edge) }),
            )}`;
          }
          const node = data.nodes[dataIndex];
          if (!node) return '';
          const community =
            node.community < 0
              ? t('analytics.collaboration.isolatedOne')
              : t('analytics.collaboration.communityValue', { n: node.community + 1 });
          return `<strong>${escapeHtml(node.name)}</strong><br/>${escapeHtml(
            t('analytics.collaboration.nodeTip', {
              kind: t(`kind.${node.kind}`),
              degree: node.degree,
              betweenness: data.betweenness.approximate
                ? t('analytics.collaboration.about', { value: score(node.betweenness) })
                : score(node.betweenness),
              community,
            }),
          )}`;
        },
      },
      series: [
        {
          type: 'graph',
          layout: 'force',
          // Zooming takes the mouse wheel from the page: only where there are too many to read unzoomed.
          roam: data.nodes.length > MAX_LABELLED,
          draggable: true,
          force: {
            repulsion: data.nodes.length < 30 ? 320 : data.nodes.length < 150 ? 120 : 45,
            edgeLength: data.nodes.length < 30 ? [70, 150] : [40, 120],
            gravity: 0.08,
            // A small network is laid out before it is drawn; a large one settles on screen, frame by
            // frame, rather than holding up the page for the whole layout.
            layoutAnimation: data.nodes.length > 120,
          },
          emphasis: { focus: 'adjacency', lineStyle: { width: 4 } },
          label: { position: 'right', fontSize: 11, color: '#374151' },
          data: data.nodes.map((node) => ({
            id: node.id,
            name: node.name,
            value: node.degree,
            symbolSize: Math.min(40, 12 + 6 * Math.sqrt(node.degree)),
            itemStyle:
              node.community < 0
                ? { color: ISOLATED_COLOR, opacity: 0.4 }
                : {
                    color: COMMUNITY_COLORS[node.community % COMMUNITY_COLORS.length],
                    borderColor: brokers.has(node.id) ? '#1f2937' : '#ffffff',
                    borderWidth: brokers.has(node.id) ? 2 : 1,
                  },
            label: { show: names || brokers.has(node.id), fontWeight: brokers.has(node.id) ? 600 : 400 },
          })),
          // By index: organizations' names need not be unique.
          links: data.edges.map((edge) => ({
            source: index.get(edge.a) ?? 0,
            target: index.get(edge.b) ?? 0,
            value: edge.weight,
            lineStyle: { width: Math.min(7, 0.6 + 1.2 * edge.weight), color: '#9aa7bd', opacity: 0.75 },
          })),
        },
      ],
    };
  }, [data, t, score]);

  return (
    <>
      {partial ? (
        <Typography.Paragraph type="secondary" className="analytics-note" data-testid="collaboration-partial">
          {partial}
        </Typography.Paragraph>
      ) : null}
      <EChart
        option={option}
        label={partial ? t('analytics.sentences', { first: summary, second: partial }) : summary}
        height={360}
      />
    </>
  );
}

function CollaborationNumbers({ data }: { data: Collaboration }) {
  const { t } = useTranslation();
  const { score } = useNumberFormats();
  const { approximate } = useNotes(data);
  const byId = new Map(data.nodes.map((node) => [node.id, node]));
  // Organizations outside the drawn part are named by a look-up of their own.
  const organization = (id: string) => <OrganizationName id={id} name={byId.get(id)?.name} />;
  type Broker = { id: string; betweenness: number; degree: number | null };
  const brokers: Broker[] = data.brokers.map((b) => ({
    id: b.id,
    betweenness: b.betweenness,
    degree: byId.get(b.id)?.degree ?? null,
  }));
  const columns: TableColumnsType<Broker> = [
    { title: t('field.name'), key: 'name', render: (_: unknown, b) => organization(b.id) },
    {
      title: approximate ? t('analytics.collaboration.betweennessApproximate') : t('analytics.collaboration.betweenness'),
      dataIndex: 'betweenness',
      align: 'right',
      sorter: (a, b) => a.betweenness - b.betweenness,
      defaultSortOrder: 'descend',
      render: (value: number) => score(value),
    },
    {
      title: t('analytics.collaboration.degree'),
      dataIndex: 'degree',
      align: 'right',
      sorter: (a, b) => (a.degree ?? 0) - (b.degree ?? 0),
      render: (degree: number | null) => degree ?? '—',
    },
  ];
  const named = data.isolated.slice(0, NAMED_ISOLATED);
  return (
    <>
      <Typography.Title level={3} className="analytics-subtitle">
        {t('analytics.collaboration.brokersTitle')}
      </Typography.Title>
      {approximate ? (
        <Typography.Paragraph type="secondary" className="analytics-note" data-testid="collaboration-approximate">
          {approximate}
        </Typography.Paragraph>
      ) : null}
      {brokers.length === 0 ? (
        <Typography.Paragraph type="secondary">{t('analytics.collaboration.noBrokers')}</Typography.Paragraph>
      ) : (
        <Table<Broker>
          rowKey="id"
          size="small"
          columns={columns}
          dataSource={brokers}
          pagination={false}
          data-testid="brokers-table"
        />
      )}
      <div className="analytics-unserved" data-testid="isolated-list">
        <Typography.Title level={3} className="analytics-subtitle">
          {t('analytics.collaboration.isolatedTitle', { count: data.isolatedCount })}
        </Typography.Title>
        {data.isolatedCount === 0 ? (
          <Typography.Text type="secondary">{t('analytics.collaboration.noneIsolated')}</Typography.Text>
        ) : (
          <div className="analytics-tags">
            {named.map((id) => (
              <Tag key={id}>{organization(id)}</Tag>
            ))}
            {data.isolatedCount > named.length ? (
              <Typography.Text type="secondary" className="small">
                {t('analytics.collaboration.isolatedMore', { count: data.isolatedCount - named.length })}
              </Typography.Text>
            ) : null}
          </div>
        )}
      </div>
    </>
  );
}

export function CollaborationCard({ query }: { query: UseQueryResult<Collaboration> }) {
  const { t } = useTranslation();
  const { score } = useNumberFormats();
  return (
    <AnalyticCard
      id="analytics-collaboration"
      title={t('analytics.collaboration.title')}
      hint={t('analytics.collaboration.hint')}
      query={query}
      period={(data) => t('analytics.range', { from: data.from, to: data.to })}
      empty={(data) => (data.order === 0 ? t('analytics.collaboration.empty') : null)}
      summary={(data) => (
        <StatList
          stats={[
            { label: t('analytics.collaboration.order'), value: data.order, testId: 'collaboration-order' },
            { label: t('analytics.collaboration.size'), value: data.size, testId: 'collaboration-size' },
            { label: t('analytics.collaboration.density'), value: score(data.density), testId: 'collaboration-density' },
            { label: t('analytics.collaboration.components'), value: data.components, testId: 'collaboration-components' },
            {
              label: t('analytics.collaboration.isolated'),
              value: data.isolatedCount,
              alarm: data.isolatedCount > 0,
              testId: 'collaboration-isolated',
            },
            { label: t('analytics.collaboration.communities'), value: data.communities, testId: 'collaboration-communities' },
          ]}
        />
      )}
      chart={(data) => <CollaborationChart data={data} />}
      numbers={(data) => <CollaborationNumbers data={data} />}
    />
  );
}
