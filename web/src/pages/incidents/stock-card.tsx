/**
 * The board's stock (库存): the warehouses and collection points in the incident's areas and
 * what each holds now, with the items the incident needs now first and, per needed item, what
 * these places hold against what is still open — so a coordinator sees at a glance whether a
 * plan can serve the needs from nearby stock. Each place links to its page, where movements are
 * recorded.
 */
import { useQueries } from '@tanstack/react-query';
import { Card, Empty, Flex, Table, Tag, Typography } from 'antd';
import type { ColumnsType } from 'antd/es/table';
import { useMemo } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router-dom';
import { warehouseApi } from '../../api';
import { ErrorAlert } from '../../components/error-alert';
import { useItemWords, useQuantityText } from '../../components/item-words';
import { JurisdictionName } from '../../components/jurisdiction-name';
import type { IncidentDetail, NeededNow, WarehouseView } from '../../types';
import { type LiveMode, pollInterval, resourcesKey } from './live-updates';

/** More places than this in an incident's areas are listed on the warehouses page, not here. */
const LIMIT = 100;

export function StockCard({ incident, live, needed }: { incident: IncidentDetail; live: LiveMode; needed?: NeededNow }) {
  const { t } = useTranslation();
  const words = useItemWords();
  const quantity = useQuantityText();
  const answers = useQueries({
    queries: incident.jurisdictions.map((jurisdiction) => ({
      queryKey: [...resourcesKey(incident.id), 'stock', jurisdiction],
      queryFn: () => warehouseApi.list({ jurisdiction, limit: LIMIT }),
      refetchInterval: pollInterval(live),
    })),
  });
  const loading = answers.some((a) => a.isPending);
  const error = answers.find((a) => a.error)?.error ?? null;
  const more = answers.some((a) => (a.data?.total ?? 0) > LIMIT);
  const places = useMemo(() => {
    const seen = new Map<string, WarehouseView>();
    for (const answer of answers) for (const w of answer.data?.items ?? []) if (!w.archivedAt) seen.set(w.id, w);
    return [...seen.values()];
  }, [answers]);
  const neededItems = useMemo(() => new Map((needed?.needed ?? []).map((n) => [n.item, n.quantity])), [needed]);

  /** Per item needed now: what is open, and what the places here hold. */
  const coverage = [...neededItems.entries()].map(([item, open]) => ({
    item,
    open,
    held: places.reduce((sum, w) => sum + (w.stock.find((s) => s.item === item)?.quantity ?? 0), 0),
  }));

  const columns: ColumnsType<WarehouseView> = [
    {
      title: t('stock.place'),
      key: 'place',
      width: 220,
      render: (_, w) => (
        <Flex vertical>
          <Link to={`/warehouses/${w.id}`}>{w.name}</Link>
          <Typography.Text type="secondary" className="small">
            {t(`warehouses.kind.${w.kind}`)} · {w.organizationName}
          </Typography.Text>
        </Flex>
      ),
    },
    {
      title: t('stock.area'),
      key: 'area',
      width: 130,
      render: (_, w) => <JurisdictionName code={w.jurisdiction} />,
    },
    {
      title: t('stock.holds'),
      key: 'holds',
      render: (_, w) => {
        // Items needed now first, then the rest.
        const lines = [...w.stock].sort(
          (a, b) => Number(neededItems.has(b.item)) - Number(neededItems.has(a.item)) || a.item.localeCompare(b.item),
        );
        if (lines.length === 0) return <Typography.Text type="secondary">{t('stock.emptyPlace')}</Typography.Text>;
        return (
          <Flex gap={4} wrap>
            {lines.map((s) => (
              <Tag key={s.item} color={neededItems.has(s.item) ? 'blue' : undefined}>
                {words(s.item).name} {quantity(s.quantity, s.item)}
              </Tag>
            ))}
          </Flex>
        );
      },
    },
  ];

  return (
    <Card className="section-card table-card" title={t('stock.title')} data-testid="stock-card">
      <ErrorAlert error={error} />
      {coverage.length > 0 ? (
        <ul className="stock-coverage" aria-label={t('stock.coverageLabel')} data-testid="stock-coverage">
          {coverage.map((c) => (
            <li key={c.item}>
              <strong>{words(c.item).name}</strong>{' '}
              <Typography.Text type={c.held < c.open ? 'warning' : 'success'}>
                {t('stock.coverage', { held: quantity(c.held, c.item), open: quantity(c.open, c.item) })}
              </Typography.Text>
            </li>
          ))}
        </ul>
      ) : null}
      <Table<WarehouseView>
        rowKey="id"
        size="middle"
        columns={columns}
        dataSource={places}
        loading={loading}
        pagination={places.length > 20 ? { pageSize: 20, showSizeChanger: false } : false}
        scroll={{ x: 700 }}
        locale={{ emptyText: <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t('stock.empty')} /> }}
        data-testid="board-stock-table"
      />
      {more ? (
        <Typography.Paragraph type="secondary" className="small">
          <Link to="/warehouses">{t('stock.more')}</Link>
        </Typography.Paragraph>
      ) : null}
    </Card>
  );
}
