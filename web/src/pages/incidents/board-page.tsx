/**
 * An incident's board (态势): its level, warning colour and stage with the timeline of their
 * changes, counters of needs and teams, alarms for teams that went quiet, the needs and teams
 * themselves, the resources offered to it, and its command (the coordination centre, the
 * standby roster) — kept current by the live event stream (or polling when there is none).
 */
import { ArrowRightOutlined, StopOutlined, SyncOutlined, ThunderboltFilled, UploadOutlined } from '@ant-design/icons';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { App, Badge, Button, Col, Result, Row, Spin, Tabs, Tooltip, Typography } from 'antd';
import { lazy, Suspense, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useLocation, useParams, useSearchParams } from 'react-router-dom';
import { ApiError, deploymentApi, incidentApi, needApi } from '../../api';
import { ErrorAlert } from '../../components/error-alert';
import { IncidentStageTag, LevelTag, WarningTag } from '../../components/incident-tags';
import { useJurisdictionName } from '../../components/jurisdiction-name';
import { NoteModal, type NoteRequest } from '../../components/note-modal';
import { PageHeader } from '../../components/page-header';
import type { DeploymentView, IncidentDetail, IncidentStage, NeedQuery } from '../../types';
import { AlarmLog } from './alarm-log';
import { CommandPanel } from './command-panel';
import { DeploymentsPanel } from './deployments-panel';
import { IncidentTimeline } from './incident-timeline';
import { InformationTab } from './information-tab';
import { boardKey, type LiveMode, pollInterval, useLiveBoard } from './live-updates';
import { NeedDrawer } from './need-drawer';
import { NeedsPanel } from './needs-panel';
import { ResourcesPanel } from './resources-panel';
import { ACTIVE_NEED_STATUSES, NEXT_STAGES, ON_SITE_STATUSES } from './rules';

type Tab = 'needs' | 'deployments' | 'resources' | 'command' | 'evaluation';
const TABS: readonly Tab[] = ['needs', 'deployments', 'resources', 'command', 'evaluation'];

const EvaluationPanel = lazy(() => import('./evaluation-panel'));

const COUNTERS: { key: string; query: NeedQuery }[] = [
  { key: 'open', query: { status: ['open'] } },
  { key: 'claimed', query: { status: ['claimed'] } },
  { key: 'in_progress', query: { status: ['in_progress'] } },
  { key: 'fulfilled', query: { status: ['fulfilled'] } },
  { key: 'critical', query: { status: ACTIVE_NEED_STATUSES, urgency: 'critical' } },
  { key: 'vulnerable', query: { status: ACTIVE_NEED_STATUSES, vulnerable: true } },
];

function AreaNames({ codes }: { codes: string[] }) {
  return (
    <>
      {codes.map((code, i) => (
        <span key={code}>
          {i > 0 ? '、' : ''}
          <AreaName code={code} />
        </span>
      ))}
    </>
  );
}

function AreaName({ code }: { code: string }) {
  const name = useJurisdictionName(code);
  return <span title={code}>{name ?? code}</span>;
}

function LiveIndicator({ mode }: { mode: LiveMode }) {
  const { t } = useTranslation();
  return (
    <Tooltip title={t(`board.liveHint.${mode}`)}>
      <span className={`live-indicator live-${mode}`} data-testid="live-indicator" data-mode={mode}>
        {mode === 'live' ? <ThunderboltFilled aria-hidden="true" /> : <SyncOutlined aria-hidden="true" />}
        {t(`board.live.${mode}`)}
      </span>
    </Tooltip>
  );
}

function Counters({ incident, live, deployments }: { incident: IncidentDetail; live: LiveMode; deployments: DeploymentView[] }) {
  const { t } = useTranslation();
  const incidentId = incident.id;
  // Counting needs by vulnerable groups is for those the server lets filter on them.
  const counters = COUNTERS.filter(({ key }) => key !== 'vulnerable' || incident.viewerCanFilterVulnerable);
  const counts = useQuery({
    queryKey: [...boardKey(incidentId), 'counts', counters.length],
    queryFn: async () => {
      const totals = await Promise.all(counters.map(({ query }) => needApi.list(incidentId, { ...query, limit: 1 })));
      return Object.fromEntries(counters.map(({ key }, i) => [key, totals[i]?.total ?? 0])) as Record<string, number>;
    },
    refetchInterval: pollInterval(live),
  });
  const onSite = deployments.filter((d) => ON_SITE_STATUSES.includes(d.status));
  const alarms = deployments.filter((d) => d.overdue).length;
  const value = (key: string) => (counts.data ? counts.data[key] : '…');
  const items: { key: string; label: string; value: number | string; tone?: string; sub?: string }[] = [
    ...counters.map(({ key }) => ({
      key,
      label: t(`board.counter.${key}`),
      value: value(key),
      tone: key === 'critical' && Number(value(key)) > 0 ? 'danger' : key === 'vulnerable' ? 'accent' : undefined,
    })),
    {
      key: 'onSite',
      label: t('board.counter.onSite'),
      value: onSite.length,
      sub: t('board.people', { count: onSite.reduce((sum, d) => sum + d.headcount, 0) }),
    },
    { key: 'alarms', label: t('board.counter.alarms'), value: alarms, tone: alarms > 0 ? 'danger' : undefined },
  ];
  return (
    <div className="board-counters" data-testid="board-counters">
      {items.map((item) => (
        <div
          key={item.key}
          className={`board-counter${item.tone ? ` board-counter-${item.tone}` : ''}`}
          data-testid={`counter-${item.key}`}
        >
          <div className="board-counter-value">{item.value}</div>
          <div className="board-counter-label">{item.label}</div>
          {item.sub ? <div className="board-counter-sub">{item.sub}</div> : null}
        </div>
      ))}
    </div>
  );
}

export function BoardPage() {
  const { t } = useTranslation();
  const { id = '' } = useParams();
  const location = useLocation();
  const { message: toast } = App.useApp();
  const queryClient = useQueryClient();
  const [params, setParams] = useSearchParams();
  const [note, setNote] = useState<NoteRequest | null>(null);
  const live = useLiveBoard(id);
  const incidentQuery = useQuery({
    queryKey: [...boardKey(id), 'incident'],
    queryFn: () => incidentApi.get(id),
    refetchInterval: pollInterval(live),
  });
  const deployments = useQuery({
    queryKey: [...boardKey(id), 'deployments'],
    queryFn: () => deploymentApi.list(id),
    refetchInterval: pollInterval(live),
    enabled: incidentQuery.isSuccess,
  });

  const tab: Tab = TABS.find((t) => t === params.get('tab')) ?? 'needs';
  const selected = params.get('need');
  const setParam = (key: string, value: string | null) =>
    setParams((current) => {
      const next = new URLSearchParams(current);
      if (value) next.set(key, value);
      else next.delete(key);
      return next;
    });
  const hrefFor = (needId: string) => {
    const next = new URLSearchParams(params);
    next.set('need', needId);
    return `${location.pathname}?${next.toString()}`;
  };

  if (incidentQuery.isPending) {
    return (
      <div className="page-spin">
        <Spin size="large" />
      </div>
    );
  }
  if (incidentQuery.error || !incidentQuery.data) {
    const missing = incidentQuery.error instanceof ApiError && incidentQuery.error.status === 404;
    return missing ? <Result status="404" title={t('board.notFound')} /> : <ErrorAlert error={incidentQuery.error} />;
  }
  const incident = incidentQuery.data;
  const teams = deployments.data ?? [];
  const alarms = teams.filter((d) => d.overdue);

  const moveStage = (to: IncidentStage) =>
    setNote({
      title: t('board.stageTitle', { stage: t(`incident.stage.${to}`) }),
      label: t('board.stageReason'),
      intro: to === 'closed' ? t('board.closeWarning') : undefined,
      danger: to === 'closed',
      okText: t(`board.stageAction.${to}`),
      run: async (reason) => {
        await incidentApi.moveStage(incident.id, { to, reason: reason || null });
        await Promise.all([
          queryClient.invalidateQueries({ queryKey: boardKey(incident.id) }),
          queryClient.invalidateQueries({ queryKey: ['incidents'] }),
        ]);
        toast.success(t('board.stageMoved', { stage: t(`incident.stage.${to}`) }));
      },
    });

  const stageButtons = incident.viewerCanManage
    ? NEXT_STAGES[incident.stage].map((to) => (
        <Button
          key={to}
          danger={to === 'closed'}
          icon={to === 'closed' ? <StopOutlined /> : <ArrowRightOutlined />}
          onClick={() => moveStage(to)}
          data-testid={`stage-${to}`}
        >
          {t(`board.stageAction.${to}`)}
        </Button>
      ))
    : [];

  return (
    <>
      <PageHeader
        title={incident.name}
        crumbs={[{ title: t('nav.response') }, { title: t('nav.incidents'), to: '/incidents' }, { title: incident.name }]}
        tags={
          <>
            <LevelTag level={incident.level} />
            <WarningTag color={incident.warningColor} />
            <IncidentStageTag stage={incident.stage} />
            <LiveIndicator mode={live} />
          </>
        }
        subtitle={
          <span>
            {t(`incident.category.${incident.category}`)} · {incident.type} · {t('board.areasLabel')}
            <AreaNames codes={incident.jurisdictions} />
          </span>
        }
        extra={
          stageButtons.length || (incident.viewerCanCoordinate && incident.stage !== 'closed') ? (
            <>
              {incident.viewerCanCoordinate && incident.stage !== 'closed' ? (
                <Link to={`/incidents/${encodeURIComponent(incident.id)}/import-needs`} data-testid="import-needs">
                  <Button icon={<UploadOutlined />}>{t('needImport.importButton')}</Button>
                </Link>
              ) : null}
              {stageButtons}
            </>
          ) : undefined
        }
      />
      {incident.description ? (
        <Typography.Paragraph className="incident-description">{incident.description}</Typography.Paragraph>
      ) : null}
      <AlarmLog incident={incident} teams={teams} live={live} onOpenNeed={(needId) => setParam('need', needId)} />
      <Row gutter={[16, 16]} className="board-overview">
        <Col xs={24} xl={16}>
          <Counters incident={incident} live={live} deployments={teams} />
        </Col>
        <Col xs={24} xl={8}>
          <IncidentTimeline incident={incident} />
        </Col>
      </Row>
      <Tabs
        activeKey={tab}
        onChange={(key) => setParam('tab', key === 'needs' ? null : key)}
        className="board-tabs"
        items={[
          {
            key: 'needs',
            label: t('board.tabs.needs'),
            children: (
              <NeedsPanel
                incident={incident}
                live={live}
                selectedId={selected}
                onSelect={(needId) => setParam('need', needId)}
                hrefFor={hrefFor}
              />
            ),
          },
          {
            key: 'deployments',
            label: (
              <span>
                {t('board.tabs.deployments')}{' '}
                <Badge count={alarms.length} size="small" title={t('board.alarmsTitle', { count: alarms.length })} />
              </span>
            ),
            children: (
              <DeploymentsPanel
                incident={incident}
                deployments={teams}
                loading={deployments.isPending}
                error={deployments.error}
              />
            ),
          },
          {
            key: 'resources',
            label: <span data-testid="tab-resources">{t('board.tabs.resources')}</span>,
            children: <ResourcesPanel incident={incident} live={live} />,
          },
          {
            key: 'command',
            label: <span data-testid="tab-command">{t('board.tabs.command')}</span>,
            children: <CommandPanel incident={incident} live={live} />,
          },
          {
            key: 'information',
            label: <span data-testid="tab-information">{t('board.tabs.information')}</span>,
            children: <InformationTab incident={incident} />,
          },
          {
            key: 'evaluation',
            label: t('board.tabs.evaluation'),
            children: (
              <Suspense fallback={<Spin />}>
                <EvaluationPanel incidentId={incident.id} />
              </Suspense>
            ),
          },
        ]}
      />
      <NeedDrawer
        incident={incident}
        needId={selected}
        live={live}
        onClose={() => setParam('need', null)}
        onOpen={(needId) => setParam('need', needId)}
      />
      <NoteModal request={note} onClose={() => setNote(null)} />
    </>
  );
}
