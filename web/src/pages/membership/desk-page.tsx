/** The cultivation desk (培育台账): organizations whose cultivation plan is due for review. */
import { CalendarOutlined } from '@ant-design/icons';
import { useQuery } from '@tanstack/react-query';
import { Button, Card, Col, Descriptions, Empty, Flex, Row, Spin, Typography } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router-dom';
import { membershipApi } from '../../api';
import { ErrorAlert } from '../../components/error-alert';
import { MembershipStatusTag } from '../../components/membership-tags';
import { OrganizationName } from '../../components/organization-name';
import { OrganizationRecordLine } from '../../components/organization-record';
import { KindTag } from '../../components/organization-tags';
import { PageHeader } from '../../components/page-header';
import type { OrganizationSummary } from '../../types';
import { today } from './plan-fields';
import { type Move, movesFrom, TransitionModal } from './transition-modal';

/** The desk's quick actions, in this order, where the lifecycle allows them. */
const DESK_MOVES: Move[] = ['active', 'cultivation', 'suspended', 'exited'];

/** Whole days from one YYYY-MM-DD to another. */
function daysBetween(from: string, to: string): number {
  return Math.round((Date.parse(to) - Date.parse(from)) / 86_400_000);
}

function DeskCard({ org, act }: { org: OrganizationSummary; act: (org: OrganizationSummary, move?: Move) => void }) {
  const { t } = useTranslation();
  const plan = org.membership.plan;
  const allowed = movesFrom(org);
  const quick = DESK_MOVES.filter((m) => allowed.includes(m));
  const others = allowed.filter((m) => !quick.includes(m));
  const overdue = plan ? daysBetween(plan.reviewOn, today()) : 0;
  return (
    <Card
      className="desk-card"
      title={
        <Flex vertical gap={4} className="desk-card-title">
          <Link to={`/organizations/${encodeURIComponent(org.id)}`} className="org-name-link">
            {org.name}
          </Link>
          <span>
            <KindTag kind={org.kind} />
            <MembershipStatusTag status={org.membership.status} />
          </span>
        </Flex>
      }
      data-testid="desk-card"
    >
      <Descriptions
        column={1}
        size="small"
        items={[
          {
            key: 'reviewOn',
            label: t('membership.plan.reviewOn'),
            children: plan ? (
              <span>
                <CalendarOutlined aria-hidden="true" /> {plan.reviewOn}{' '}
                <Typography.Text type={overdue > 0 ? 'danger' : 'warning'}>
                  {overdue > 0 ? t('desk.overdue', { count: overdue }) : t('desk.dueToday')}
                </Typography.Text>
              </span>
            ) : (
              '—'
            ),
          },
          {
            key: 'mentor',
            label: t('membership.plan.mentor'),
            children: plan?.mentorOrganizationId ? (
              <OrganizationName id={plan.mentorOrganizationId} />
            ) : (
              <span className="muted">{t('membership.plan.mentorNone')}</span>
            ),
          },
          {
            key: 'area',
            label: t('field.jurisdictions'),
            children: org.jurisdictionNames.join('、') || org.jurisdictions.join('、'),
          },
          {
            key: 'record',
            label: t('organization.record.title'),
            children: <OrganizationRecordLine id={org.id} />,
          },
        ]}
      />
      <Typography.Text strong>{t('membership.plan.goals')}</Typography.Text>
      <ol className="plan-goals">
        {plan?.goals.map((goal) => (
          <li key={goal}>{goal}</li>
        ))}
      </ol>
      <Flex wrap gap={8} className="desk-actions">
        {quick.map((m) => (
          <Button key={m} type={m === 'active' ? 'primary' : 'default'} danger={m === 'exited'} onClick={() => act(org, m)}>
            {t(`desk.actions.${m}`)}
          </Button>
        ))}
        {others.length ? (
          <Button type="link" onClick={() => act(org)}>
            {t('desk.actions.other')}
          </Button>
        ) : null}
      </Flex>
    </Card>
  );
}

export function DeskPage() {
  const { t } = useTranslation();
  const query = useQuery({ queryKey: ['desk'], queryFn: membershipApi.desk });
  const [acting, setActing] = useState<{ org: OrganizationSummary; move?: Move } | null>(null);
  const items = query.data ?? [];

  return (
    <>
      <PageHeader
        title={t('desk.title')}
        subtitle={t('desk.subtitle')}
        crumbs={[{ title: t('nav.membership') }, { title: t('nav.desk') }]}
      />
      <ErrorAlert error={query.error} />
      {query.isPending ? (
        <Spin size="large" className="page-spin" />
      ) : items.length === 0 ? (
        <Card className="section-card">
          <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t('desk.empty')} />
        </Card>
      ) : (
        <>
          <Typography.Paragraph type="secondary" aria-live="polite" data-testid="desk-total">
            {t('desk.total', { count: items.length })}
          </Typography.Paragraph>
          <Row gutter={[16, 16]}>
            {items.map((org) => (
              <Col key={org.id} xs={24} lg={12} xxl={8}>
                <DeskCard org={org} act={(o, move) => setActing({ org: o, move })} />
              </Col>
            ))}
          </Row>
        </>
      )}
      <TransitionModal organization={acting?.org ?? null} initialMove={acting?.move} onClose={() => setActing(null)} />
    </>
  );
}
