/** Tags for where an organization stands in the membership lifecycle. */
import { Tag } from 'antd';
import { useTranslation } from 'react-i18next';
import type { ApplicationDecision, MembershipStatus, MembershipTier } from '../types';

const STATUS_COLORS: Record<MembershipStatus, string> = {
  under_review: 'gold',
  active: 'green',
  cultivation: 'cyan',
  declined: 'red',
  suspended: 'orange',
  exited: 'default',
};

const DECISION_COLORS: Record<ApplicationDecision, string> = {
  admit: 'green',
  admit_provisional: 'lime',
  cultivate: 'cyan',
  decline: 'red',
};

export function MembershipStatusTag({ status }: { status: MembershipStatus }) {
  const { t } = useTranslation();
  return (
    <Tag color={STATUS_COLORS[status]} data-testid="membership-status" data-status={status}>
      {t(`membership.status.${status}`)}
    </Tag>
  );
}

/** The tier, shown only when it is not the ordinary one unless `always`. */
export function MembershipTierTag({ tier, always = false }: { tier: MembershipTier; always?: boolean }) {
  const { t } = useTranslation();
  if (tier === 'standard' && !always) return null;
  return (
    <Tag color={tier === 'provisional' ? 'purple' : 'default'} variant="outlined" data-testid="membership-tier">
      {t(`membership.tier.${tier}`)}
    </Tag>
  );
}

export function DecisionTag({ decision }: { decision: ApplicationDecision }) {
  const { t } = useTranslation();
  return <Tag color={DECISION_COLORS[decision]}>{t(`membership.decision.${decision}`)}</Tag>;
}
