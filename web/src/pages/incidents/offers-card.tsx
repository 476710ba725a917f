/**
 * The board's offers (捐赠与提供): what the public and organizations pledged, filtered by kind and
 * status (kept in the URL), a page at a time. Donors' names and phones show only to those the
 * server shows them to; the offering organization or a coordinator withdraws an offer with a reason.
 */
import { DownloadOutlined, PlusOutlined } from '@ant-design/icons';
import { keepPreviousData, useInfiniteQuery, useQueryClient } from '@tanstack/react-query';
import { App, Button, Card, Empty, Flex, Select, Table, Tag, Tooltip, Typography } from 'antd';
import type { ColumnsType } from 'antd/es/table';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useSearchParams } from 'react-router-dom';
import { OFFER_KINDS, OFFER_STATUSES } from '../../../../src/model/offer';
import { offerApi } from '../../api';
import { ErrorAlert } from '../../components/error-alert';
import { useItemWords, useMoney, useQuantityText } from '../../components/item-words';
import { LoadMore } from '../../components/load-more';
import { NoteModal, type NoteRequest } from '../../components/note-modal';
import { useErrorText } from '../../error-text';
import { useDateTime, useShortDateTime } from '../../format';
import { actsFor, useCapabilities } from '../../session';
import type { IncidentDetail, NeededNow, OfferKind, OfferStatus, OfferView } from '../../types';
import { type LiveMode, pollInterval, resourcesKey } from './live-updates';
import { MoneyModal } from './money-modal';
import { RecordOfferModal } from './record-offer-modal';

const PAGE_SIZE = 50;
const STATUS_COLORS: Record<OfferStatus, string> = {
  pledged: 'blue',
  partly_received: 'gold',
  received: 'green',
  withdrawn: 'default',
};

const isOneOf = <T extends string>(list: readonly T[], value: string | null): value is T =>
  value !== null && (list as readonly string[]).includes(value);

/** The filters in the URL (prefixed o. so they do not clash with the board's other parameters). */
function useOfferFilters(): [{ kind?: OfferKind; status?: OfferStatus }, (key: 'kind' | 'status', value?: string) => void] {
  const [params, setParams] = useSearchParams();
  const kind = params.get('o.kind');
  const status = params.get('o.status');
  const set = (key: 'kind' | 'status', value?: string) =>
    setParams(
      (current) => {
        const next = new URLSearchParams(current);
        if (value) next.set(`o.${key}`, value);
        else next.delete(`o.${key}`);
        return next;
      },
      { replace: true },
    );
  return [
    { kind: isOneOf(OFFER_KINDS, kind) ? kind : undefined, status: isOneOf(OFFER_STATUSES, status) ? status : undefined },
    set,
  ];
}

export function OffersCard({
  incident,
  live,
  needed,
}: {
  incident: IncidentDetail;
  live: LiveMode;
  needed: NeededNow | undefined;
}) {
  const { t } = useTranslation();
  const may = useCapabilities();
  const { message: toast } = App.useApp();
  const { full } = useErrorText();
  const queryClient = useQueryClient();
  const dateTime = useDateTime();
  const shortTime = useShortDateTime();
  const words = useItemWords();
  const quantity = useQuantityText();
  const money = useMoney();
  const [filters, setFilter] = useOfferFilters();
  const [recording, setRecording] = useState(false);
  const [note, setNote] = useState<NoteRequest | null>(null);
  // Money moving: null closed, { offer: null } received directly or disbursed, { offer } received against a pledge.
  const [moneyFor, setMoneyFor] = useState<{ offer: OfferView | null } | null>(null);
  const open = incident.stage !== 'closed';
  // Money is recorded by the organization that holds it (its people, platform admins); the server decides.
  const mayHandleMoney = open && (may.fieldOrganizationId !== null || may.actsForAnyOrganization);
  // An organization's people record for it, coordinators for any; the server answers the rest.
  const mayRecord = open && (incident.viewerCanCoordinate || may.fieldOrganizationId !== null || may.actsForAnyOrganization);

  const offers = useInfiniteQuery({
    queryKey: [...resourcesKey(incident.id), 'offers', filters],
    queryFn: ({ pageParam }) => offerApi.list(incident.id, { ...filters, limit: PAGE_SIZE, cursor: pageParam }),
    initialPageParam: undefined as string | undefined,
    getNextPageParam: (last) => last.nextCursor ?? undefined,
    placeholderData: keepPreviousData,
    refetchInterval: pollInterval(live),
  });
  const rows = offers.data?.pages.flatMap((page) => page.items) ?? [];
  const filtered = Boolean(filters.kind || filters.status);

  const withdraw = (offer: OfferView) =>
    setNote({
      title: t('resources.withdrawTitle'),
      label: t('resources.withdrawReason'),
      required: true,
      danger: true,
      maxLength: 500,
      okText: t('resources.withdraw'),
      run: async (reason) => {
        await offerApi.withdraw(offer.id, reason);
        await queryClient.invalidateQueries({ queryKey: resourcesKey(incident.id) });
        toast.success(t('resources.withdrawn'));
      },
    });

  const mayWithdraw = (offer: OfferView) =>
    open &&
    offer.status === 'pledged' &&
    (incident.viewerCanCoordinate || (offer.organizationId !== null && actsFor(may, offer.organizationId)));

  const what = (offer: OfferView) => {
    if (offer.kind === 'money') return <span className="strong">{money(offer.amountFen)}</span>;
    if (offer.item) return <span className="strong">{words(offer.item).name}</span>;
    return offer.note ? <span className="offer-note">{offer.note}</span> : <span className="muted">—</span>;
  };

  const columns: ColumnsType<OfferView> = [
    {
      title: t('resources.kind'),
      key: 'kind',
      width: 80,
      render: (_, offer) => <Tag>{t(`offer.kind.${offer.kind}`)}</Tag>,
    },
    {
      title: t('resources.what'),
      key: 'what',
      render: (_, offer) => (
        <div>
          {what(offer)}
          {offer.conditions ? (
            <div className="muted small">{t('resources.conditionsLine', { text: offer.conditions })}</div>
          ) : null}
          {offer.unwantedReason ? (
            <div className="small">
              <Tag color="orange">{t('resources.unwanted')}</Tag>
              {offer.unwantedReason}
            </div>
          ) : null}
        </div>
      ),
    },
    {
      title: t('resources.quantity'),
      key: 'quantity',
      width: 130,
      render: (_, offer) =>
        offer.item ? (
          <div>
            {quantity(offer.quantity, offer.item)}
            {offer.receivedQuantity > 0 ? (
              <div className="muted small">
                {t('resources.received', { quantity: quantity(offer.receivedQuantity, offer.item) })}
              </div>
            ) : null}
          </div>
        ) : (
          <span className="muted">—</span>
        ),
    },
    {
      title: t('resources.from'),
      key: 'from',
      width: 160,
      render: (_, offer) =>
        offer.organizationId ? (
          <span>{offer.organizationName ?? offer.organizationId}</span>
        ) : (
          <Tag color="cyan">{t('resources.public')}</Tag>
        ),
    },
    {
      title: t('resources.donor'),
      key: 'donor',
      width: 160,
      render: (_, offer) =>
        !offer.personalDataVisible ? (
          <Tooltip title={t('resources.donorHidden')}>
            <span className="muted">{t('resources.hidden')}</span>
          </Tooltip>
        ) : offer.donorName || offer.donorPhone ? (
          <div data-testid="offer-donor">
            {offer.donorName ? <div>{offer.donorName}</div> : null}
            {offer.donorPhone ? <a href={`tel:${offer.donorPhone}`}>{offer.donorPhone}</a> : null}
          </div>
        ) : (
          <span className="muted">—</span>
        ),
    },
    {
      title: t('resources.status'),
      key: 'status',
      width: 100,
      render: (_, offer) => (
        <Tag color={STATUS_COLORS[offer.status]} data-testid="offer-status">
          {t(`offer.status.${offer.status}`)}
        </Tag>
      ),
    },
    {
      title: t('resources.createdAt'),
      key: 'createdAt',
      width: 110,
      render: (_, offer) => (
        <time dateTime={offer.createdAt} title={dateTime(offer.createdAt)} className="small">
          {shortTime(offer.createdAt)}
        </time>
      ),
    },
    {
      title: t('common.actions'),
      key: 'actions',
      width: 230,
      render: (_, offer) => (
        <Flex gap={4} wrap>
          {mayHandleMoney && offer.kind === 'money' && (offer.status === 'pledged' || offer.status === 'partly_received') ? (
            <Button size="small" onClick={() => setMoneyFor({ offer })} data-testid="offer-receive-money">
              {t('money.receive')}
            </Button>
          ) : null}
          <Tooltip title={t('resources.edxlTitle')}>
            <Button
              size="small"
              icon={<DownloadOutlined />}
              aria-label={t('resources.edxlTitle')}
              onClick={() => void offerApi.edxl(offer.id).catch((error) => toast.error(full(error)))}
              data-testid="offer-edxl"
            >
              {t('resources.edxl')}
            </Button>
          </Tooltip>
          {mayWithdraw(offer) ? (
            <Button size="small" danger onClick={() => withdraw(offer)} data-testid="offer-withdraw">
              {t('resources.withdraw')}
            </Button>
          ) : null}
        </Flex>
      ),
    },
  ];

  return (
    <Card
      className="section-card table-card"
      title={t('resources.offersTitle')}
      extra={
        <Flex gap={8}>
          {mayHandleMoney ? (
            <Button onClick={() => setMoneyFor({ offer: null })} data-testid="record-money">
              {t('money.title')}
            </Button>
          ) : null}
          {mayRecord ? (
            <Button type="primary" icon={<PlusOutlined />} onClick={() => setRecording(true)} data-testid="record-offer">
              {t('resources.record')}
            </Button>
          ) : null}
        </Flex>
      }
    >
      <Flex wrap gap={12} align="center" className="filter-bar table-summary" role="search" aria-label={t('resources.filters')}>
        <Select
          aria-label={t('resources.kind')}
          allowClear
          placeholder={t('resources.anyKind')}
          value={filters.kind}
          onChange={(value?: string) => setFilter('kind', value)}
          options={OFFER_KINDS.map((k) => ({ value: k, label: t(`offer.kind.${k}`) }))}
          className="filter-select-narrow"
          data-testid="offer-kind-filter"
        />
        <Select
          aria-label={t('resources.status')}
          allowClear
          placeholder={t('resources.anyStatus')}
          value={filters.status}
          onChange={(value?: string) => setFilter('status', value)}
          options={OFFER_STATUSES.map((s) => ({ value: s, label: t(`offer.status.${s}`) }))}
          className="filter-select-narrow"
          data-testid="offer-status-filter"
        />
        <Typography.Text type="secondary">{t('resources.shown', { count: rows.length })}</Typography.Text>
      </Flex>
      <ErrorAlert error={offers.error} />
      <Table<OfferView>
        rowKey="id"
        size="middle"
        columns={columns}
        dataSource={rows}
        loading={offers.isPending}
        pagination={false}
        scroll={{ x: 1000 }}
        rowClassName={(offer) => (offer.status === 'withdrawn' ? 'row-muted' : '')}
        locale={{
          emptyText: (
            <Empty
              image={Empty.PRESENTED_IMAGE_SIMPLE}
              description={filtered ? t('resources.offersEmptyFiltered') : t('resources.offersEmpty')}
            />
          ),
        }}
        data-testid="offers-table"
      />
      <LoadMore pager={offers} />
      <RecordOfferModal incident={incident} needed={needed} open={recording} onClose={() => setRecording(false)} />
      <NoteModal request={note} onClose={() => setNote(null)} />
      <MoneyModal
        key={moneyFor?.offer?.id ?? 'direct'}
        incident={incident}
        offer={moneyFor?.offer ?? null}
        open={moneyFor !== null}
        onClose={() => setMoneyFor(null)}
      />
    </Card>
  );
}
