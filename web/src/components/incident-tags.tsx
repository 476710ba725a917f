/** Tags for incidents, deployments and needs: level, warning colour, stage, statuses, urgency. */
import { Tag, Tooltip } from 'antd';
import { useTranslation } from 'react-i18next';
import type {
  DeploymentStatus,
  IncidentLevel,
  IncidentStage,
  NeedStatus,
  Urgency,
  VerificationLevel,
  VulnerableGroup,
  WarningColor,
} from '../types';

/** Ⅰ级 red … Ⅳ级 blue, as the national plans colour them. */
const LEVEL_COLORS: Record<number, string> = { 1: 'red', 2: 'orange', 3: 'gold', 4: 'blue' };
const WARNING_TAG_COLORS: Record<WarningColor, string> = { red: 'red', orange: 'orange', yellow: 'gold', blue: 'blue' };
const STAGE_COLORS: Record<IncidentStage, string> = {
  preparedness: 'cyan',
  response: 'volcano',
  recovery: 'green',
  closed: 'default',
};
const DEPLOYMENT_COLORS: Record<DeploymentStatus, string> = {
  filed: 'blue',
  approved: 'green',
  declined: 'red',
  standby: 'gold',
  en_route: 'geekblue',
  checked_in: 'cyan',
  working: 'purple',
  withdrawn: 'default',
  returned: 'default',
};
const NEED_STATUS_COLORS: Record<NeedStatus, string> = {
  open: 'volcano',
  claimed: 'blue',
  in_progress: 'geekblue',
  fulfilled: 'green',
  closed: 'default',
};
const URGENCY_TAG_COLORS: Record<Urgency, string> = { critical: 'red', high: 'orange', medium: 'gold', low: 'default' };

/** Dot colours of the map and its legend, by urgency. */
export const URGENCY_COLORS: Record<Urgency, string> = {
  critical: '#cf1322',
  high: '#fa8c16',
  medium: '#d4a106',
  low: '#8c8c8c',
};

export function LevelTag({ level }: { level: IncidentLevel | number }) {
  const { t } = useTranslation();
  return (
    <Tooltip title={t(`incident.levelName.${level}`)}>
      <Tag color={LEVEL_COLORS[level] ?? 'default'} variant="solid" className="level-tag" data-testid="incident-level">
        {t(`incident.level.${level}`)}
      </Tag>
    </Tooltip>
  );
}

export function WarningTag({ color }: { color: WarningColor | null }) {
  const { t } = useTranslation();
  if (!color) return null;
  return (
    <Tag color={WARNING_TAG_COLORS[color]} className="warning-tag" data-testid="incident-warning">
      <span className={`warning-dot warning-${color}`} aria-hidden="true" />
      {t(`incident.warning.${color}`)}
    </Tag>
  );
}

export function IncidentStageTag({ stage }: { stage: IncidentStage }) {
  const { t } = useTranslation();
  return (
    <Tag color={STAGE_COLORS[stage]} data-testid="incident-stage" data-stage={stage}>
      {t(`incident.stage.${stage}`)}
    </Tag>
  );
}

export function DeploymentStatusTag({ status }: { status: DeploymentStatus }) {
  const { t } = useTranslation();
  return (
    <Tag color={DEPLOYMENT_COLORS[status]} data-testid="deployment-status" data-status={status}>
      {t(`deployment.status.${status}`)}
    </Tag>
  );
}

export function NeedStatusTag({ status }: { status: NeedStatus }) {
  const { t } = useTranslation();
  return (
    <Tag color={NEED_STATUS_COLORS[status]} data-testid="need-status" data-status={status}>
      {t(`need.status.${status}`)}
    </Tag>
  );
}

export function UrgencyTag({ urgency }: { urgency: Urgency }) {
  const { t } = useTranslation();
  return (
    <Tag
      color={URGENCY_TAG_COLORS[urgency]}
      variant={urgency === 'critical' ? 'solid' : 'filled'}
      className="urgency-tag"
      data-urgency={urgency}
    >
      {t(`need.urgency.${urgency}`)}
    </Tag>
  );
}

export function NeedVerificationTag({ level }: { level: VerificationLevel }) {
  const { t } = useTranslation();
  if (level === 'unverified') {
    return (
      <Tag color="default" variant="outlined">
        {t('need.verification.unverified')}
      </Tag>
    );
  }
  return <Tag color={level === 'official' ? 'purple' : 'success'}>{t(`need.verification.${level}`)}</Tag>;
}

export function VulnerableTags({ groups }: { groups: readonly VulnerableGroup[] | null }) {
  const { t } = useTranslation();
  if (!groups || groups.length === 0) return null;
  return (
    <span className="tag-list">
      {groups.map((group) => (
        <Tag key={group} color="magenta" variant="outlined" className="vulnerable-tag">
          {t(`need.vulnerable.${group}`)}
        </Tag>
      ))}
    </span>
  );
}
