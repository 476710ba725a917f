/** The 成员资格 section of a profile: status, tier, plan, and the history as a timeline. */
import { SwapOutlined } from '@ant-design/icons';
import { useQuery } from '@tanstack/react-query';
import { Button, Card, Descriptions, Empty, Flex, Spin, Timeline, Typography } from 'antd';
import { useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { membershipApi } from '../../api';
import { ActorName } from '../../components/actor-name';
import { ErrorAlert } from '../../components/error-alert';
import { MembershipStatusTag, MembershipTierTag } from '../../components/membership-tags';
import { OrganizationName } from '../../components/organization-name';
import { useDateTime } from '../../format';
import type { CultivationPlan, MembershipEvent, MembershipStatus, OrganizationDetail } from '../../types';
import { TransitionModal } from '../membership/transition-modal';

const TIMELINE_COLORS: Record<MembershipStatus, string> = {
  under_review: 'blue',
  active: 'green',
  cultivation: 'cyan',
  declined: 'red',
  suspended: 'orange',
  exited: 'gray',
};

/** Reasons the system writes itself, shown in the reader's words. */
const SYSTEM_REASONS = ['applied', 'registered'];

export function useReasonText(): (reason: string) => string {
  const { t } = useTranslation();
  return (reason) => (SYSTEM_REASONS.includes(reason) ? t(`membership.systemReason.${reason}`) : reason);
}

export function PlanSummary({ plan }: { plan: CultivationPlan }) {
  const { t } = useTranslation();
  return (
    <div className="plan-summary" data-testid="plan-summary">
      <Typography.Text strong>{t('membership.plan.goals')}</Typography.Text>
      <ol className="plan-goals">
        {plan.goals.map((goal) => (
          <li key={goal}>{goal}</li>
        ))}
      </ol>
      <div className="muted small">
        {t('membership.plan.mentor')}：
        {plan.mentorOrganizationId ? <OrganizationName id={plan.mentorOrganizationId} /> : t('membership.plan.mentorNone')}
        {' · '}
        {t('membership.plan.reviewOn')}：{plan.reviewOn}
      </div>
    </div>
  );
}

function HistoryItem({ event }: { event: MembershipEvent }) {
  const { t } = useTranslation();
  const dateTime = useDateTime();
  const reason = useReasonText();
  return (
    <div className="history-item">
      <Flex wrap align="center" gap={4}>
        {event.from ? (
          <>
            <MembershipStatusTag status={event.from} />
            <span aria-hidden="true">→</span>
            <span className="sr-only">{t('membership.arrow')}</span>
          </>
        ) : null}
        <MembershipStatusTag status={event.to} />
        <MembershipTierTag tier={event.tier} />
      </Flex>
      <div className="history-reason">{reason(event.reason)}</div>
      {event.plan ? <PlanSummary plan={event.plan} /> : null}
      <div className="muted small">
        <ActorName id={event.actor} /> · <time dateTime={event.at}>{dateTime(event.at)}</time>
      </div>
    </div>
  );
}

export function MembershipSection({ org }: { org: OrganizationDetail }) {
  const { t } = useTranslation();
  const [changing, setChanging] = useState(false);
  const query = useQuery({ queryKey: ['membership', org.id], queryFn: () => membershipApi.get(org.id) });
  const membership = query.data ?? org.membership;
  const history = query.data ? [...query.data.history].reverse() : [];
  const canChange = Boolean(query.data?.viewerCanDecide) && !org.archived;
  const target = useMemo(() => (changing ? { ...org, membership } : null), [changing, org, membership]);

  return (
    <Card
      title={t('membership.section')}
      className="section-card"
      extra={
        canChange ? (
          <Button icon={<SwapOutlined />} onClick={() => setChanging(true)} data-testid="membership-change">
            {t('membership.change')}
          </Button>
        ) : null
      }
      data-testid="membership-section"
    >
      <ErrorAlert error={query.error} />
      <Descriptions
        column={{ xs: 1, md: 2 }}
        size="middle"
        items={[
          {
            key: 'status',
            label: t('membership.current'),
            children: (
              <span>
                <MembershipStatusTag status={membership.status} />
                <MembershipTierTag tier={membership.tier} />
              </span>
            ),
          },
          ...(membership.plan
            ? [
                {
                  key: 'plan',
                  label: t('membership.plan.title'),
                  span: 'filled' as const,
                  children: <PlanSummary plan={membership.plan} />,
                },
              ]
            : []),
        ]}
      />
      <Typography.Title level={2} className="section-title history-title">
        {t('membership.history')}
      </Typography.Title>
      {query.isPending ? (
        <Spin />
      ) : history.length === 0 ? (
        <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t('membership.noHistory')} />
      ) : (
        <div data-testid="membership-timeline">
          <Timeline
            className="membership-timeline"
            items={history.map((event, i) => ({
              key: `${event.at}-${history.length - i}`,
              color: TIMELINE_COLORS[event.to],
              content: <HistoryItem event={event} />,
            }))}
          />
        </div>
      )}
      <TransitionModal organization={target} onClose={() => setChanging(false)} />
    </Card>
  );
}
