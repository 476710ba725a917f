/**
 * 协作网络: who worked with whom in the area over the period (co-deployments, agreements,
 * mentoring, joint programs, shared needs) as a force-directed network; the numbers name the
 * brokers, who join groups that would otherwise not meet, and the isolated organizations.
 */
import type { UseQueryResult } from '@tanstack/react-query';
import { Table, type TableColumnsType, Tag, Typography } from 'antd';
import { useMemo } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router-dom';
import type { Collaboration } from '../../types';
import { AnalyticCard, useNumberFormats } from './analytic-card';
import { drawnPart } from './drawn-network';
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

type Edge = Collaboration['edges'][number];

function CollaborationChart({ data }: { data: Collaboration }) {
  const { t } = useTranslation();
  const { score } = useNumberFormats();
  const part = useMemo(() => drawnPart(data), [data]);
  const summary = t('analytics.collaboration.summary', {
    nodes: data.nodes.length,
    edges: data.edges.length,
    density: score(data.density),
    components: data.components,
    isolated: data.isolated.length,
    communities: data.communities,
  });
  const trimmedNote = t('analytics.collaboration.trimmed', { total: data.nodes.length, drawn: part.nodes.length });

  const option = useMemo((): ChartOption => {
    const brokers = new Set(data.brokers.map((b) => b.id));
    const index = new Map(part.nodes.map((node, at) => [node.id, at]));
    const names = part.nodes.length <= MAX_LABELLED;
    const kinds = (edge: Edge) => edge.kinds.map((kind) => t(`analytics.tie.${kind}`)).join(t('analytics.listSeparator'));
    return {
      tooltip: {
        trigger: 'item',
        confine: true,
        formatter: (params) => {
          const { dataType, dataIndex } = params as { dataType?: string; dataIndex: number };
          if (dataType === 'edge') {
            const edge = part.edges[dataIndex];
            if (!edge) return '';
            const a = part.nodes[index.get(edge.a) ?? -1]?.name ?? '';
            const b = part.nodes[index.get(edge.b) ?? -1]?.name ?? '';
            return `<strong>${escapeHtml(a)} — ${escapeHtml(b)}</strong><br/>${escapeHtml(
              t('analytics.collaboration.edgeTip', { weight: edge.weight, kinds: kinds(edge) }),
            )}`;
          }
          const node = part.nodes[dataIndex];
          if (!node) return '';
          const community =
            node.community < 0
              ? t('analytics.collaboration.isolatedOne')
              : t('analytics.collaboration.communityValue', { n: node.community + 1 });
          return `<strong>${escapeHtml(node.name)}</strong><br/>${escapeHtml(
            t('analytics.collaboration.nodeTip', {
              kind: t(`kind.${node.kind}`),
              degree: node.degree,
              betweenness: score(node.betweenness),
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
          roam: part.nodes.length > MAX_LABELLED,
          draggable: true,
          force: {
            repulsion: part.nodes.length < 30 ? 320 : part.nodes.length < 150 ? 120 : 45,
            edgeLength: part.nodes.length < 30 ? [70, 150] : [40, 120],
            gravity: 0.08,
            // A small network is laid out before it is drawn; a large one settles on screen, frame by
            // frame, rather than holding up the page for the whole layout.
            layoutAnimation: part.nodes.length > 120,
          },
          emphasis: { focus: 'adjacency', lineStyle: { width: 4 } },
          label: { position: 'right', fontSize: 11, color: '#374151' },
          data: part.nodes.map((node) => ({
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
          links: part.edges.map((edge) => ({
            source: index.get(edge.a) ?? 0,
            target: index.get(edge.b) ?? 0,
            value: edge.weight,
            lineStyle: { width: Math.min(7, 0.6 + 1.2 * edge.weight), color: '#9aa7bd', opacity: 0.75 },
          })),
        },
      ],
    };
  }, [data, part, t, score]);

  return (
    <>
      {part.trimmed ? (
        <Typography.Paragraph type="secondary" className="analytics-note" data-testid="collaboration-trimmed">
          {trimmedNote}
        </Typography.Paragraph>
      ) : null}
      <EChart option={option} label={part.trimmed ? `${summary}。${trimmedNote}` : summary} height={360} />
    </>
  );
}

function CollaborationNumbers({ data }: { data: Collaboration }) {
  const { t } = useTranslation();
  const { score } = useNumberFormats();
  const byId = new Map(data.nodes.map((node) => [node.id, node]));
  const organization = (id: string, name: string) => <Link to={`/organizations/${encodeURIComponent(id)}`}>{name}</Link>;
  type Broker = { id: string; name: string; betweenness: number; degree: number };
  const brokers: Broker[] = data.brokers.map((b) => ({
    id: b.id,
    name: byId.get(b.id)?.name ?? b.id,
    betweenness: b.betweenness,
    degree: byId.get(b.id)?.degree ?? 0,
  }));
  const columns: TableColumnsType<Broker> = [
    { title: t('field.name'), dataIndex: 'name', render: (name: string, b) => organization(b.id, name) },
    {
      title: t('analytics.collaboration.betweenness'),
      dataIndex: 'betweenness',
      align: 'right',
      sorter: (a, b) => a.betweenness - b.betweenness,
      defaultSortOrder: 'descend',
      render: (value: number) => score(value),
    },
    { title: t('analytics.collaboration.degree'), dataIndex: 'degree', align: 'right', sorter: (a, b) => a.degree - b.degree },
  ];
  return (
    <>
      <Typography.Title level={3} className="analytics-subtitle">
        {t('analytics.collaboration.brokersTitle')}
      </Typography.Title>
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
          {t('analytics.collaboration.isolatedTitle', { count: data.isolated.length })}
        </Typography.Title>
        {data.isolated.length === 0 ? (
          <Typography.Text type="secondary">{t('analytics.collaboration.noneIsolated')}</Typography.Text>
        ) : (
          <div className="analytics-tags">
            {data.isolated.map((id) => (
              <Tag key={id}>{organization(id, byId.get(id)?.name ?? id)}</Tag>
            ))}
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
      empty={(data) => (data.nodes.length === 0 ? t('analytics.collaboration.empty') : null)}
      summary={(data) => (
        <dl className="analytics-stats">
          <div className="analytics-stat">
            <dt>{t('analytics.collaboration.density')}</dt>
            <dd data-testid="collaboration-density">{score(data.density)}</dd>
          </div>
          <div className="analytics-stat">
            <dt>{t('analytics.collaboration.components')}</dt>
            <dd data-testid="collaboration-components">{data.components}</dd>
          </div>
          <div className="analytics-stat">
            <dt>{t('analytics.collaboration.isolated')}</dt>
            <dd data-testid="collaboration-isolated" className={data.isolated.length > 0 ? 'analytics-alarm' : undefined}>
              {data.isolated.length}
            </dd>
          </div>
          <div className="analytics-stat">
            <dt>{t('analytics.collaboration.communities')}</dt>
            <dd data-testid="collaboration-communities">{data.communities}</dd>
          </div>
        </dl>
      )}
      chart={(data) => <CollaborationChart data={data} />}
      numbers={(data) => <CollaborationNumbers data={data} />}
    />
  );
}
