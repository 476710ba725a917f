/**
 * The alarms the server raised for an incident — teams that missed their check-in and needs
 * nobody updated for too long — at the top of the board, pushed live. Coordinators acknowledge
 * them (recorded); an organization's people see their own teams' alarms.
 */
import { BellOutlined, CheckOutlined } from '@ant-design/icons';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { Alert, App, Button, Tag } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { alarmApi } from '../../api';
import { ActorName } from '../../components/actor-name';
import { OrganizationName } from '../../components/organization-name';
import { useErrorText } from '../../error-text';
import { useDateTime } from '../../format';
import { useCapabilities } from '../../session';
import type { AlarmView, DeploymentView, IncidentDetail } from '../../types';
import { boardKey, type LiveMode, pollInterval } from './live-updates';

function AlarmLine({
  alarm,
  team,
  canAcknowledge,
  onOpenNeed,
}: {
  alarm: AlarmView;
  team: DeploymentView | undefined;
  canAcknowledge: boolean;
  onOpenNeed: (id: string) => void;
}) {
  const { t } = useTranslation();
  const dateTime = useDateTime();
  const { message: toast } = App.useApp();
  const { full } = useErrorText();
  const queryClient = useQueryClient();
  const [busy, setBusy] = useState(false);
  const acknowledge = async () => {
    setBusy(true);
    try {
      await alarmApi.acknowledge(alarm.id);
      await queryClient.invalidateQueries({ queryKey: boardKey(alarm.incidentId) });
      toast.success(t('alarms.acknowledged'));
    } catch (failure) {
      toast.error(full(failure));
    } finally {
      setBusy(false);
    }
  };
  return (
    <li data-testid="alarm-item" data-kind={alarm.kind}>
      <Tag color={alarm.kind === 'missed_check_in' ? 'red' : 'orange'}>{t(`alarms.kind.${alarm.kind}`)}</Tag>
      {alarm.kind === 'stale_need' ? (
        <Button type="link" size="small" className="inline-link" onClick={() => onOpenNeed(alarm.subjectId)}>
          {alarm.subjectLabel}
        </Button>
      ) : (
        <span className="strong">{alarm.subjectLabel}</span>
      )}
      {alarm.organizationId ? (
        <>
          {' '}
          (<OrganizationName id={alarm.organizationId} />)
        </>
      ) : null}
      {' · '}
      {t(`alarms.due.${alarm.kind}`, { at: dateTime(alarm.dueAt) })}
      {team?.leaderPhone ? (
        <>
          {' · '}
          <a href={`tel:${team.leaderPhone}`}>{team.leaderPhone}</a>
        </>
      ) : null}
      {alarm.acknowledgedAt ? (
        <span className="muted small">
          {' · '}
          {t('alarms.acknowledgedBy')} {alarm.acknowledgedBy ? <ActorName id={alarm.acknowledgedBy} /> : null}{' '}
          <time dateTime={alarm.acknowledgedAt}>{dateTime(alarm.acknowledgedAt)}</time>
        </span>
      ) : canAcknowledge ? (
        <Button size="small" icon={<CheckOutlined />} loading={busy} onClick={() => void acknowledge()} className="alarm-ack">
          {t('alarms.acknowledge')}
        </Button>
      ) : null}
    </li>
  );
}

export function AlarmLog({
  incident,
  teams,
  live,
  onOpenNeed,
}: {
  incident: IncidentDetail;
  teams: DeploymentView[];
  live: LiveMode;
  onOpenNeed: (id: string) => void;
}) {
  const { t } = useTranslation();
  const may = useCapabilities();
  const reads = incident.viewerCanCoordinate || may.fieldOrganizationId !== null;
  const query = useQuery({
    queryKey: [...boardKey(incident.id), 'alarm-log'],
    queryFn: () => alarmApi.list(incident.id),
    refetchInterval: pollInterval(live),
    enabled: reads,
  });
  const alarms = query.data ?? [];
  if (!reads || alarms.length === 0) return null;
  const waiting = alarms.filter((a) => !a.acknowledgedAt).length;
  const teamOf = new Map(teams.map((d) => [d.id, d]));
  return (
    <Alert
      type={waiting > 0 ? 'error' : 'warning'}
      showIcon
      icon={<BellOutlined />}
      role="alert"
      className="board-alarms"
      data-testid="board-alarms"
      title={t('alarms.title', { count: alarms.length, waiting })}
      description={
        <ul className="alarm-list">
          {alarms.map((alarm) => (
            <AlarmLine
              key={alarm.id}
              alarm={alarm}
              team={alarm.kind === 'missed_check_in' ? teamOf.get(alarm.subjectId) : undefined}
              canAcknowledge={incident.viewerCanCoordinate}
              onOpenNeed={onOpenNeed}
            />
          ))}
        </ul>
      }
    />
  );
}
