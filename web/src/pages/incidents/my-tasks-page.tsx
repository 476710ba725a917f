/**
 * "My tasks" (我的任务): on one phone-sized page, what is the reader's organization's to do now —
 * dispatches to answer, the needs it holds with the time left, its teams with the next check-in
 * due, and the open needs in its areas and categories that nobody has claimed. Kept current by
 * the incidents' event streams (polling without them).
 */
import { CheckOutlined, ClockCircleOutlined, EnvironmentOutlined } from '@ant-design/icons';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { Alert, App, Button, Card, Empty, Flex, List, Popconfirm, Spin, Tag, Typography } from 'antd';
import { type ReactNode, useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router-dom';
import { hasPass } from '../../../../src/model/pass';
import { currentCsrfToken, incidentEventsUrl, meApi, needApi } from '../../api';
import { ErrorAlert } from '../../components/error-alert';
import { UrgencyTag } from '../../components/incident-tags';
import { JurisdictionName } from '../../components/jurisdiction-name';
import { NoteModal, type NoteRequest } from '../../components/note-modal';
import { PageHeader } from '../../components/page-header';
import { useErrorText } from '../../error-text';
import { useDateTime } from '../../format';
import { OutboxList } from '../../offline/outbox-list';
import { useOutboxEntries } from '../../offline/use-outbox';
import { useCurrentUser } from '../../session';
import type { DeploymentView, MyTasks } from '../../types';
import { CheckInModal } from './deployment-forms';
import { useFieldSubmit } from './field-submit';
import { POLL_MS } from './live-updates';
import { EvidenceUpload } from './need-evidence';

const TASKS_KEY = ['tasks'] as const;
type ClaimTask = MyTasks['claims'][number];

/** The time now, ticking every half minute (countdowns). */
function useNow(): number {
  const [now, setNow] = useState(() => Date.now());
  useEffect(() => {
    const timer = setInterval(() => setNow(Date.now()), 30_000);
    return () => clearInterval(timer);
  }, []);
  return now;
}

/** "还剩 1 小时 20 分" / "已超时 5 分" to a moment. */
function Countdown({ to, now, label }: { to: string; now: number; label: 'left' | 'checkIn' }) {
  const { t } = useTranslation();
  const dateTime = useDateTime();
  const minutes = Math.round((new Date(to).getTime() - now) / 60_000);
  const over = minutes < 0;
  const h = Math.floor(Math.abs(minutes) / 60);
  const m = Math.abs(minutes) % 60;
  const span = h > 0 ? t('tasks.hoursMinutes', { h, m }) : t('tasks.minutes', { m });
  return (
    <Tag
      color={over ? 'red' : minutes < 30 ? 'orange' : 'default'}
      icon={<ClockCircleOutlined />}
      title={dateTime(to)}
      data-testid="countdown"
    >
      {over ? t(`tasks.${label}Over`, { span }) : t(`tasks.${label}Left`, { span })}
    </Tag>
  );
}

/** Opens each incident's event stream while the page is shown; any event refetches the tasks. */
function TaskStreams({ incidentIds }: { incidentIds: string[] }) {
  const queryClient = useQueryClient();
  const key = incidentIds.join(',');
  useEffect(() => {
    if (typeof EventSource === 'undefined' || !key) return;
    let pending: ReturnType<typeof setTimeout> | undefined;
    const refresh = () => {
      if (pending) return;
      pending = setTimeout(() => {
        pending = undefined;
        void queryClient.invalidateQueries({ queryKey: TASKS_KEY });
      }, 300);
    };
    const streams = key.split(',').map((id) => {
      const stream = new EventSource(incidentEventsUrl(id), { withCredentials: true });
      for (const type of ['need', 'claim', 'deployment', 'incident', 'alarm']) stream.addEventListener(type, refresh);
      return stream;
    });
    return () => {
      for (const s of streams) s.close();
      clearTimeout(pending);
    };
  }, [key, queryClient]);
  return null;
}

function NeedLine({ title, children }: { title: ReactNode; children: ReactNode }) {
  return (
    <div className="task-line">
      <div className="strong">{title}</div>
      <div className="muted small">{children}</div>
    </div>
  );
}

export function MyTasksPage() {
  const { t } = useTranslation();
  const { message: toast } = App.useApp();
  const { full } = useErrorText();
  const queryClient = useQueryClient();
  const now = useNow();
  const [note, setNote] = useState<NoteRequest | null>(null);
  const [checkingIn, setCheckingIn] = useState<DeploymentView | null>(null);
  const [busy, setBusy] = useState<string | null>(null);
  const query = useQuery({ queryKey: TASKS_KEY, queryFn: () => meApi.tasks(), refetchInterval: POLL_MS });
  const user = useCurrentUser();
  const outbox = useOutboxEntries(user.id);
  const field = useFieldSubmit();
  /** A progress report through the outbox: sent now, or kept on the phone until the network returns. */
  const reportProgress = async (task: ClaimTask, body: { note?: string; done?: boolean }, done: string) => {
    const label = task.need.title;
    const result = await field.submit('progress', label, `/claims/${encodeURIComponent(task.claimId)}/progress`, { json: body });
    if (result.sent) toast.success(done);
    else toast.info(field.keptOffline);
  };

  const refresh = () => queryClient.invalidateQueries({ queryKey: TASKS_KEY });
  const run = async (key: string, action: () => Promise<unknown>, done: string | null) => {
    setBusy(key);
    try {
      await action();
      await refresh();
      if (done) toast.success(done);
    } catch (failure) {
      toast.error(full(failure));
      await refresh();
    } finally {
      setBusy(null);
    }
  };
  const withNote = (request: Omit<NoteRequest, 'run'>, action: (text: string) => Promise<unknown>, done: string | null) =>
    setNote({
      ...request,
      run: async (text) => {
        await action(text);
        await refresh();
        if (done) toast.success(done);
      },
    });

  const tasks = query.data;
  const boardLink = (incidentId: string, needId?: string) =>
    `/incidents/${encodeURIComponent(incidentId)}${needId ? `?need=${encodeURIComponent(needId)}` : ''}`;
  const incidentIds = tasks
    ? [
        ...new Set([
          ...tasks.dispatches.map((c) => c.incidentId),
          ...tasks.claims.map((c) => c.incidentId),
          ...tasks.deployments.map((d) => d.deployment.incidentId),
          ...tasks.unclaimed.map((n) => n.incidentId),
        ]),
      ].sort()
    : [];

  const dispatchItem = (task: ClaimTask) => (
    <List.Item
      data-testid="task-dispatch"
      actions={[
        <Button
          key="accept"
          type="primary"
          loading={busy === task.claimId}
          disabled={!tasks?.mayAct}
          onClick={() => void run(task.claimId, () => needApi.answer(task.claimId, { accept: true }), t('needs.accepted'))}
        >
          {t('needs.accept')}
        </Button>,
        <Button
          key="decline"
          danger
          onClick={() =>
            withNote(
              { title: t('needs.declineTitle'), label: t('needs.declineReason'), required: true, danger: true },
              (reason) => needApi.answer(task.claimId, { accept: false, reason }),
              t('needs.declined'),
            )
          }
        >
          {t('needs.decline')}
        </Button>,
      ]}
    >
      <NeedLine title={<Link to={boardLink(task.incidentId, task.need.id)}>{task.need.title}</Link>}>
        {t(`category.${task.need.category}`)} · {task.quantity} {task.need.unit} · {task.incidentName}
        <div>
          <Countdown to={task.expiresAt} now={now} label="left" />
        </div>
      </NeedLine>
    </List.Item>
  );

  const claimItem = (task: ClaimTask) => {
    const actions: ReactNode[] =
      task.status === 'active'
        ? [
            <Button
              key="progress"
              onClick={() =>
                withNote(
                  { title: t('needs.progressTitle'), label: t('needs.progressNote'), required: true },
                  (text) => reportProgress(task, { note: text }, t('needs.progressSaved')),
                  null,
                )
              }
            >
              {t('needs.progress')}
            </Button>,
            // A photo from the scene: made smaller on the phone, and kept there while the network is away.
            <EvidenceUpload key="evidence" need={task.need} onAdded={refresh} />,
            <Popconfirm
              key="done"
              title={t('needs.doneConfirm', { quantity: task.quantity, unit: task.need.unit })}
              okText={t('common.confirm')}
              cancelText={t('common.cancel')}
              onConfirm={() => run(task.claimId, () => reportProgress(task, { done: true }, t('needs.doneSaved')), null)}
            >
              <Button type="primary" icon={<CheckOutlined />} loading={busy === task.claimId}>
                {t('needs.done')}
              </Button>
            </Popconfirm>,
          ]
        : [];
    return (
      <List.Item data-testid="task-claim" actions={actions}>
        <NeedLine title={<Link to={boardLink(task.incidentId, task.need.id)}>{task.need.title}</Link>}>
          <Tag color={task.status === 'unconfirmed' ? 'orange' : 'blue'}>{t(`needs.holderStatus.${task.status}`)}</Tag>
          {t(`category.${task.need.category}`)} · {task.quantity} {task.need.unit} · {task.incidentName}
          {task.need.contactPhone ? (
            <>
              {' · '}
              <a href={`tel:${task.need.contactPhone}`}>{task.need.contactPhone}</a>
            </>
          ) : null}
          <div>
            <Countdown to={task.expiresAt} now={now} label="left" />
          </div>
          {task.status === 'unconfirmed' ? <div>{t('needs.awaitingConfirmation')}</div> : null}
        </NeedLine>
      </List.Item>
    );
  };

  const section = (title: string, count: number, testId: string, body: ReactNode, empty: string) => (
    <Card size="small" className="task-card" data-testid={testId} title={`${title} (${count})`}>
      {count === 0 ? <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={empty} /> : body}
    </Card>
  );

  return (
    <>
      <PageHeader title={t('tasks.title')} crumbs={[{ title: t('nav.response') }, { title: t('tasks.title') }]} />
      <OutboxList entries={outbox} owner={user.id} csrfToken={currentCsrfToken} />
      <ErrorAlert error={query.error} />
      {query.isPending ? (
        <Spin />
      ) : tasks ? (
        <Flex vertical gap={12} className="my-tasks">
          <TaskStreams incidentIds={incidentIds} />
          {!tasks.mayAct ? <Alert type="warning" showIcon title={t('tasks.mayNotAct')} /> : null}
          {section(
            t('tasks.dispatches'),
            tasks.dispatches.length,
            'tasks-dispatches',
            <List dataSource={tasks.dispatches} rowKey="claimId" renderItem={dispatchItem} />,
            t('tasks.noDispatches'),
          )}
          {section(
            t('tasks.claims'),
            tasks.claims.length,
            'tasks-claims',
            <List dataSource={tasks.claims} rowKey="claimId" renderItem={claimItem} />,
            t('tasks.noClaims'),
          )}
          {section(
            t('tasks.deployments'),
            tasks.deployments.length,
            'tasks-deployments',
            <List
              dataSource={tasks.deployments}
              rowKey={(d) => d.deployment.id}
              renderItem={({ deployment, incidentName, nextCheckInDue }) => (
                <List.Item
                  data-testid="task-deployment"
                  actions={[
                    ...(nextCheckInDue
                      ? [
                          <Button
                            key="check-in"
                            type="primary"
                            icon={<EnvironmentOutlined />}
                            onClick={() => setCheckingIn(deployment)}
                          >
                            {t('deployments.action.report')}
                          </Button>,
                        ]
                      : []),
                    // The leader shows the pass at checkpoints from here, on the phone.
                    ...(hasPass(deployment.status) && deployment.personalDataVisible
                      ? [
                          <Link key="pass" to={`/deployments/${deployment.id}/pass`} data-testid="task-pass">
                            {t('deployments.action.pass')}
                          </Link>,
                        ]
                      : []),
                  ]}
                >
                  <NeedLine title={<Link to={`${boardLink(deployment.incidentId)}?tab=deployments`}>{deployment.teamName}</Link>}>
                    <Tag>{t(`deployment.status.${deployment.status}`)}</Tag>
                    {incidentName} · {t('tasks.headcount', { count: deployment.headcount })}
                    {nextCheckInDue ? (
                      <div>
                        <Countdown to={nextCheckInDue} now={now} label="checkIn" />
                      </div>
                    ) : null}
                  </NeedLine>
                </List.Item>
              )}
            />,
            t('tasks.noDeployments'),
          )}
          {section(
            t('tasks.unclaimed'),
            tasks.unclaimed.length,
            'tasks-unclaimed',
            <List
              dataSource={tasks.unclaimed}
              rowKey="id"
              renderItem={(need) => (
                <List.Item
                  data-testid="task-unclaimed"
                  actions={[
                    <Popconfirm
                      key="claim"
                      title={t('tasks.claimConfirm', { title: need.title })}
                      okText={t('common.confirm')}
                      cancelText={t('common.cancel')}
                      disabled={!tasks.mayAct}
                      onConfirm={() =>
                        run(need.id, () => needApi.claim(need.id, { organizationId: tasks.organizationId }), t('needs.claimed'))
                      }
                    >
                      <Button loading={busy === need.id} disabled={!tasks.mayAct}>
                        {t('needs.claim')}
                      </Button>
                    </Popconfirm>,
                  ]}
                >
                  <NeedLine title={<Link to={boardLink(need.incidentId, need.id)}>{need.title}</Link>}>
                    <UrgencyTag urgency={need.urgency} /> {t(`category.${need.category}`)} · {need.quantity} {need.unit} ·{' '}
                    <JurisdictionName code={need.jurisdiction} /> · {need.incidentName}
                  </NeedLine>
                </List.Item>
              )}
            />,
            t('tasks.noUnclaimed'),
          )}
        </Flex>
      ) : null}
      <Typography.Paragraph type="secondary" className="small top-gap">
        {t('tasks.liveHint')}
      </Typography.Paragraph>
      <NoteModal request={note} onClose={() => setNote(null)} />
      <CheckInModal
        deployment={checkingIn}
        onClose={() => {
          setCheckingIn(null);
          void refresh();
        }}
      />
    </>
  );
}
