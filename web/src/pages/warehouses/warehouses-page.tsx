/** 仓库与收集点: every organization's warehouses and collection points with what they hold, filtered by name, area and owner. */
import { DownloadOutlined, PlusOutlined } from '@ant-design/icons';
import { App, Button, Flex, Input, Table, Tag, Typography } from 'antd';
import type { ColumnsType } from 'antd/es/table';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router-dom';
import { warehouseApi } from '../../api';
import { ErrorAlert } from '../../components/error-alert';
import { JurisdictionCascader } from '../../components/jurisdiction-cascader';
import { JurisdictionTag } from '../../components/jurisdiction-name';
import { LoadMore, usePagedList } from '../../components/load-more';
import { OrganizationName } from '../../components/organization-name';
import { OrganizationPicker } from '../../components/organization-picker';
import { PageHeader } from '../../components/page-header';
import { useErrorText } from '../../error-text';
import { currentLanguage } from '../../i18n';
import type { WarehousePage, WarehouseView } from '../../types';
import { CreateWarehouseModal } from './create-warehouse-modal';
import { useItemText } from './items';

const PAGE_SIZE = 50;
/** Items shown in a row before "and N more". */
const SHOWN = 3;

function useColumns(): ColumnsType<WarehouseView> {
  const { t } = useTranslation();
  const items = useItemText();
  return [
    {
      key: 'name',
      title: t('warehouses.name'),
      render: (_, w) => <Link to={`/warehouses/${encodeURIComponent(w.id)}`}>{w.name}</Link>,
    },
    { key: 'kind', title: t('warehouses.kindLabel'), render: (_, w) => <Tag>{t(`warehouses.kind.${w.kind}`)}</Tag> },
    {
      key: 'owner',
      title: t('warehouses.owner'),
      render: (_, w) => <OrganizationName id={w.organizationId} name={w.organizationName} />,
    },
    { key: 'area', title: t('warehouses.area'), render: (_, w) => <JurisdictionTag code={w.jurisdiction} /> },
    {
      key: 'stock',
      title: t('warehouses.stock'),
      render: (_, w) =>
        w.stock.length === 0 ? (
          <Typography.Text type="secondary">{t('warehouses.stockNone')}</Typography.Text>
        ) : (
          <span>
            {w.stock
              .slice(0, SHOWN)
              .map((line) => `${items.name(line.item)} ${items.quantity(line.quantity)} ${items.unit(line.item)}`)
              .join(currentLanguage() === 'en' ? '; ' : '；')}
            {w.stock.length > SHOWN ? (
              <Typography.Text type="secondary"> {t('common.more', { count: w.stock.length - SHOWN })}</Typography.Text>
            ) : null}
          </span>
        ),
    },
    { key: 'address', title: t('warehouses.address'), render: (_, w) => w.address ?? <span className="muted">—</span> },
  ];
}

export function WarehousesPage() {
  const { t } = useTranslation();
  const columns = useColumns();
  const [q, setQ] = useState('');
  const [jurisdiction, setJurisdiction] = useState<string | null>(null);
  const [organizationId, setOrganizationId] = useState<string | null>(null);
  const [creating, setCreating] = useState(false);
  const { message } = App.useApp();
  const { full } = useErrorText();
  const { items: rows, query } = usePagedList<WarehouseView, WarehousePage>({
    queryKey: ['warehouses', q, jurisdiction ?? '', organizationId ?? ''],
    fetchPage: (cursor) =>
      warehouseApi.list({
        q: q || undefined,
        jurisdiction: jurisdiction ?? undefined,
        organizationId: organizationId ?? undefined,
        limit: PAGE_SIZE,
        cursor,
      }),
  });
  const mayCreate = query.data?.pages[0]?.viewerCanCreate ?? false;
  const filtered = Boolean(q || jurisdiction || organizationId);

  return (
    <>
      <PageHeader
        title={t('warehouses.title')}
        crumbs={[{ title: t('nav.response') }, { title: t('nav.warehouses') }]}
        subtitle={t('warehouses.subtitle')}
        extra={
          <Flex gap={8}>
            <Button
              icon={<DownloadOutlined />}
              onClick={() =>
                void warehouseApi
                  .geojson({
                    q: q || undefined,
                    jurisdiction: jurisdiction ?? undefined,
                    organizationId: organizationId ?? undefined,
                    limit: 200,
                  })
                  .catch((error) => message.error(full(error)))
              }
              data-testid="warehouses-geojson"
            >
              {t('needs.downloadGeojson')}
            </Button>
            {mayCreate ? (
              <Button type="primary" icon={<PlusOutlined />} onClick={() => setCreating(true)} data-testid="new-warehouse">
                {t('warehouses.new')}
              </Button>
            ) : null}
          </Flex>
        }
      />
      <Flex wrap gap={12} align="center" className="filter-bar" style={{ marginBottom: 16 }} data-testid="warehouse-filters">
        <Input.Search
          allowClear
          placeholder={t('warehouses.search')}
          aria-label={t('warehouses.search')}
          onSearch={(text) => setQ(text.trim())}
          style={{ width: 220 }}
        />
        <JurisdictionCascader
          value={jurisdiction}
          onChange={(code) => setJurisdiction(code)}
          aria-label={t('warehouses.area')}
          style={{ minWidth: 220 }}
        />
        <OrganizationPicker
          value={organizationId}
          onChange={setOrganizationId}
          placeholder={t('warehouses.allOrganizations')}
          aria-label={t('warehouses.owner')}
          style={{ width: 240 }}
        />
      </Flex>
      <ErrorAlert error={query.error} />
      <Table<WarehouseView>
        rowKey="id"
        size="small"
        data-testid="warehouses-table"
        loading={query.isPending}
        columns={columns}
        dataSource={rows}
        pagination={false}
        scroll={{ x: 'max-content' }}
        locale={{ emptyText: filtered ? t('warehouses.emptyFiltered') : t('warehouses.empty') }}
      />
      <LoadMore pager={query} />
      <CreateWarehouseModal open={creating} onClose={() => setCreating(false)} />
    </>
  );
}
