/**
 * An incident's timeline on the board: every stage move and every change of level, warning
 * colour, affected areas and policy, newest first, each with who, when and why.
 */
import { Card, Timeline } from 'antd';
import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { ActorName } from '../../components/actor-name';
import { LevelTag, WarningTag } from '../../components/incident-tags';
import { JurisdictionName } from '../../components/jurisdiction-name';
import { useDateTime } from '../../format';
import type { IncidentChange, IncidentDetail, IncidentPolicy, IncidentStage, WarningColor } from '../../types';

function PolicyText({ policy }: { policy: IncidentPolicy }) {
  const { t } = useTranslation();
  return (
    <span>
      {policy.invitationRequired ? t('board.policyInvitation') : t('board.policyOpen')} ·{' '}
      {t('board.policyCheckIn', { minutes: policy.checkInIntervalMinutes })}
    </span>
  );
}

function Areas({ codes }: { codes: string[] }) {
  return (
    <span>
      {codes.map((code, i) => (
        <span key={code}>
          {i > 0 ? '、' : ''}
          <JurisdictionName code={code} />
        </span>
      ))}
    </span>
  );
}

/** One side of a change, in the words of its kind. */
function Value({ change, side }: { change: IncidentChange; side: 'from' | 'to' }) {
  const { t } = useTranslation();
  const value = change[side];
  switch (change.kind) {
    case 'stage':
      return <span className={side === 'to' ? 'strong' : 'muted'}>{t(`incident.stage.${value as IncidentStage}`)}</span>;
    case 'level':
      return <LevelTag level={value as number} />;
    case 'warning_color':
      return value === null ? (
        <span className="muted">{t('incident.warningNone')}</span>
      ) : (
        <WarningTag color={value as WarningColor} />
      );
    case 'jurisdictions':
      return <Areas codes={value as string[]} />;
    case 'policy':
      return <PolicyText policy={value as IncidentPolicy} />;
  }
}

function ChangeLine({ change }: { change: IncidentChange }): ReactNode {
  const { t } = useTranslation();
  const label = t(`board.changeKind.${change.kind}`);
  if (change.from === null && change.kind === 'stage') {
    return (
      <div>
        <span className="muted">{t('board.declaredIn')}</span> <Value change={change} side="to" />
      </div>
    );
  }
  return (
    <div>
      <span className="muted">{label}：</span>
      <Value change={change} side="from" />
      <span aria-hidden="true"> → </span>
      <Value change={change} side="to" />
    </div>
  );
}

export function IncidentTimeline({ incident }: { incident: IncidentDetail }) {
  const { t } = useTranslation();
  const dateTime = useDateTime();
  const changes = [...incident.timeline].reverse();
  return (
    <Card className="section-card stage-card" title={t('board.timeline')} size="small" data-testid="incident-timeline">
      {/* The list scrolls within its box, which takes the focus so the keyboard can scroll it too. */}
      {/* biome-ignore lint/a11y/noNoninteractiveTabindex: a scrolling region must be reachable by keyboard (WCAG 2.1.1) */}
      <section className="stage-timeline-scroll" aria-label={t('board.timeline')} tabIndex={0}>
        <Timeline
          className="stage-timeline"
          items={changes.map((change, i) => ({
            key: `${change.at}-${changes.length - i}`,
            color: i === 0 ? 'blue' : 'gray',
            content: (
              <div className="history-item" data-testid={`timeline-${change.kind}`}>
                <ChangeLine change={change} />
                {change.reason ? <div className="history-reason">{change.reason}</div> : null}
                <div className="muted small">
                  <ActorName id={change.actor} /> · <time dateTime={change.at}>{dateTime(change.at)}</time>
                </div>
              </div>
            ),
          }))}
        />
      </section>
      <div className="muted small policy-line">
        <PolicyText policy={incident.policy} />
      </div>
    </Card>
  );
}
