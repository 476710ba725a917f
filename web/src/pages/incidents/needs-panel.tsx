/** The board's needs: filters kept in the URL, a table of the results and a map of the same filters. */
import { DownloadOutlined, PlusOutlined } from '@ant-design/icons';
import { keepPreviousData, useInfiniteQuery } from '@tanstack/react-query';
import { App, Button, Card, Col, Empty, Flex, Progress, Row, Select, Switch, Table, Tag, Typography } from 'antd';
import type { ColumnsType } from 'antd/es/table';
import type { MouseEvent } from 'react';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useSearchParams } from 'react-router-dom';
import { NEED_STATUSES, URGENCIES } from '../../../../src/model/need';
import { SERVICE_CATEGORIES } from '../../../../src/model/taxonomy';
import { needApi } from '../../api';
import { ErrorAlert } from '../../components/error-alert';
import { NeedStatusTag, UrgencyTag, VulnerableTags } from '../../components/incident-tags';
import { useJurisdictionName } from '../../components/jurisdiction-name';
import { LoadMore } from '../../components/load-more';
import { useErrorText } from '../../error-text';
import { useDateTime, useShortDateTime } from '../../format';
import type { IncidentDetail, NeedQuery, NeedStatus, NeedView } from '../../types';
import { BoardMap } from './board-map';
import { boardKey, type LiveMode, pollInterval } from './live-updates';
import { ReportNeedModal } from './report-need-modal';
import { ACTIVE_NEED_STATUSES } from './rules';

const PAGE_SIZE = 100;
const FILTERS = ['status', 'category', 'urgency', 'vulnerable', 'unclaimed', 'locate'] as const;
type Filter = (typeof FILTERS)[number];

const isOneOf = <T extends string>(list: readonly T[], value: string | null): value is T =>
  value !== null && (list as readonly string[]).includes(value);

/** The URL's filters (prefixed n. so they do not clash with the board's other parameters). */
function useNeedFilters(): [Record<Filter, string>, (key: Filter, value: string | null) => void, () => void] {
  const [params, setParams] = useSearchParams();
  const filters = Object.fromEntries(FILTERS.map((key) => [key, params.get(`n.${key}`) ?? ''])) as Record<Filter, string>;
  const set = (key: Filter, value: string | null) =>
    setParams(
      (current) => {
        const next = new URLSearchParams(current);
        if (value) next.set(`n.${key}`, value);
        else next.delete(`n.${key}`);
        return next;
      },
      { replace: true },
    );
  const clear = () =>
    setParams(
      (current) => {
        const next = new URLSearchParams(current);
        for (const key of FILTERS) next.delete(`n.${key}`);
        return next;
      },
      { replace: true },
    );
  return [filters, set, clear];
}

/** The list's and the map's query; the vulnerable filter only for those the server lets use it. */
function toQuery(filters: Record<Filter, string>, mayFilterVulnerable: boolean): NeedQuery {
  const status: NeedStatus[] =
    filters.status === 'all' ? [] : isOneOf(NEED_STATUSES, filters.status) ? [filters.status] : ACTIVE_NEED_STATUSES;
  return {
    status,
    category: isOneOf(SERVICE_CATEGORIES, filters.category) ? filters.category : undefined,
    urgency: isOneOf(URGENCIES, filters.urgency) ? filters.urgency : undefined,
    vulnerable: (mayFilterVulnerable && filters.vulnerable === 'true') || undefined,
    unclaimed: filters.unclaimed === 'true' || undefined,
  };
}

function PlaceName({ code }: { code: string }) {
  const name = useJurisdictionName(code);
  return <span title={code}>{name ?? code}</span>;
}

function Quantities({ need }: { need: NeedView }) {
  const { t } = useTranslation();
  const share = (n: number) => Math.min(100, Math.round((n / Math.max(need.quantity, 1)) * 100));
  return (
    <div className="need-quantities">
      <div>
        <span className="strong">{need.quantity}</span> {need.unit}
      </div>
      <Progress
        percent={share(need.claimedQuantity + need.fulfilledQuantity)}
        success={{ percent: share(need.fulfilledQuantity) }}
        showInfo={false}
        size="small"
        aria-label={t('needs.quantityShort', { claimed: need.claimedQuantity, fulfilled: need.fulfilledQuantity })}
      />
      <div className="muted small">
        {t('needs.quantityShort', { claimed: need.claimedQuantity, fulfilled: need.fulfilledQuantity })}
      </div>
    </div>
  );
}

export function NeedsPanel({
  incident,
  live,
  selectedId,
  onSelect,
  hrefFor,
}: {
  incident: IncidentDetail;
  live: LiveMode;
  selectedId: string | null;
  onSelect: (id: string) => void;
  hrefFor: (id: string) => string;
}) {
  const { t } = useTranslation();
  const dateTime = useDateTime();
  const shortTime = useShortDateTime();
  const [filters, setFilter, clearFilters] = useNeedFilters();
  const [reporting, setReporting] = useState(false);
  const { message } = App.useApp();
  const errorText = useErrorText();
  const mayFilterVulnerable = incident.viewerCanFilterVulnerable;
  const query = toQuery(filters, mayFilterVulnerable);
  const needs = useInfiniteQuery({
    queryKey: [...boardKey(incident.id), 'needs', filters],
    // The list to locate (needs known only by their address) is the list's alone: such needs are not on the map.
    queryFn: ({ pageParam }) =>
      needApi.list(incident.id, {
        ...query,
        locationNeeded: filters.locate === 'true' || undefined,
        limit: PAGE_SIZE,
        cursor: pageParam,
      }),
    initialPageParam: undefined as string | undefined,
    getNextPageParam: (last) => last.nextCursor ?? undefined,
    placeholderData: keepPreviousData,
    refetchInterval: pollInterval(live),
  });
  const rows = needs.data?.pages.flatMap((page) => page.items) ?? [];
  const total = needs.data?.pages[0]?.total ?? 0;
  const filtered = FILTERS.some((key) => filters[key] !== '');
  const mayReport = incident.viewerCanReportNeeds;

  const open = (event: MouseEvent, id: string) => {
    event.preventDefault();
    onSelect(id);
  };

  const columns: ColumnsType<NeedView> = [
    {
      title: t('needs.urgencyStatus'),
      key: 'urgency',
      width: 92,
      render: (_, need) => (
        <div className="need-state-cell">
          <UrgencyTag urgency={need.urgency} />
          <NeedStatusTag status={need.status} />
        </div>
      ),
    },
    {
      title: t('needs.titleLabel'),
      key: 'title',
      render: (_, need) => (
        <div className="need-title-cell">
          <a href={hrefFor(need.id)} onClick={(event) => open(event, need.id)} className="need-title-link">
            {need.title}
          </a>
          <div className="muted small">
            {t(`category.${need.category}`)}
            {need.verification.level !== 'unverified' ? ` · ${t(`need.verification.${need.verification.level}`)}` : ''}
            {need.source === 'public' ? ` · ${t('need.source.public')}` : ''}
            {' · '}
            <time dateTime={need.createdAt} title={dateTime(need.createdAt)}>
              {shortTime(need.createdAt)}
            </time>
          </div>
          <VulnerableTags groups={need.vulnerableGroups} />
        </div>
      ),
    },
    { title: t('needs.quantity'), key: 'quantity', width: 140, render: (_, need) => <Quantities need={need} /> },
    {
      title: t('needs.holders'),
      key: 'holders',
      width: 150,
      render: (_, need) =>
        need.holders.length ? (
          <span className="tag-list">
            {need.holders.map((h) => (
              <Tag key={h.claimId} color={h.status === 'offered' ? 'gold' : 'blue'} title={`${h.quantity} ${need.unit}`}>
                {h.organizationName}
              </Tag>
            ))}
          </span>
        ) : (
          <span className="muted">—</span>
        ),
    },
    { title: t('needs.place'), key: 'place', width: 100, render: (_, need) => <PlaceName code={need.jurisdiction} /> },
  ];

  return (
    <>
      <Card className="section-card" role="search" aria-label={t('needs.filters')}>
        <Flex wrap gap={12} align="center" className="filter-bar">
          <Select
            aria-label={t('needs.status')}
            value={filters.status || 'active'}
            onChange={(value: string) => setFilter('status', value === 'active' ? null : value)}
            options={[
              { value: 'active', label: t('needs.statusActive') },
              ...NEED_STATUSES.map((s) => ({ value: s, label: t(`need.status.${s}`) })),
              { value: 'all', label: t('needs.statusAll') },
            ]}
            className="filter-select"
            data-testid="need-status-filter"
          />
          <Select
            aria-label={t('needs.category')}
            allowClear
            showSearch={{ optionFilterProp: 'label' }}
            placeholder={t('needs.anyCategory')}
            value={filters.category || undefined}
            onChange={(value: string | undefined) => setFilter('category', value ?? null)}
            options={SERVICE_CATEGORIES.map((c) => ({ value: c, label: t(`category.${c}`) }))}
            className="filter-select"
          />
          <Select
            aria-label={t('needs.urgency')}
            allowClear
            placeholder={t('needs.anyUrgency')}
            value={filters.urgency || undefined}
            onChange={(value: string | undefined) => setFilter('urgency', value ?? null)}
            options={URGENCIES.map((u) => ({ value: u, label: t(`need.urgency.${u}`) }))}
            className="filter-select-narrow"
          />
          {mayFilterVulnerable ? (
            <Flex align="center" gap={8} className="filter-switch">
              <Switch
                id="needs-vulnerable"
                size="small"
                checked={filters.vulnerable === 'true'}
                onChange={(checked) => setFilter('vulnerable', checked ? 'true' : null)}
              />
              <label htmlFor="needs-vulnerable">{t('needs.vulnerableOnly')}</label>
            </Flex>
          ) : null}
          <Flex align="center" gap={8} className="filter-switch">
            <Switch
              id="needs-unclaimed"
              size="small"
              checked={filters.unclaimed === 'true'}
              onChange={(checked) => setFilter('unclaimed', checked ? 'true' : null)}
            />
            <label htmlFor="needs-unclaimed">{t('needs.unclaimedOnly')}</label>
          </Flex>
          <Flex align="center" gap={8} className="filter-switch">
            <Switch
              id="needs-locate"
              size="small"
              checked={filters.locate === 'true'}
              onChange={(checked) => setFilter('locate', checked ? 'true' : null)}
              data-testid="needs-locate"
            />
            <label htmlFor="needs-locate">{t('needImport.toLocateOnly')}</label>
          </Flex>
          {filtered ? (
            <Button type="link" onClick={clearFilters}>
              {t('directory.clearFilters')}
            </Button>
          ) : null}
          <span className="filter-spacer" />
          <Button
            icon={<DownloadOutlined />}
            onClick={() =>
              void needApi.geojson(incident.id, { ...query, limit: 200 }).catch((error) => message.error(errorText.full(error)))
            }
            data-testid="needs-geojson"
          >
            {t('needs.downloadGeojson')}
          </Button>
          {mayReport ? (
            <Button type="primary" icon={<PlusOutlined />} onClick={() => setReporting(true)} data-testid="report-need">
              {t('needs.report')}
            </Button>
          ) : null}
        </Flex>
      </Card>
      <Row gutter={[16, 16]}>
        <Col xs={24} xl={15}>
          <Card className="section-card table-card">
            <ErrorAlert error={needs.error} />
            <Flex justify="space-between" align="center" className="table-summary">
              <Typography.Text aria-live="polite" data-testid="needs-total">
                {needs.isPending ? t('common.loading') : t('needs.total', { count: total })}
              </Typography.Text>
              {rows.length > 0 && rows.length < total ? (
                <Typography.Text type="secondary">{t('directory.shown', { shown: rows.length, total })}</Typography.Text>
              ) : null}
            </Flex>
            <Table<NeedView>
              rowKey="id"
              size="middle"
              columns={columns}
              dataSource={rows}
              loading={needs.isPending}
              pagination={false}
              scroll={{ x: 700 }}
              rowClassName={(need) =>
                [need.id === selectedId ? 'row-selected' : '', need.urgency === 'critical' ? 'row-critical' : ''].join(' ')
              }
              onRow={(need) => ({ onClick: () => onSelect(need.id) })}
              locale={{
                emptyText: (
                  <Empty
                    image={Empty.PRESENTED_IMAGE_SIMPLE}
                    description={filtered ? t('needs.emptyFiltered') : t('needs.empty')}
                  />
                ),
              }}
              data-testid="needs-table"
            />
            <LoadMore pager={needs} />
          </Card>
        </Col>
        <Col xs={24} xl={9}>
          <Card className="section-card need-map-card" title={t('needs.mapTitle')} size="small">
            <BoardMap
              incidentId={incident.id}
              query={query}
              live={live}
              selectedId={selectedId}
              onSelect={onSelect}
              hrefFor={hrefFor}
            />
          </Card>
        </Col>
      </Row>
      <ReportNeedModal
        incident={incident}
        open={reporting}
        onClose={() => setReporting(false)}
        onReported={(id) => onSelect(id)}
      />
    </>
  );
}
