/** One warehouse or collection point: where it is, what it holds, its movements, and the form to record one. */
import { useQuery } from '@tanstack/react-query';
import { Alert, Card, Col, Descriptions, Result, Row, Spin, Table, Tag, Typography } from 'antd';
import type { ColumnsType } from 'antd/es/table';
import { useTranslation } from 'react-i18next';
import { Link, useParams } from 'react-router-dom';
import { ApiError, incidentsQuery, warehouseApi } from '../../api';
import { ErrorAlert } from '../../components/error-alert';
import { JurisdictionName } from '../../components/jurisdiction-name';
import { LoadMore, usePagedList } from '../../components/load-more';
import { OrganizationName } from '../../components/organization-name';
import { PageHeader } from '../../components/page-header';
import { useDateTime, useShortDateTime } from '../../format';
import type { MovementPage, MovementView, StockLine, WarehouseView } from '../../types';
import { useItemText } from './items';
import { MovementForm } from './movement-form';

const PAGE_SIZE = 30;

/** Another warehouse's name, linking to it. */
function WarehouseName({ id }: { id: string }) {
  const { data } = useQuery({ queryKey: ['warehouse', id], queryFn: () => warehouseApi.get(id), staleTime: 60_000 });
  return <Link to={`/warehouses/${encodeURIComponent(id)}`}>{data?.name ?? '…'}</Link>;
}

/** An incident's name, linking to its board. */
function IncidentName({ id }: { id: string }) {
  const { data } = useQuery(incidentsQuery('all'));
  return <Link to={`/incidents/${encodeURIComponent(id)}`}>{data?.find((incident) => incident.id === id)?.name ?? '…'}</Link>;
}
/** Movements that add to the warehouse they are recorded in. */
const INWARD = new Set(['receive']);

function StockCard({ warehouseId }: { warehouseId: string }) {
  const { t } = useTranslation();
  const items = useItemText();
  const dateTime = useShortDateTime();
  const stock = useQuery({ queryKey: ['warehouse', warehouseId, 'stock'], queryFn: () => warehouseApi.stock(warehouseId) });
  const columns: ColumnsType<StockLine> = [
    { key: 'name', title: t('field.item'), render: (_, line) => items.name(line.item) },
    {
      key: 'code',
      title: t('warehouses.itemCode'),
      render: (_, line) => <span className="code-text">{line.item}</span>,
    },
    {
      key: 'quantity',
      title: t('warehouses.quantity'),
      align: 'right',
      render: (_, line) => (
        <Typography.Text strong={line.quantity > 0} type={line.quantity === 0 ? 'secondary' : undefined}>
          {items.quantity(line.quantity)}
        </Typography.Text>
      ),
    },
    { key: 'unit', title: t('warehouses.unit'), render: (_, line) => items.unit(line.item) },
    { key: 'updatedAt', title: t('warehouses.updatedAt'), render: (_, line) => dateTime(line.updatedAt) },
  ];
  return (
    <Card title={t('warehouses.stockTitle')} className="section-card" size="small">
      <ErrorAlert error={stock.error} />
      <Table<StockLine>
        rowKey="item"
        size="small"
        data-testid="stock-table"
        loading={stock.isPending}
        columns={columns}
        dataSource={stock.data ?? []}
        pagination={false}
        scroll={{ x: 'max-content' }}
        locale={{ emptyText: t('warehouses.stockEmpty') }}
      />
    </Card>
  );
}

function MovementsCard({ warehouse }: { warehouse: WarehouseView }) {
  const { t } = useTranslation();
  const items = useItemText();
  const dateTime = useShortDateTime();
  const { items: rows, query } = usePagedList<MovementView, MovementPage>({
    queryKey: ['warehouse', warehouse.id, 'movements'],
    fetchPage: (cursor) => warehouseApi.movements(warehouse.id, { limit: PAGE_SIZE, cursor }),
  });
  /** The change to this warehouse's stock: a transfer into it adds, out of it takes. */
  const signed = (m: MovementView) => {
    if (m.kind === 'adjust') return m.quantity;
    if (m.kind === 'transfer') return m.warehouseId === warehouse.id ? -m.quantity : m.quantity;
    return INWARD.has(m.kind) ? m.quantity : -m.quantity;
  };
  const columns: ColumnsType<MovementView> = [
    { key: 'at', title: t('warehouses.at'), render: (_, m) => dateTime(m.at) },
    {
      key: 'kind',
      title: t('warehouses.movementKindLabel'),
      render: (_, m) => <Tag>{t(`warehouses.movementKind.${m.kind}`)}</Tag>,
    },
    { key: 'item', title: t('field.item'), render: (_, m) => items.name(m.item) },
    {
      key: 'quantity',
      title: t('warehouses.quantity'),
      align: 'right',
      render: (_, m) => {
        const change = signed(m);
        return (
          <Typography.Text type={change < 0 ? 'danger' : 'success'} className="code-text">
            {change > 0 ? '+' : '−'}
            {items.quantity(Math.abs(change))} {items.unit(m.item)}
          </Typography.Text>
        );
      },
    },
    {
      key: 'counterpart',
      title: t('warehouses.counterpart'),
      render: (_, m) => {
        if (m.kind !== 'transfer') return <span className="muted">—</span>;
        const outward = m.warehouseId === warehouse.id;
        const other = outward ? m.toWarehouseId : m.warehouseId;
        return (
          <span>
            {outward ? t('warehouses.transferOut') : t('warehouses.transferIn')} {other ? <WarehouseName id={other} /> : null}
          </span>
        );
      },
    },
    {
      key: 'incident',
      title: t('warehouses.incident'),
      render: (_, m) => (m.incidentId ? <IncidentName id={m.incidentId} /> : <span className="muted">—</span>),
    },
    {
      key: 'reason',
      title: t('warehouses.reason'),
      render: (_, m) => [m.reason, m.offerReference].filter(Boolean).join(' · ') || <span className="muted">—</span>,
    },
  ];
  return (
    <Card title={t('warehouses.movementsTitle')} className="section-card" size="small">
      <ErrorAlert error={query.error} />
      <Table<MovementView>
        rowKey="id"
        size="small"
        data-testid="movements-table"
        loading={query.isPending}
        columns={columns}
        dataSource={rows}
        pagination={false}
        scroll={{ x: 'max-content' }}
        locale={{ emptyText: t('warehouses.movementsEmpty') }}
      />
      <LoadMore pager={query} />
    </Card>
  );
}

export function WarehousePage() {
  const { t } = useTranslation();
  const { id = '' } = useParams();
  const dateTime = useDateTime();
  const query = useQuery({ queryKey: ['warehouse', id], queryFn: () => warehouseApi.get(id) });
  const crumbs = [{ title: t('nav.response') }, { title: t('nav.warehouses'), to: '/warehouses' }];
  if (query.isPending) return <Spin size="large" className="page-spin" />;
  if (query.isError) {
    const missing = query.error instanceof ApiError && query.error.status === 404;
    return (
      <>
        <PageHeader title={t('warehouses.title')} crumbs={crumbs} />
        {missing ? (
          <Result status="404" title={t('warehouses.notFound')} extra={<Link to="/warehouses">{t('notFound.back')}</Link>} />
        ) : (
          <ErrorAlert error={query.error} />
        )}
      </>
    );
  }
  const warehouse = query.data;
  return (
    <>
      <PageHeader
        title={warehouse.name}
        crumbs={[...crumbs, { title: warehouse.name }]}
        tags={<Tag color="blue">{t(`warehouses.kind.${warehouse.kind}`)}</Tag>}
      />
      <Card className="section-card" size="small">
        <Descriptions
          column={{ xs: 1, md: 2 }}
          size="small"
          items={[
            {
              key: 'owner',
              label: t('warehouses.owner'),
              children: <OrganizationName id={warehouse.organizationId} name={warehouse.organizationName} />,
            },
            { key: 'area', label: t('warehouses.area'), children: <JurisdictionName code={warehouse.jurisdiction} /> },
            {
              key: 'address',
              label: t('warehouses.address'),
              children: warehouse.address ?? <span className="muted">{t('common.none')}</span>,
            },
            {
              key: 'coordinates',
              label: t('warehouses.coordinates'),
              children: (
                <span className="code-text">
                  {warehouse.lat.toFixed(5)}, {warehouse.lon.toFixed(5)}
                </span>
              ),
            },
            { key: 'createdAt', label: t('warehouses.createdAt'), children: dateTime(warehouse.createdAt) },
          ]}
        />
      </Card>
      <Row gutter={[16, 16]}>
        <Col xs={24} lg={15}>
          <StockCard warehouseId={warehouse.id} />
        </Col>
        <Col xs={24} lg={9}>
          <Card title={t('warehouses.record.title')} className="section-card" size="small">
            {warehouse.viewerCanMove ? (
              <MovementForm warehouse={warehouse} />
            ) : (
              <Alert type="info" showIcon title={t('warehouses.readOnly')} data-testid="movement-read-only" />
            )}
          </Card>
        </Col>
      </Row>
      <MovementsCard warehouse={warehouse} />
    </>
  );
}
