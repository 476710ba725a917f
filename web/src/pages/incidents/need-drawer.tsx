/**
 * One need in full: what, where, for whom, who holds it, its evidence photos, its history and
 * likely duplicates — and what the reader may do: claim, dispatch, report progress, release,
 * answer a dispatch, verify, close, merge, say two flagged needs are different, add a photo.
 * Personal data (photos included) shows only to coordinators and the holders.
 */
import {
  CheckOutlined,
  CloseCircleOutlined,
  DownloadOutlined,
  MergeCellsOutlined,
  SafetyCertificateOutlined,
  SendOutlined,
  SplitCellsOutlined,
  TeamOutlined,
} from '@ant-design/icons';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import {
  App,
  Button,
  Descriptions,
  Drawer,
  Dropdown,
  Empty,
  Flex,
  List,
  Popconfirm,
  Spin,
  Tag,
  Timeline,
  Tooltip,
  Typography,
} from 'antd';
import { type ReactNode, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { ApiError, needApi } from '../../api';
import { ActorName } from '../../components/actor-name';
import { ErrorAlert } from '../../components/error-alert';
import { NeedStatusTag, NeedVerificationTag, UrgencyTag, VulnerableTags } from '../../components/incident-tags';
import { JurisdictionName } from '../../components/jurisdiction-name';
import { NoteModal, type NoteRequest } from '../../components/note-modal';
import { OrganizationName } from '../../components/organization-name';
import { useErrorText } from '../../error-text';
import { useDateTime } from '../../format';
import { actsFor, useCapabilities } from '../../session';
import type { DuplicateFlag, Holder, IncidentDetail, NeedDetail, NeedHistoryEntry } from '../../types';
import { boardKey, type LiveMode, pollInterval } from './live-updates';
import { EvidenceSection } from './need-evidence';
import { ClaimModal, CloseNeedModal, MergeNeedModal } from './need-forms';
import { DispatchModal, RecommendationsSection } from './recommendations';
import { needIsOpen, remainingOf } from './rules';

const HISTORY_COLORS: Record<string, string> = {
  reported: 'blue',
  claimed: 'green',
  dispatched: 'cyan',
  dispatch_accepted: 'green',
  dispatch_declined: 'red',
  released: 'orange',
  claim_expired: 'orange',
  claim_confirmed: 'green',
  claim_rejected: 'red',
  progress: 'blue',
  fulfilled: 'green',
  closed: 'gray',
  verified: 'purple',
  merged: 'gray',
  not_duplicate: 'gray',
  evidence: 'blue',
};

/** The duplicate detector's reasons ("312 m apart", "same phone") in the reader's words. */
export function useDuplicateReason(): (reason: string) => string {
  const { t } = useTranslation();
  return (reason) => {
    if (reason === 'same phone') return t('needs.duplicateReason.phone');
    if (reason === 'same category') return t('needs.duplicateReason.category');
    const apart = reason.match(/^(\d+) m apart$/);
    if (apart) return t('needs.duplicateReason.distance', { metres: Number(apart[1]) });
    const text = reason.match(/^similar text \((\d+)%\)$/);
    if (text) return t('needs.duplicateReason.text', { percent: Number(text[1]) });
    return reason;
  };
}

function HistoryItem({ entry, unit, onOpen }: { entry: NeedHistoryEntry; unit: string; onOpen: (id: string) => void }) {
  const { t, i18n } = useTranslation();
  const dateTime = useDateTime();
  const detail = (entry.detail && typeof entry.detail === 'object' ? entry.detail : {}) as Record<string, unknown>;
  const text = (key: string) => (typeof detail[key] === 'string' && detail[key] !== '' ? (detail[key] as string) : null);
  const organizationId = text('organizationId');
  const quantity = typeof detail.quantity === 'number' ? detail.quantity : null;
  const key = `needs.history.${entry.kind}`;
  const reason = text('reason');
  const closeReason = entry.kind === 'closed' && reason ? t(`need.closeReason.${reason}`) : reason;
  const other = text('duplicateOf') ?? text('from') ?? text('other');
  const level = entry.kind === 'verified' ? text('level') : null;
  const source = entry.kind === 'reported' ? text('source') : null;
  return (
    <div className="history-item">
      <div>
        <span className="strong">{i18n.exists(key) ? t(key) : entry.kind}</span>
        {organizationId ? (
          <>
            {' · '}
            <OrganizationName id={organizationId} />
          </>
        ) : null}
        {quantity !== null ? ` · ${quantity} ${unit}` : null}
        {level ? ` · ${t(`need.verification.${level}`)}` : null}
        {source ? ` · ${t(`need.source.${source}`)}` : null}
      </div>
      {closeReason ? <div className="history-reason">{closeReason}</div> : null}
      {text('note') ? <div className="history-reason">{text('note')}</div> : null}
      {other ? (
        <Button type="link" size="small" className="inline-link" onClick={() => onOpen(other)}>
          {t('needs.openOther')}
        </Button>
      ) : null}
      <div className="muted small">
        {entry.actor === 'system:public' ? t('needs.publicReporter') : <ActorName id={entry.actor} />} ·{' '}
        <time dateTime={entry.at}>{dateTime(entry.at)}</time>
      </div>
    </div>
  );
}

function DuplicateItem({
  flag,
  needId,
  incidentId,
  canMerge,
  canDismiss,
  onOpen,
  onMerge,
  onDismiss,
}: {
  flag: DuplicateFlag;
  needId: string;
  incidentId: string;
  canMerge: boolean;
  canDismiss: boolean;
  onOpen: (id: string) => void;
  onMerge: (into: string) => void;
  onDismiss: (otherId: string) => Promise<void>;
}) {
  const { t } = useTranslation();
  const reason = useDuplicateReason();
  const otherId = flag.needId === needId ? flag.candidateId : flag.needId;
  const other = useQuery({
    queryKey: [...boardKey(incidentId), 'need', otherId],
    queryFn: () => needApi.get(otherId),
    staleTime: 30_000,
  });
  return (
    <List.Item
      actions={[
        <Button key="open" size="small" onClick={() => onOpen(otherId)}>
          {t('needs.open')}
        </Button>,
        ...(canMerge
          ? [
              <Button key="merge" size="small" onClick={() => onMerge(otherId)}>
                {t('needs.mergeHere')}
              </Button>,
            ]
          : []),
        ...(canDismiss
          ? [
              <Popconfirm
                key="dismiss"
                title={t('needs.notDuplicateConfirm')}
                okText={t('common.confirm')}
                cancelText={t('common.cancel')}
                onConfirm={() => onDismiss(otherId)}
              >
                <Button size="small" icon={<SplitCellsOutlined />}>
                  {t('needs.notDuplicate')}
                </Button>
              </Popconfirm>,
            ]
          : []),
      ]}
    >
      <List.Item.Meta
        title={
          <span>
            {other.data?.title ?? '…'} {other.data ? <NeedStatusTag status={other.data.status} /> : null}
          </span>
        }
        description={`${t('needs.duplicateScore', { percent: Math.round(flag.score * 100) })} · ${flag.reasons.map(reason).join('、')}`}
      />
    </List.Item>
  );
}

const HOLDER_COLORS: Record<string, string> = { offered: 'gold', unconfirmed: 'orange', active: 'blue' };

function HolderItem({ holder, unit, actions }: { holder: Holder; unit: string; actions: ReactNode[] }) {
  const { t } = useTranslation();
  const dateTime = useDateTime();
  return (
    <List.Item actions={actions} data-testid="need-holder">
      <List.Item.Meta
        avatar={<TeamOutlined aria-hidden="true" className="holder-icon" />}
        title={
          <span>
            <OrganizationName id={holder.organizationId} />{' '}
            <Tag color={HOLDER_COLORS[holder.status] ?? 'blue'}>{t(`needs.holderStatus.${holder.status}`)}</Tag>
          </span>
        }
        description={`${holder.quantity} ${unit} · ${t('needs.holdsUntil', { at: dateTime(holder.expiresAt) })}`}
      />
    </List.Item>
  );
}

function Details({ need }: { need: NeedDetail }) {
  const { t } = useTranslation();
  const dateTime = useDateTime();
  const hidden = <span className="muted">{t('needs.personalHidden')}</span>;
  const none = <span className="muted">{t('common.none')}</span>;
  return (
    <Descriptions
      column={1}
      size="small"
      bordered
      className="need-details"
      items={[
        { key: 'category', label: t('needs.category'), children: t(`category.${need.category}`) },
        {
          key: 'quantity',
          label: t('needs.quantity'),
          children: (
            <span data-testid="need-quantities">
              {t('needs.quantityLine', {
                quantity: need.quantity,
                unit: need.unit,
                claimed: need.claimedQuantity,
                fulfilled: need.fulfilledQuantity,
                remaining: remainingOf(need),
              })}
            </span>
          ),
        },
        { key: 'kind', label: t('needs.kind'), children: t(`need.kind.${need.kind}`) },
        {
          key: 'place',
          label: t('needs.place'),
          children: (
            <span>
              <JurisdictionName code={need.jurisdiction} />
              {need.lat === null || need.lon === null ? (
                <div className="muted small" data-testid="need-location-needed">
                  {t('needImport.locationNeeded')}
                </div>
              ) : need.locationPrecision === 'grid' ? (
                <div className="muted small" data-testid="need-grid-place">
                  {t('needs.gridPlace')}
                </div>
              ) : (
                <div className="muted small code-text">
                  {need.lat.toFixed(5)}, {need.lon.toFixed(5)}
                </div>
              )}
            </span>
          ),
        },
        { key: 'people', label: t('needs.peopleAffected'), children: need.peopleAffected ?? none },
        {
          key: 'vulnerable',
          label: t('needs.vulnerableGroups'),
          children: need.personalDataVisible ? (
            need.vulnerableGroups?.length ? (
              <VulnerableTags groups={need.vulnerableGroups} />
            ) : (
              none
            )
          ) : (
            hidden
          ),
        },
        { key: 'source', label: t('needs.source'), children: t(`need.source.${need.source}`) },
        { key: 'reported', label: t('needs.reportedAt'), children: dateTime(need.createdAt) },
        ...(!need.personalDataVisible
          ? [{ key: 'description', label: t('needs.description'), children: hidden }]
          : need.description
            ? [
                {
                  key: 'description',
                  label: t('needs.description'),
                  children: <span className="pre-wrap">{need.description}</span>,
                },
              ]
            : []),
        ...(need.closeReason
          ? [
              {
                key: 'closed',
                label: t('needs.closedAs'),
                children: (
                  <span>
                    {t(`need.closeReason.${need.closeReason}`)}
                    {need.closeNote ? ` · ${need.closeNote}` : ''}
                  </span>
                ),
              },
            ]
          : []),
      ]}
    />
  );
}

function PersonalData({ need }: { need: NeedDetail }) {
  const { t } = useTranslation();
  if (!need.personalDataVisible) {
    return (
      <div className="personal-hidden" data-testid="personal-hidden">
        {t('needs.personalHidden')}
      </div>
    );
  }
  const none = <span className="muted">{t('common.none')}</span>;
  return (
    <Descriptions
      column={1}
      size="small"
      className="personal-data"
      data-testid="personal-data"
      items={[
        { key: 'name', label: t('needs.contactName'), children: need.contactName ?? none },
        {
          key: 'phone',
          label: t('needs.contactPhone'),
          children: need.contactPhone ? <a href={`tel:${need.contactPhone}`}>{need.contactPhone}</a> : none,
        },
        { key: 'address', label: t('needs.address'), children: need.address ?? none },
      ]}
    />
  );
}

export function NeedDrawer({
  incident,
  needId,
  live,
  onClose,
  onOpen,
}: {
  incident: IncidentDetail;
  needId: string | null;
  live: LiveMode;
  onClose: () => void;
  onOpen: (id: string) => void;
}) {
  const { t } = useTranslation();
  const may = useCapabilities();
  const { message: toast } = App.useApp();
  const { full } = useErrorText();
  const queryClient = useQueryClient();
  const [claimMode, setClaimMode] = useState<'claim' | 'dispatch' | null>(null);
  const [closing, setClosing] = useState(false);
  const [merging, setMerging] = useState<{ into: string | null } | null>(null);
  const [note, setNote] = useState<NoteRequest | null>(null);
  const [acting, setActing] = useState(false);
  const query = useQuery({
    queryKey: [...boardKey(incident.id), 'need', needId],
    queryFn: () => needApi.get(needId ?? ''),
    enabled: needId !== null,
    refetchInterval: pollInterval(live),
  });
  const need = query.data && query.data.id === needId ? query.data : null;

  const refresh = () => queryClient.invalidateQueries({ queryKey: boardKey(incident.id) });
  const run = async (action: () => Promise<unknown>, done?: string) => {
    setActing(true);
    try {
      await action();
      await refresh();
      if (done) toast.success(done);
    } catch (failure) {
      toast.error(full(failure));
    } finally {
      setActing(false);
    }
  };
  const dismissDuplicate = async (otherId: string) => {
    if (!need) return;
    try {
      await needApi.dismissDuplicate(need.id, otherId);
      toast.success(t('needs.notDuplicateDone'));
    } catch (failure) {
      // Settled meanwhile (dismissed or merged by another coordinator): show the pair as it is now.
      if (!(failure instanceof ApiError && failure.status === 404 && failure.field === 'otherId')) {
        toast.error(full(failure));
        return;
      }
      toast.info(t('needs.notDuplicateGone'));
    }
    await refresh();
  };
  const withNote = (request: Omit<NoteRequest, 'run'>, action: (text: string) => Promise<unknown>, done: string) =>
    setNote({
      ...request,
      run: async (text) => {
        await action(text);
        await refresh();
        toast.success(done);
      },
    });

  const coordinate = incident.viewerCanCoordinate;
  const open = need ? needIsOpen(need.status) && incident.stage !== 'closed' : false;
  const remaining = need ? remainingOf(need) : 0;
  const mayClaim = open && may.claimNeeds;
  const holdsActive = need?.holders.some((h) => h.status === 'active' && actsFor(may, h.organizationId)) ?? false;

  const holderActions = (holder: Holder): ReactNode[] => {
    if (!need || !open) return [];
    const own = actsFor(may, holder.organizationId);
    const out: ReactNode[] = [];
    if (own && holder.status === 'offered') {
      out.push(
        <Button
          key="accept"
          size="small"
          type="primary"
          loading={acting}
          onClick={() => void run(() => needApi.answer(holder.claimId, { accept: true }), t('needs.accepted'))}
        >
          {t('needs.accept')}
        </Button>,
        <Button
          key="decline"
          size="small"
          danger
          onClick={() =>
            withNote(
              { title: t('needs.declineTitle'), label: t('needs.declineReason'), required: true, danger: true },
              (reason) => needApi.answer(holder.claimId, { accept: false, reason }),
              t('needs.declined'),
            )
          }
        >
          {t('needs.decline')}
        </Button>,
      );
    }
    if (coordinate && holder.status === 'unconfirmed') {
      out.push(
        <Button
          key="confirm"
          size="small"
          type="primary"
          loading={acting}
          onClick={() => void run(() => needApi.confirm(holder.claimId), t('needs.claimConfirmed'))}
        >
          {t('needs.confirmClaim')}
        </Button>,
        <Button
          key="reject"
          size="small"
          danger
          onClick={() =>
            withNote(
              { title: t('needs.rejectClaimTitle'), label: t('needs.rejectClaimReason'), required: true, danger: true },
              (reason) => needApi.reject(holder.claimId, reason),
              t('needs.claimRejected'),
            )
          }
        >
          {t('needs.rejectClaim')}
        </Button>,
      );
    }
    if (own && holder.status === 'unconfirmed') {
      out.push(
        <Typography.Text key="waiting" type="secondary" className="small">
          {t('needs.awaitingConfirmation')}
        </Typography.Text>,
      );
    }
    if (own && holder.status === 'active') {
      out.push(
        <Button
          key="progress"
          size="small"
          onClick={() =>
            withNote(
              { title: t('needs.progressTitle'), label: t('needs.progressNote'), required: true },
              (text) => needApi.progress(holder.claimId, { note: text }),
              t('needs.progressSaved'),
            )
          }
        >
          {t('needs.progress')}
        </Button>,
        <Popconfirm
          key="done"
          title={t('needs.doneConfirm', { quantity: holder.quantity, unit: need.unit })}
          okText={t('common.confirm')}
          cancelText={t('common.cancel')}
          onConfirm={() => run(() => needApi.progress(holder.claimId, { done: true }), t('needs.doneSaved'))}
        >
          <Button size="small" type="primary" icon={<CheckOutlined />} loading={acting}>
            {t('needs.done')}
          </Button>
        </Popconfirm>,
      );
    }
    if (own || coordinate) {
      out.push(
        <Button
          key="release"
          size="small"
          onClick={() =>
            withNote(
              { title: t('needs.releaseTitle'), label: t('needs.releaseReason'), intro: t('needs.releaseIntro') },
              (reason) => needApi.release(holder.claimId, reason || null),
              t('needs.released'),
            )
          }
        >
          {t('needs.release')}
        </Button>,
      );
    }
    return out;
  };

  const toolbar: ReactNode[] = [];
  if (need && mayClaim) {
    const button = (
      <Button
        key="claim"
        type="primary"
        icon={<CheckOutlined />}
        onClick={() => setClaimMode('claim')}
        disabled={remaining === 0}
        data-testid="need-claim"
      >
        {t('needs.claim')}
      </Button>
    );
    toolbar.push(
      remaining === 0 ? (
        <Tooltip key="claim" title={t('needs.allClaimed')}>
          {button}
        </Tooltip>
      ) : (
        button
      ),
    );
  }
  if (need && open && coordinate) {
    toolbar.push(
      <Button
        key="dispatch"
        icon={<SendOutlined />}
        onClick={() => setClaimMode('dispatch')}
        disabled={remaining === 0}
        data-testid="need-dispatch"
      >
        {t('needs.dispatch')}
      </Button>,
    );
  }
  if (need && coordinate && need.verification.level !== 'official' && need.status !== 'closed') {
    toolbar.push(
      <Dropdown
        key="verify"
        trigger={['click']}
        menu={{
          items: (['verified', 'official'] as const)
            .filter((level) => level !== need.verification.level)
            .map((level) => ({ key: level, label: t(`need.verification.${level}`) })),
          onClick: ({ key }) => void run(() => needApi.verify(need.id, key as 'verified' | 'official'), t('needs.verifiedDone')),
        }}
      >
        <Button icon={<SafetyCertificateOutlined />} loading={acting}>
          {t('needs.verify')}
        </Button>
      </Dropdown>,
    );
  }
  if (need && open && (coordinate || holdsActive)) {
    toolbar.push(
      <Button key="close" danger icon={<CloseCircleOutlined />} onClick={() => setClosing(true)}>
        {t('needs.close')}
      </Button>,
    );
  }
  if (need && open && coordinate) {
    toolbar.push(
      <Button key="merge" icon={<MergeCellsOutlined />} onClick={() => setMerging({ into: null })}>
        {t('needs.merge')}
      </Button>,
    );
  }

  const history = need ? [...need.history].reverse() : [];
  if (need) {
    toolbar.push(
      <Button
        key="edxl"
        icon={<DownloadOutlined />}
        onClick={() => void needApi.edxl(need.id).catch((error) => toast.error(full(error)))}
        data-testid="need-edxl"
      >
        {t('needs.downloadEdxl')}
      </Button>,
    );
  }
  return (
    <Drawer
      open={needId !== null}
      onClose={onClose}
      size="min(620px, 100vw)"
      title={
        need ? (
          <Flex align="center" gap={8} wrap>
            <span className="drawer-title">{need.title}</span>
            <UrgencyTag urgency={need.urgency} />
            <NeedStatusTag status={need.status} />
            <NeedVerificationTag level={need.verification.level} />
          </Flex>
        ) : (
          t('needs.drawerTitle')
        )
      }
      className="need-drawer"
      data-testid="need-drawer"
    >
      <ErrorAlert error={query.error} />
      {!need ? (
        query.isPending ? (
          <Spin />
        ) : null
      ) : (
        <>
          {toolbar.length ? (
            <Flex wrap gap={8} className="drawer-toolbar">
              {toolbar}
            </Flex>
          ) : null}
          <Details need={need} />

          <Typography.Title level={2} className="section-title drawer-section">
            {t('needs.personalTitle')}
          </Typography.Title>
          <PersonalData need={need} />

          <Typography.Title level={2} className="section-title drawer-section">
            {t('needs.holders')}
          </Typography.Title>
          {need.holders.length === 0 ? (
            <Typography.Text type="secondary">{t('needs.noHolders')}</Typography.Text>
          ) : (
            <List
              size="small"
              dataSource={need.holders}
              rowKey="claimId"
              renderItem={(holder) => <HolderItem holder={holder} unit={need.unit} actions={holderActions(holder)} />}
              data-testid="need-holders"
            />
          )}

          {open && coordinate ? <RecommendationsSection need={need} onDispatchSeveral={() => setClaimMode('dispatch')} /> : null}

          <EvidenceSection need={need} mayUpload={coordinate || holdsActive} />

          {need.duplicates.length ? (
            <>
              <Typography.Title level={2} className="section-title drawer-section">
                {t('needs.duplicates')}
              </Typography.Title>
              <List
                size="small"
                dataSource={need.duplicates}
                rowKey={(flag) => `${flag.needId}-${flag.candidateId}`}
                renderItem={(flag) => (
                  <DuplicateItem
                    flag={flag}
                    needId={need.id}
                    incidentId={incident.id}
                    canMerge={open && coordinate}
                    canDismiss={coordinate}
                    onOpen={onOpen}
                    onMerge={(into) => setMerging({ into })}
                    onDismiss={dismissDuplicate}
                  />
                )}
                data-testid="need-duplicates"
              />
            </>
          ) : null}

          <Typography.Title level={2} className="section-title drawer-section">
            {t('needs.history.title')}
          </Typography.Title>
          {history.length === 0 ? (
            <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} />
          ) : (
            <Timeline
              className="need-timeline"
              items={history.map((entry, i) => ({
                key: `${entry.at}-${history.length - i}`,
                color: HISTORY_COLORS[entry.kind] ?? 'gray',
                content: <HistoryItem entry={entry} unit={need.unit} onOpen={onOpen} />,
              }))}
            />
          )}

          <ClaimModal
            mode={claimMode === 'claim' ? 'claim' : null}
            need={need}
            onClose={() => setClaimMode(null)}
            onDone={(text) => toast.success(text)}
          />
          <DispatchModal need={need} open={claimMode === 'dispatch'} onClose={() => setClaimMode(null)} />
          <CloseNeedModal need={need} open={closing} onClose={() => setClosing(false)} />
          <MergeNeedModal need={need} open={merging !== null} suggested={merging?.into} onClose={() => setMerging(null)} />
        </>
      )}
      <NoteModal request={note} onClose={() => setNote(null)} />
    </Drawer>
  );
}
