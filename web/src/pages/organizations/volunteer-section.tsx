/**
 * The 志愿者 section of a profile: how many volunteers are on the roll and available, and
 * whose certificates or insurance lapse soon. Names and phones only for those who need them;
 * nobody is deleted: a volunteer who leaves is marked as left.
 */
import { EditOutlined, UndoOutlined, UserAddOutlined, UserDeleteOutlined } from '@ant-design/icons';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { App, Button, Card, Col, Flex, Popconfirm, Row, Statistic, Switch, Table, Tag, Typography } from 'antd';
import type { ColumnsType } from 'antd/es/table';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { capacityApi } from '../../api';
import { ErrorAlert } from '../../components/error-alert';
import { VerificationTag } from '../../components/verification-tag';
import { useErrorText } from '../../error-text';
import type { Availability, ExpiryWarning, OrganizationDetail, VolunteerView } from '../../types';
import { DeclarationVerifyButton } from './declaration-verify-button';
import { VolunteerModal } from './volunteer-form';

const AVAILABILITY_COLORS: Record<Availability, string> = {
  available: 'green',
  limited: 'gold',
  unavailable: 'default',
};

export function AvailabilityTag({ availability }: { availability: Availability }) {
  const { t } = useTranslation();
  return (
    <Tag color={AVAILABILITY_COLORS[availability]} data-testid="availability">
      {t(`volunteers.availability.${availability}`)}
    </Tag>
  );
}

/** A lapsing certificate or insurance: amber while it is about to expire, red once it has. */
export function WarningTag({ warning }: { warning: ExpiryWarning }) {
  const { t } = useTranslation();
  const what = warning.subject === 'insurance' ? t('volunteers.insurance') : warning.label;
  return (
    <Tag color={warning.state === 'expired' ? 'red' : 'orange'} data-testid={`warning-${warning.state}`}>
      {t(`volunteers.warning.${warning.state}`, { what, date: warning.expiresOn })}
    </Tag>
  );
}

function ActiveToggle({ volunteer }: { volunteer: VolunteerView }) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const { full } = useErrorText();
  const queryClient = useQueryClient();
  const change = useMutation({
    mutationFn: () => capacityApi.amendVolunteer(volunteer.id, { active: !volunteer.active }),
    onSuccess: async () => {
      await queryClient.invalidateQueries({ queryKey: ['volunteers', volunteer.organizationId] });
      message.success(volunteer.active ? t('volunteers.leftDone') : t('volunteers.returnedDone'));
    },
    onError: (error) => message.error(full(error)),
  });
  if (!volunteer.active) {
    return (
      <Button size="small" icon={<UndoOutlined />} loading={change.isPending} onClick={() => change.mutate()}>
        {t('volunteers.return')}
      </Button>
    );
  }
  return (
    <Popconfirm
      title={t('volunteers.leaveConfirm', { name: volunteer.name ?? '' })}
      description={t('volunteers.leaveConfirmBody')}
      okText={t('volunteers.leave')}
      cancelText={t('common.cancel')}
      onConfirm={() => change.mutateAsync()}
    >
      <Button size="small" icon={<UserDeleteOutlined />} loading={change.isPending}>
        {t('volunteers.leave')}
      </Button>
    </Popconfirm>
  );
}

export function VolunteerSection({ org }: { org: OrganizationDetail }) {
  const { t } = useTranslation();
  const [includeInactive, setIncludeInactive] = useState(false);
  const [editing, setEditing] = useState<VolunteerView | 'new' | null>(null);
  const query = useQuery({
    queryKey: ['volunteers', org.id, { includeInactive }],
    queryFn: () => capacityApi.volunteers(org.id, includeInactive),
  });
  const canDeclare = Boolean(query.data?.viewerCanDeclare);
  const canVerify = Boolean(query.data?.viewerCanVerify);
  const summary = query.data?.summary;
  const none = <span className="muted">—</span>;

  const columns: ColumnsType<VolunteerView> = [
    {
      title: t('volunteers.name'),
      key: 'name',
      width: 120,
      render: (_, v) => (
        <div>
          {v.name === null ? (
            <span className="muted small">{t('volunteers.nameHidden')}</span>
          ) : (
            <span className="strong" data-testid="volunteer-name">
              {v.name}
            </span>
          )}
          {v.active ? null : (
            <Tag className="inline-tag" data-testid="volunteer-left">
              {t('volunteers.left')}
            </Tag>
          )}
          {v.phone ? <div className="muted small code-text">{v.phone}</div> : null}
        </div>
      ),
    },
    {
      title: t('volunteers.skills'),
      key: 'skills',
      width: 150,
      render: (_, v) =>
        v.skills.length ? (
          <span className="tag-list">
            {v.skills.map((skill) => (
              <Tag key={skill} variant="filled">
                {skill}
              </Tag>
            ))}
          </span>
        ) : (
          none
        ),
    },
    {
      title: t('volunteers.certifications'),
      key: 'certifications',
      width: 210,
      render: (_, v) =>
        v.certifications.length ? (
          <ul className="cert-list">
            {v.certifications.map((c) => (
              <li key={`${c.type}-${c.issuer}-${c.expiresOn ?? ''}`}>
                <div>{c.type}</div>
                <div className="muted small">
                  {c.issuer} ·{' '}
                  <span className="nowrap">
                    {c.expiresOn ? t('volunteers.expiresOn', { date: c.expiresOn }) : t('volunteers.noExpiry')}
                  </span>
                </div>
              </li>
            ))}
          </ul>
        ) : (
          none
        ),
    },
    {
      title: t('volunteers.insuranceExpiresOn'),
      key: 'insurance',
      width: 110,
      render: (_, v) => v.insuranceExpiresOn ?? <span className="muted small">{t('volunteers.noInsurance')}</span>,
    },
    {
      title: t('volunteers.availabilityTitle'),
      key: 'availability',
      width: 100,
      render: (_, v) => <AvailabilityTag availability={v.availability} />,
    },
    {
      title: t('volunteers.warnings'),
      key: 'warnings',
      render: (_, v) =>
        v.warnings.length ? (
          <span className="tag-list">
            {v.warnings.map((w) => (
              <WarningTag key={`${w.subject}-${w.label}-${w.expiresOn}`} warning={w} />
            ))}
          </span>
        ) : (
          none
        ),
    },
    {
      title: t('embedding.status'),
      key: 'status',
      width: 90,
      render: (_, v) => <VerificationTag verification={v.verification} />,
    },
  ];
  if (canDeclare || canVerify) {
    columns.push({
      title: t('common.actions'),
      key: 'actions',
      width: 220,
      render: (_, v) => (
        <Flex gap={4} wrap>
          {canDeclare && v.active ? (
            <Button size="small" icon={<EditOutlined />} onClick={() => setEditing(v)}>
              {t('volunteers.edit')}
            </Button>
          ) : null}
          {canDeclare ? <ActiveToggle volunteer={v} /> : null}
          {canVerify && v.active && !v.verification ? <DeclarationVerifyButton kind="volunteers" id={v.id} /> : null}
        </Flex>
      ),
    });
  }

  return (
    <Card
      title={t('volunteers.section')}
      className="section-card"
      data-testid="volunteer-section"
      extra={
        canDeclare ? (
          <Button icon={<UserAddOutlined />} onClick={() => setEditing('new')}>
            {t('volunteers.add')}
          </Button>
        ) : null
      }
    >
      <ErrorAlert error={query.error} />
      <Row gutter={[16, 16]} className="volunteer-summary" data-testid="volunteer-summary">
        <Col xs={24} sm={8}>
          <Statistic title={t('volunteers.summary.total')} value={summary?.total ?? '—'} loading={query.isPending} />
        </Col>
        <Col xs={24} sm={8}>
          <Statistic
            title={t('volunteers.summary.available')}
            value={summary?.available ?? '—'}
            loading={query.isPending}
            styles={{ content: { color: '#15803d' } }}
          />
        </Col>
        <Col xs={24} sm={8}>
          <Statistic
            title={t('volunteers.summary.withWarnings')}
            value={summary?.withWarnings ?? '—'}
            loading={query.isPending}
            styles={{ content: summary?.withWarnings ? { color: '#d46b08' } : undefined }}
          />
        </Col>
      </Row>
      <Flex justify="space-between" align="center" wrap gap={8} className="embedding-block-head">
        <Typography.Text type="secondary" className="small">
          {t('volunteers.privacy')}
        </Typography.Text>
        <Flex align="center" gap={8} className="filter-switch">
          <Switch
            id={`volunteers-inactive-${org.id}`}
            size="small"
            checked={includeInactive}
            onChange={setIncludeInactive}
            data-testid="volunteers-include-inactive"
          />
          <label htmlFor={`volunteers-inactive-${org.id}`}>{t('volunteers.includeInactive')}</label>
        </Flex>
      </Flex>
      <Table<VolunteerView>
        rowKey="id"
        size="small"
        columns={columns}
        dataSource={query.data?.items ?? []}
        loading={query.isFetching}
        pagination={query.data && query.data.items.length > 20 ? { pageSize: 20, size: 'small' } : false}
        rowClassName={(v) => (v.active ? '' : 'row-archived')}
        scroll={{ x: 1080 }}
        locale={{ emptyText: <span className="muted">{t('volunteers.empty')}</span> }}
        data-testid="volunteer-table"
      />
      <VolunteerModal organizationId={org.id} volunteer={editing} onClose={() => setEditing(null)} />
    </Card>
  );
}
