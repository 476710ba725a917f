/** The organization directory: search and filters kept in the URL, results paged by cursor. */
import { CloudUploadOutlined, DownloadOutlined, DownOutlined, PlusOutlined, SearchOutlined } from '@ant-design/icons';
import { keepPreviousData, useInfiniteQuery, useMutation } from '@tanstack/react-query';
import { App, Button, Card, Dropdown, Empty, Flex, Input, Select, Switch, Table, Tag, Typography } from 'antd';
import type { ColumnsType } from 'antd/es/table';
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useNavigate, useSearchParams } from 'react-router-dom';
import { MEMBERSHIP_STATUSES, type MembershipStatus } from '../../../../src/model/membership';
import { ORGANIZATION_KINDS } from '../../../../src/model/organization';
import { allCells, cellKey, SERVICE_CATEGORIES } from '../../../../src/model/taxonomy';
import { type OrganizationQuery, organizationApi, type SheetFormat } from '../../api';
import { ErrorAlert } from '../../components/error-alert';
import { JurisdictionCascader } from '../../components/jurisdiction-cascader';
import { LoadMore } from '../../components/load-more';
import { MembershipStatusTag, MembershipTierTag } from '../../components/membership-tags';
import { CategoryTags, KindTag } from '../../components/organization-tags';
import { PageHeader } from '../../components/page-header';
import { useErrorText } from '../../error-text';
import { useCapabilities } from '../../session';
import type { OrganizationSummary } from '../../types';

const FILTERS = ['q', 'kind', 'membershipStatus', 'jurisdiction', 'cell', 'category', 'includeArchived'] as const;
type Filter = (typeof FILTERS)[number];
type Filters = Record<Filter, string>;

const PAGE_SIZE = 50;

const isOneOf = <T extends string>(list: readonly T[], value: string): value is T => (list as readonly string[]).includes(value);
const isStatus = (value: string): value is MembershipStatus => isOneOf(MEMBERSHIP_STATUSES, value);
const SHOWN_TAGS = 3;

function useFilters(): [Filters, (key: Filter, value: string | null) => void, () => void] {
  const [params, setParams] = useSearchParams();
  const filters = Object.fromEntries(FILTERS.map((key) => [key, params.get(key) ?? ''])) as Filters;
  const set = (key: Filter, value: string | null) => {
    setParams(
      (current) => {
        const next = new URLSearchParams(current);
        if (value) next.set(key, value);
        else next.delete(key);
        return next;
      },
      { replace: key === 'q' },
    );
  };
  // Clears the filters but keeps the choice to see archived organizations.
  const clear = () =>
    setParams((current) => {
      const next = new URLSearchParams();
      const archived = current.get('includeArchived');
      if (archived) next.set('includeArchived', archived);
      return next;
    });
  return [filters, set, clear];
}

/** 导出: the directory as it is filtered now, as XLSX or CSV. */
function ExportButton({ query }: { query: Omit<OrganizationQuery, 'limit' | 'cursor'> }) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const { full } = useErrorText();
  const exporting = useMutation({
    mutationFn: (format: SheetFormat | 'geojson') =>
      format === 'geojson' ? organizationApi.geojson({ ...query, limit: 200 }) : organizationApi.export(query, format),
    onError: (error) => message.error(full(error)),
  });
  return (
    <Dropdown
      trigger={['click']}
      menu={{
        items: [
          { key: 'xlsx', label: t('directory.exportXlsx') },
          { key: 'csv', label: t('directory.exportCsv') },
          { key: 'geojson', label: t('directory.exportGeojson') },
        ],
        onClick: ({ key }) => exporting.mutate(key as SheetFormat | 'geojson'),
      }}
    >
      <Button icon={<DownloadOutlined />} loading={exporting.isPending} data-testid="directory-export">
        {t('directory.export')} <DownOutlined aria-hidden="true" className="small" />
      </Button>
    </Dropdown>
  );
}

function SearchBox({ value, onSearch }: { value: string; onSearch: (q: string) => void }) {
  const { t } = useTranslation();
  const [text, setText] = useState(value);
  useEffect(() => setText(value), [value]);
  // Search while typing, after a short pause.
  useEffect(() => {
    if (text.trim() === value) return;
    const timer = setTimeout(() => onSearch(text.trim()), 300);
    return () => clearTimeout(timer);
  }, [text, value, onSearch]);
  return (
    <Input
      type="search"
      allowClear
      prefix={<SearchOutlined aria-hidden="true" />}
      aria-label={t('directory.searchLabel')}
      placeholder={t('directory.searchPlaceholder')}
      value={text}
      onChange={(event) => setText(event.target.value)}
      onPressEnter={() => onSearch(text.trim())}
      className="directory-search"
      data-testid="directory-search"
    />
  );
}

function useColumns(): ColumnsType<OrganizationSummary> {
  const { t } = useTranslation();
  return [
    {
      title: t('field.name'),
      key: 'name',
      render: (_, org) => (
        <div className="org-name-cell">
          <Link to={`/organizations/${encodeURIComponent(org.id)}`} className="org-name-link">
            {org.name}
          </Link>
          {org.archived ? (
            <Tag color="default" className="inline-tag" data-testid="archived-tag">
              {t('organization.archived')}
            </Tag>
          ) : null}
          {org.nameEn ? <div className="org-name-en">{org.nameEn}</div> : null}
        </div>
      ),
    },
    { title: t('field.kind'), key: 'kind', width: 130, render: (_, org) => <KindTag kind={org.kind} /> },
    {
      title: t('membership.statusColumn'),
      key: 'membership',
      width: 130,
      render: (_, org) => (
        <span className="status-cell">
          <MembershipStatusTag status={org.membership.status} />
          <MembershipTierTag tier={org.membership.tier} />
        </span>
      ),
    },
    {
      title: t('field.jurisdictions'),
      key: 'jurisdictions',
      width: 220,
      render: (_, org) => {
        const names = org.jurisdictionNames.length ? org.jurisdictionNames : org.jurisdictions;
        if (names.length === 0) return <span className="muted">—</span>;
        const more = names.length - SHOWN_TAGS;
        return (
          <span title={names.join('、')}>
            {names.slice(0, SHOWN_TAGS).join('、')}
            {more > 0 ? <span className="muted"> {t('common.more', { count: more })}</span> : null}
          </span>
        );
      },
    },
    {
      title: t('field.serviceCategories'),
      key: 'categories',
      render: (_, org) => <CategoryTags categories={org.capabilities.serviceCategories} />,
    },
    {
      title: t('field.creditCode'),
      key: 'creditCode',
      width: 200,
      render: (_, org) =>
        org.creditCode ? <span className="code-text">{org.creditCode}</span> : <span className="muted">—</span>,
    },
  ];
}

export function DirectoryPage() {
  const { t } = useTranslation();
  const may = useCapabilities();
  const navigate = useNavigate();
  const [filters, setFilter, clearFilters] = useFilters();
  const columns = useColumns();
  // Archived organizations are for those who archive them; the switch is theirs alone.
  const mayIncludeArchived = may.includeArchived;
  const includeArchived = mayIncludeArchived && filters.includeArchived === 'true';

  const filterQuery: Omit<OrganizationQuery, 'limit' | 'cursor'> = {
    q: filters.q || undefined,
    kind: isOneOf(ORGANIZATION_KINDS, filters.kind) ? filters.kind : undefined,
    membershipStatus: isStatus(filters.membershipStatus) ? filters.membershipStatus : undefined,
    jurisdiction: filters.jurisdiction || undefined,
    cell: filters.cell || undefined,
    category: isOneOf(SERVICE_CATEGORIES, filters.category) ? filters.category : undefined,
    includeArchived: includeArchived || undefined,
  };
  const query = useInfiniteQuery({
    queryKey: ['organizations', 'directory', { ...filters, includeArchived }],
    queryFn: ({ pageParam }) => organizationApi.list({ ...filterQuery, limit: PAGE_SIZE, cursor: pageParam }),
    initialPageParam: undefined as string | undefined,
    getNextPageParam: (last) => last.nextCursor ?? undefined,
    placeholderData: keepPreviousData,
  });

  const rows = query.data?.pages.flatMap((page) => page.items) ?? [];
  const total = query.data?.pages[0]?.total ?? 0;
  // Showing archived ones widens the list rather than narrowing it, so it is not a filter here.
  const filtered = FILTERS.some((key) => key !== 'includeArchived' && filters[key] !== '');
  const canCreate = may.createOrganizations;

  return (
    <>
      <PageHeader
        title={t('directory.title')}
        subtitle={t('directory.subtitle')}
        crumbs={[{ title: t('nav.network') }, { title: t('nav.organizations') }]}
        extra={
          <>
            <ExportButton query={filterQuery} />
            {may.importOrganizations ? (
              <Button icon={<CloudUploadOutlined />} onClick={() => navigate('/organizations/import')}>
                {t('directory.import')}
              </Button>
            ) : null}
            {canCreate ? (
              <Button type="primary" icon={<PlusOutlined />} onClick={() => navigate('/organizations/new')}>
                {t('directory.create')}
              </Button>
            ) : null}
          </>
        }
      />
      <Card className="section-card" role="search" aria-label={t('directory.filters')}>
        <Flex wrap gap={12} align="center" className="filter-bar">
          <SearchBox value={filters.q} onSearch={(q) => setFilter('q', q)} />
          <Select
            aria-label={t('field.kind')}
            allowClear
            placeholder={t('directory.anyKind')}
            value={filters.kind || undefined}
            onChange={(value: string | undefined) => setFilter('kind', value ?? null)}
            options={ORGANIZATION_KINDS.map((kind) => ({ value: kind, label: t(`kind.${kind}`) }))}
            className="filter-select"
          />
          <Select
            aria-label={t('membership.statusColumn')}
            allowClear
            placeholder={t('directory.anyStatus')}
            value={isStatus(filters.membershipStatus) ? filters.membershipStatus : undefined}
            onChange={(value: string | undefined) => setFilter('membershipStatus', value ?? null)}
            options={MEMBERSHIP_STATUSES.map((status) => ({ value: status, label: t(`membership.status.${status}`) }))}
            className="filter-select"
            data-testid="directory-status-filter"
          />
          <JurisdictionCascader
            aria-label={t('field.jurisdictions')}
            placeholder={t('directory.anyJurisdiction')}
            value={filters.jurisdiction || null}
            onChange={(code) => setFilter('jurisdiction', code)}
            className="filter-cascader"
          />
          <Select
            aria-label={t('field.cell')}
            allowClear
            placeholder={t('directory.anyCell')}
            value={filters.cell || undefined}
            onChange={(value: string | undefined) => setFilter('cell', value ?? null)}
            options={allCells().map((cell) => ({
              value: cellKey(cell),
              label: `${t(`strategy.${cell.strategy}`)} · ${t(`phase.${cell.phase}`)}`,
            }))}
            className="filter-select-wide"
          />
          <Select
            aria-label={t('field.serviceCategory')}
            allowClear
            showSearch={{ optionFilterProp: 'label' }}
            placeholder={t('directory.anyCategory')}
            value={filters.category || undefined}
            onChange={(value: string | undefined) => setFilter('category', value ?? null)}
            options={SERVICE_CATEGORIES.map((category) => ({ value: category, label: t(`category.${category}`) }))}
            className="filter-select"
          />
          {mayIncludeArchived ? (
            <Flex align="center" gap={8} className="filter-switch">
              <Switch
                id="directory-include-archived"
                size="small"
                checked={includeArchived}
                onChange={(checked) => setFilter('includeArchived', checked ? 'true' : null)}
                data-testid="directory-include-archived"
              />
              <label htmlFor="directory-include-archived">{t('directory.includeArchived')}</label>
            </Flex>
          ) : null}
          {filtered ? (
            <Button type="link" onClick={clearFilters}>
              {t('directory.clearFilters')}
            </Button>
          ) : null}
        </Flex>
      </Card>

      <Card className="section-card table-card">
        <ErrorAlert error={query.error} />
        <Flex justify="space-between" align="center" className="table-summary">
          <Typography.Text aria-live="polite" data-testid="directory-total">
            {query.isPending ? t('common.loading') : t('directory.total', { count: total })}
          </Typography.Text>
          {rows.length > 0 && rows.length < total ? (
            <Typography.Text type="secondary">{t('directory.shown', { shown: rows.length, total })}</Typography.Text>
          ) : null}
        </Flex>
        <Table<OrganizationSummary>
          rowKey="id"
          size="middle"
          columns={columns}
          dataSource={rows}
          loading={query.isFetching && !query.isFetchingNextPage}
          pagination={false}
          rowClassName={(org) => (org.archived ? 'row-archived' : '')}
          scroll={{ x: 1030 }}
          locale={{
            emptyText: (
              <Empty
                image={Empty.PRESENTED_IMAGE_SIMPLE}
                description={filtered ? t('directory.emptyFiltered') : t('directory.empty')}
              />
            ),
          }}
          data-testid="directory-table"
        />
        <LoadMore pager={query} />
      </Card>
    </>
  );
}
