/**
 * The 能力与装备 section of a profile: typed capacity in the NIMS manner (kind, type, type
 * level, quantity) and graded rescue specialties with their validity, each self-declared (自报)
 * until the home coordinator verifies it (已核验).
 */
import { EditOutlined, PlusOutlined } from '@ant-design/icons';
import { useQuery } from '@tanstack/react-query';
import { Button, Card, Flex, Table, Tag, Tooltip, Typography } from 'antd';
import type { ColumnsType } from 'antd/es/table';
import { type ReactNode, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { CAPACITY_KINDS } from '../../../../src/model/capacity';
import { capacityApi } from '../../api';
import { ErrorAlert } from '../../components/error-alert';
import { VerificationTag } from '../../components/verification-tag';
import type { CapacityItem, CapacityKind, CapacityView, ExpiryState, OrganizationDetail } from '../../types';
import { CapacityModal, SpecialtyModal } from './capacity-forms';
import { DeclarationVerifyButton } from './declaration-verify-button';

type SpecialtyRow = CapacityView['specialties'][number];

const KIND_COLORS: Record<CapacityKind, string> = {
  people: 'blue',
  vehicle: 'geekblue',
  boat: 'cyan',
  drone: 'purple',
  equipment: 'gold',
};

/** The capacity items in the order of the kinds, the most capable type first within one kind. */
function byKind(items: CapacityItem[]): CapacityItem[] {
  const order = (kind: CapacityKind) => CAPACITY_KINDS.indexOf(kind);
  return [...items].sort(
    (a, b) => order(a.kind) - order(b.kind) || a.typeLevel - b.typeLevel || a.type.localeCompare(b.type, 'zh-Hans-CN'),
  );
}

/** How many rows of the same kind start at each row (0 inside a group), for merged kind cells. */
function groupSpans(rows: CapacityItem[]): number[] {
  return rows.map((row, i) => {
    if (i > 0 && rows[i - 1].kind === row.kind) return 0;
    let span = 1;
    while (rows[i + span]?.kind === row.kind) span++;
    return span;
  });
}

export function TypeLevelTag({ level }: { level: number }) {
  const { t } = useTranslation();
  return (
    <Tooltip title={t('capacity.typeLevelHint')}>
      <Tag className="type-level-tag" data-testid="type-level">
        {t('capacity.typeLevelValue', { level })}
      </Tag>
    </Tooltip>
  );
}

/** 有效 stays quiet; 即将到期 is amber and 已过期 red. */
export function ValidityTag({ state }: { state: ExpiryState }) {
  const { t } = useTranslation();
  if (state === 'valid') return <Tag color="green">{t('capacity.validity.valid')}</Tag>;
  return (
    <Tag color={state === 'expired' ? 'red' : 'orange'} data-testid={`validity-${state}`}>
      {t(`capacity.validity.${state}`)}
    </Tag>
  );
}

function Block({
  title,
  onAdd,
  addLabel,
  testId,
  children,
}: {
  title: string;
  onAdd?: () => void;
  addLabel: string;
  testId: string;
  children: ReactNode;
}) {
  return (
    <section className="embedding-block" data-testid={testId}>
      <Flex justify="space-between" align="center" className="embedding-block-head">
        <Typography.Title level={2} className="section-title">
          {title}
        </Typography.Title>
        {onAdd ? (
          <Button size="small" icon={<PlusOutlined />} onClick={onAdd}>
            {addLabel}
          </Button>
        ) : null}
      </Flex>
      {children}
    </section>
  );
}

export function CapacitySection({ org }: { org: OrganizationDetail }) {
  const { t } = useTranslation();
  const query = useQuery({ queryKey: ['capacity', org.id], queryFn: () => capacityApi.get(org.id) });
  const [editing, setEditing] = useState<CapacityItem | 'new' | null>(null);
  const [addingSpecialty, setAddingSpecialty] = useState(false);
  const canDeclare = Boolean(query.data?.viewerCanDeclare);
  const canVerify = Boolean(query.data?.viewerCanVerify);
  const rows = byKind(query.data?.capacity ?? []);
  const spans = groupSpans(rows);
  const none = <span className="muted">{t('capacity.empty')}</span>;

  const capacityColumns: ColumnsType<CapacityItem> = [
    {
      title: t('capacity.kind'),
      key: 'kind',
      width: 110,
      onCell: (_, index) => ({ rowSpan: spans[index ?? 0] ?? 1, className: 'capacity-kind-cell' }),
      render: (_, item) => <Tag color={KIND_COLORS[item.kind]}>{t(`capacity.kinds.${item.kind}`)}</Tag>,
    },
    {
      title: t('capacity.type'),
      key: 'type',
      render: (_, item) => (
        <div>
          <div className="strong" data-testid="capacity-type">
            {item.type}
          </div>
          {item.description ? <div className="muted small">{item.description}</div> : null}
        </div>
      ),
    },
    {
      title: t('capacity.typeLevel'),
      key: 'typeLevel',
      width: 120,
      render: (_, item) => <TypeLevelTag level={item.typeLevel} />,
    },
    {
      title: t('capacity.quantity'),
      key: 'quantity',
      width: 90,
      align: 'right',
      render: (_, item) => (
        <span className={item.quantity === 0 ? 'muted' : 'quantity'} data-testid="capacity-quantity">
          {item.quantity}
        </span>
      ),
    },
    {
      title: t('embedding.status'),
      key: 'status',
      width: 100,
      render: (_, item) => <VerificationTag verification={item.verification} />,
    },
  ];
  if (canDeclare || canVerify) {
    capacityColumns.push({
      title: t('common.actions'),
      key: 'actions',
      width: 160,
      render: (_, item) => (
        <Flex gap={6} wrap>
          {canDeclare ? (
            <Button
              size="small"
              icon={<EditOutlined />}
              onClick={() => setEditing(item)}
              aria-label={t('capacity.editLabel', { type: item.type })}
            >
              {t('capacity.edit')}
            </Button>
          ) : null}
          {canVerify && !item.verification ? <DeclarationVerifyButton kind="capacity" id={item.id} /> : null}
        </Flex>
      ),
    });
  }

  const specialtyColumns: ColumnsType<SpecialtyRow> = [
    {
      title: t('capacity.specialty'),
      key: 'specialty',
      render: (_, s) => <span className="strong">{t(`capacity.specialties.${s.specialty}`)}</span>,
    },
    {
      title: t('capacity.grade'),
      key: 'grade',
      width: 100,
      render: (_, s) => (
        <Tooltip title={t('capacity.gradeHint')}>
          <Tag color={s.grade === 1 ? 'volcano' : 'default'}>{t(`capacity.grades.${s.grade}`)}</Tag>
        </Tooltip>
      ),
    },
    { title: t('capacity.assessedBy'), dataIndex: 'assessedBy', key: 'assessedBy' },
    {
      title: t('capacity.validUntil'),
      key: 'validUntil',
      width: 200,
      render: (_, s) => (
        <Flex gap={6} align="center" wrap>
          <span>{s.validUntil}</span>
          <ValidityTag state={s.validity} />
        </Flex>
      ),
    },
    {
      title: t('embedding.status'),
      key: 'status',
      width: 100,
      render: (_, s) => <VerificationTag verification={s.verification} />,
    },
  ];
  if (canVerify) {
    specialtyColumns.push({
      title: t('common.actions'),
      key: 'actions',
      width: 100,
      render: (_, s) => (s.verification ? null : <DeclarationVerifyButton kind="specialties" id={s.id} />),
    });
  }

  return (
    <Card title={t('capacity.section')} className="section-card" data-testid="capacity-section">
      <Typography.Paragraph type="secondary" className="section-intro">
        {t('capacity.intro')}
      </Typography.Paragraph>
      <ErrorAlert error={query.error} />
      <Block
        title={t('capacity.items')}
        onAdd={canDeclare ? () => setEditing('new') : undefined}
        addLabel={t('capacity.add')}
        testId="capacity-items"
      >
        <Table<CapacityItem>
          rowKey="id"
          size="small"
          bordered
          columns={capacityColumns}
          dataSource={rows}
          loading={query.isPending}
          pagination={false}
          scroll={{ x: 720 }}
          locale={{ emptyText: none }}
          data-testid="capacity-table"
        />
      </Block>
      <Block
        title={t('capacity.specialtiesTitle')}
        onAdd={canDeclare ? () => setAddingSpecialty(true) : undefined}
        addLabel={t('capacity.addSpecialty')}
        testId="specialties"
      >
        <Table<SpecialtyRow>
          rowKey="id"
          size="small"
          columns={specialtyColumns}
          dataSource={query.data?.specialties ?? []}
          loading={query.isPending}
          pagination={false}
          scroll={{ x: 720 }}
          locale={{ emptyText: none }}
          data-testid="specialty-table"
        />
      </Block>
      <CapacityModal organizationId={org.id} item={editing} onClose={() => setEditing(null)} />
      <SpecialtyModal organizationId={org.id} open={addingSpecialty} onClose={() => setAddingSpecialty(false)} />
    </Card>
  );
}
