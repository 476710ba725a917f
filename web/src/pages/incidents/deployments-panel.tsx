/**
 * The board's teams (报备): who is coming, who is on the ground, and who has gone quiet.
 * Coordinators approve, hold on standby or decline; the team reports its own moves.
 */
import { DownOutlined, PlusOutlined, WarningFilled } from '@ant-design/icons';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { App, Button, Card, Dropdown, Empty, Flex, Spin, Table, Tag, Timeline, Tooltip, Typography } from 'antd';
import type { ColumnsType } from 'antd/es/table';
import { type ReactNode, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useNavigate } from 'react-router-dom';
import { hasPass } from '../../../../src/model/pass';
import { deploymentApi } from '../../api';
import { ActorName } from '../../components/actor-name';
import { ErrorAlert } from '../../components/error-alert';
import { DeploymentStatusTag } from '../../components/incident-tags';
import { useJurisdictionName } from '../../components/jurisdiction-name';
import { NoteModal, type NoteRequest } from '../../components/note-modal';
import { OrganizationName } from '../../components/organization-name';
import { useErrorText } from '../../error-text';
import { useDateTime, useShortDateTime } from '../../format';
import { actsFor, useCapabilities } from '../../session';
import type { DeploymentStatus, DeploymentView, IncidentDetail } from '../../types';
import { CheckInModal, FileDeploymentModal } from './deployment-forms';
import { boardKey } from './live-updates';
import { AlternativesModal } from './recommendations';
import { CHECK_IN_STATUSES, DEPLOYMENT_MOVES } from './rules';

const COORDINATOR_MOVES: readonly DeploymentStatus[] = ['approved', 'standby', 'declined'];
const TEAM_MOVES: readonly DeploymentStatus[] = ['en_route', 'checked_in', 'working', 'returned', 'withdrawn'];
/** The order actions are offered in: the way forward first, the way out last. */
const ACTION_ORDER: readonly string[] = [
  'approved',
  'standby',
  'en_route',
  'checked_in',
  'working',
  'report',
  'alternatives',
  'pass',
  'declined',
  'returned',
  'withdrawn',
];

function Place({ code }: { code: string }) {
  const name = useJurisdictionName(code);
  return <span title={code}>{name ?? code}</span>;
}

function DeploymentLog({ id, incidentId }: { id: string; incidentId: string }) {
  const { t } = useTranslation();
  const dateTime = useDateTime();
  const query = useQuery({ queryKey: [...boardKey(incidentId), 'deployment', id], queryFn: () => deploymentApi.get(id) });
  if (query.isPending) return <Spin size="small" />;
  if (query.error) return <ErrorAlert error={query.error} />;
  const d = query.data;
  return (
    <div className="deployment-detail">
      <dl className="fact-list">
        <dt>{t('deployments.origin')}</dt>
        <dd>
          <Place code={d.origin} />
        </dd>
        <dt>{t('deployments.equipment')}</dt>
        <dd>{d.equipment.length ? d.equipment.join('、') : t('common.none')}</dd>
        <dt>{t('deployments.invitationReference')}</dt>
        <dd>{d.invitationReference ?? t('common.none')}</dd>
        <dt>{t('deployments.eta')}</dt>
        <dd>{dateTime(d.eta)}</dd>
      </dl>
      <Timeline
        className="deployment-log"
        items={[...d.log].reverse().map((entry, i) => ({
          key: `${entry.at}-${i}`,
          color: entry.kind === 'check_in' ? 'green' : 'blue',
          content: (
            <div className="history-item">
              <div className="strong">
                {entry.kind === 'check_in'
                  ? t('deployments.logCheckIn')
                  : t('deployments.logMove', { to: t(`deployment.status.${entry.to}`) })}
              </div>
              {entry.note ? <div className="history-reason">{entry.note}</div> : null}
              {entry.lat !== null && entry.lon !== null ? (
                <div className="muted small code-text">
                  {entry.lat.toFixed(5)}, {entry.lon.toFixed(5)}
                </div>
              ) : null}
              <div className="muted small">
                <ActorName id={entry.actor} /> · {dateTime(entry.at)}
              </div>
            </div>
          ),
        }))}
      />
    </div>
  );
}

export function DeploymentsPanel({
  incident,
  deployments,
  loading,
  error,
}: {
  incident: IncidentDetail;
  deployments: DeploymentView[];
  loading: boolean;
  error: unknown;
}) {
  const { t } = useTranslation();
  const may = useCapabilities();
  const dateTime = useDateTime();
  const shortTime = useShortDateTime();
  const { message: toast } = App.useApp();
  const { full } = useErrorText();
  const queryClient = useQueryClient();
  const [filing, setFiling] = useState(false);
  const [checkingIn, setCheckingIn] = useState<DeploymentView | null>(null);
  const [reviewing, setReviewing] = useState<DeploymentView | null>(null);
  const [note, setNote] = useState<NoteRequest | null>(null);
  const [busy, setBusy] = useState<string | null>(null);
  const navigate = useNavigate();
  const open = incident.stage !== 'closed';
  const coordinate = incident.viewerCanCoordinate;
  const mayFile = open && may.fileDeployments;

  const refresh = () => queryClient.invalidateQueries({ queryKey: boardKey(incident.id) });
  const move = async (d: DeploymentView, to: DeploymentStatus, extra: { reason?: string | null; zone?: string | null } = {}) => {
    await deploymentApi.move(d.id, { to, ...extra });
    await refresh();
    toast.success(t('deployments.moved', { team: d.teamName, status: t(`deployment.status.${to}`) }));
  };
  const moveNow = async (d: DeploymentView, to: DeploymentStatus) => {
    setBusy(`${d.id}:${to}`);
    try {
      await move(d, to);
    } catch (failure) {
      toast.error(full(failure));
    } finally {
      setBusy(null);
    }
  };

  /** Starts a move: at once, or after asking for a reason or a zone. */
  const start = (d: DeploymentView, to: DeploymentStatus) => {
    const team = d.teamName;
    if (to === 'declined') {
      setNote({
        title: t('deployments.declineTitle', { team }),
        label: t('deployments.declineReason'),
        required: true,
        danger: true,
        okText: t('deployments.action.declined'),
        run: (reason) => move(d, 'declined', { reason }),
      });
    } else if (to === 'checked_in') {
      setNote({
        title: t('deployments.checkedInTitle', { team }),
        label: t('deployments.zone'),
        intro: t('deployments.zoneHint'),
        required: true,
        short: true,
        okText: t('deployments.action.checked_in'),
        run: (zone) => move(d, 'checked_in', { zone }),
      });
    } else if (to === 'withdrawn' || to === 'returned') {
      setNote({
        title: t(`deployments.${to}Title`, { team }),
        label: t('deployments.moveNote'),
        danger: to === 'withdrawn',
        okText: t(`deployments.action.${to}`),
        run: (reason) => move(d, to, { reason: reason || null }),
      });
    } else {
      void moveNow(d, to);
    }
  };

  const actionsOf = (d: DeploymentView): ReactNode => {
    if (!open) return null;
    const team = actsFor(may, d.organizationId);
    const moves = DEPLOYMENT_MOVES[d.status].filter(
      (to) => (COORDINATOR_MOVES.includes(to) && coordinate) || (TEAM_MOVES.includes(to) && (team || coordinate)),
    );
    const labelOf = (to: DeploymentStatus) =>
      d.status === 'working' && to === 'checked_in' ? t('deployments.action.rezone') : t(`deployments.action.${to}`);
    const entries: { key: string; label: string; run: () => void; danger?: boolean }[] = moves.map((to) => ({
      key: to,
      label: labelOf(to),
      run: () => start(d, to),
      danger: to === 'declined' || to === 'withdrawn',
    }));
    if ((team || coordinate) && CHECK_IN_STATUSES.includes(d.status)) {
      entries.push({ key: 'report', label: t('deployments.action.report'), run: () => setCheckingIn(d) });
    }
    if (coordinate && (d.status === 'filed' || d.status === 'standby')) {
      entries.push({ key: 'alternatives', label: t('deployments.action.alternatives'), run: () => setReviewing(d) });
    }
    // Those who see the leader's details hold the pass (the same rule on the server).
    if (d.personalDataVisible && hasPass(d.status)) {
      entries.push({ key: 'pass', label: t('deployments.action.pass'), run: () => navigate(`/deployments/${d.id}/pass`) });
    }
    entries.sort((a, b) => ACTION_ORDER.indexOf(a.key) - ACTION_ORDER.indexOf(b.key));
    if (entries.length === 0) return null;
    const shown = entries.slice(0, 2);
    const more = entries.slice(2);
    return (
      <Flex gap={6} wrap className="row-actions">
        {shown.map((entry, i) => (
          <Button
            key={entry.key}
            size="small"
            type={i === 0 && !entry.danger ? 'primary' : 'default'}
            danger={entry.danger}
            loading={busy === `${d.id}:${entry.key}`}
            onClick={entry.run}
            data-testid={`deployment-action-${entry.key}`}
          >
            {entry.label}
          </Button>
        ))}
        {more.length ? (
          <Dropdown
            trigger={['click']}
            menu={{
              items: more.map((entry) => ({ key: entry.key, label: entry.label, danger: entry.danger })),
              onClick: ({ key }) => more.find((entry) => entry.key === key)?.run(),
            }}
          >
            <Button size="small" aria-label={t('deployments.moreActions', { team: d.teamName })}>
              {t('deployments.more')} <DownOutlined aria-hidden="true" className="small" />
            </Button>
          </Dropdown>
        ) : null}
      </Flex>
    );
  };

  const columns: ColumnsType<DeploymentView> = [
    {
      title: t('deployments.team'),
      key: 'team',
      width: 210,
      render: (_, d) => (
        <div>
          <div className="strong">{d.teamName}</div>
          {d.leaderName ? (
            <div className="muted small">
              {t('deployments.leaderLine', { name: d.leaderName })}
              {d.leaderPhone ? (
                <>
                  {' · '}
                  <a href={`tel:${d.leaderPhone}`}>{d.leaderPhone}</a>
                </>
              ) : null}
            </div>
          ) : null}
        </div>
      ),
    },
    {
      title: t('deployments.organization'),
      key: 'organization',
      width: 170,
      render: (_, d) => <OrganizationName id={d.organizationId} />,
    },
    {
      title: t('deployments.headcount'),
      key: 'headcount',
      width: 96,
      render: (_, d) => (
        <span>
          {t('deployments.people', { count: d.headcount })}
          {d.vehicles ? <div className="muted small">{t('deployments.vehicleCount', { count: d.vehicles })}</div> : null}
        </span>
      ),
    },
    {
      title: t('deployments.specialties'),
      key: 'specialties',
      width: 140,
      render: (_, d) =>
        d.specialties.length ? (
          <span className="tag-list">
            {d.specialties.map((s) => (
              <Tag key={s}>{t(`capacity.specialties.${s}`)}</Tag>
            ))}
          </span>
        ) : (
          <span className="muted">—</span>
        ),
    },
    {
      title: t('deployments.status'),
      key: 'status',
      width: 140,
      render: (_, d) => (
        <div>
          {d.reason && (d.status === 'declined' || d.status === 'withdrawn') ? (
            <Tooltip title={d.reason}>
              <span>
                <DeploymentStatusTag status={d.status} />
              </span>
            </Tooltip>
          ) : (
            <DeploymentStatusTag status={d.status} />
          )}
          {d.zone ? (
            <div className="small" data-testid="deployment-zone">
              {t('deployments.zoneLine', { zone: d.zone })}
            </div>
          ) : null}
        </div>
      ),
    },
    {
      title: t('deployments.lastCheckIn'),
      key: 'lastCheckIn',
      width: 150,
      render: (_, d) => (
        <span>
          <span className="small" title={d.lastCheckInAt ? dateTime(d.lastCheckInAt) : undefined}>
            {d.lastCheckInAt ? shortTime(d.lastCheckInAt) : t('deployments.neverCheckedIn')}
          </span>
          {d.overdue ? (
            <Tag color="red" icon={<WarningFilled />} className="overdue-tag" data-testid="overdue-tag">
              {t('deployments.overdue')}
            </Tag>
          ) : null}
        </span>
      ),
    },
    { title: t('common.actions'), key: 'actions', width: 230, fixed: 'right', render: (_, d) => actionsOf(d) },
  ];

  return (
    <Card
      className="section-card table-card"
      title={t('deployments.title')}
      extra={
        mayFile ? (
          <Button type="primary" icon={<PlusOutlined />} onClick={() => setFiling(true)} data-testid="file-deployment">
            {t('deployments.file')}
          </Button>
        ) : null
      }
    >
      <ErrorAlert error={error} />
      <Typography.Paragraph type="secondary" className="table-summary">
        {t('deployments.summary', {
          count: deployments.length,
          people: deployments
            .filter((d) => d.status === 'checked_in' || d.status === 'working')
            .reduce((sum, d) => sum + d.headcount, 0),
        })}
      </Typography.Paragraph>
      <Table<DeploymentView>
        rowKey="id"
        size="middle"
        columns={columns}
        dataSource={deployments}
        loading={loading}
        pagination={false}
        scroll={{ x: 1150 }}
        rowClassName={(d) => (d.overdue ? 'row-overdue' : '')}
        expandable={{ expandedRowRender: (d) => <DeploymentLog id={d.id} incidentId={incident.id} />, columnTitle: '' }}
        locale={{ emptyText: <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t('deployments.empty')} /> }}
        data-testid="deployments-table"
      />
      <FileDeploymentModal incident={incident} open={filing} onClose={() => setFiling(false)} />
      <CheckInModal deployment={checkingIn} onClose={() => setCheckingIn(null)} />
      <AlternativesModal deployment={reviewing} onClose={() => setReviewing(null)} />
      <NoteModal request={note} onClose={() => setNote(null)} />
    </Card>
  );
}
