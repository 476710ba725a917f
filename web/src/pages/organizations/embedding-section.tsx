/**
 * The 制度嵌入 section of a profile: filings (备案), agreements and seats, each self-declared
 * (自报) until the home coordinator verifies it (已核验).
 */
import { PlusOutlined, SafetyCertificateOutlined } from '@ant-design/icons';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { App, Button, Card, Flex, Popconfirm, Table, Typography } from 'antd';
import type { ColumnsType } from 'antd/es/table';
import { type ReactNode, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { type EmbeddingKind, embeddingApi } from '../../api';
import { ErrorAlert } from '../../components/error-alert';
import { OrganizationName } from '../../components/organization-name';
import { VerificationTag } from '../../components/verification-tag';
import { useErrorText } from '../../error-text';
import type { Agreement, Embedding, Filing, OrganizationDetail, SeatView, Verification } from '../../types';
import { type DeclareKind, DeclareModal } from './embedding-forms';

interface Props {
  org: OrganizationDetail;
  embedding: Embedding | undefined;
  loading: boolean;
  error: unknown;
}

function VerifyButton({ kind, id }: { kind: EmbeddingKind; id: string }) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const { full } = useErrorText();
  const queryClient = useQueryClient();
  const verify = useMutation({
    mutationFn: () => embeddingApi.verify(kind, id),
    onSuccess: async () => {
      await queryClient.invalidateQueries({ queryKey: ['embedding'] });
      message.success(t('embedding.verifiedDone'));
    },
    onError: (error) => message.error(full(error)),
  });
  return (
    <Popconfirm
      title={t('embedding.verifyConfirm')}
      okText={t('embedding.verify')}
      cancelText={t('common.cancel')}
      onConfirm={() => verify.mutateAsync()}
    >
      <Button size="small" icon={<SafetyCertificateOutlined />} loading={verify.isPending} data-testid="verify-button">
        {t('embedding.verify')}
      </Button>
    </Popconfirm>
  );
}

function period(from: string, to: string | null, openEnded: string): string {
  return `${from} – ${to ?? openEnded}`;
}

function useStatusColumns<T extends { id: string; verification: Verification | null }>(
  kind: EmbeddingKind,
  canVerify: boolean,
): ColumnsType<T> {
  const { t } = useTranslation();
  const columns: ColumnsType<T> = [
    {
      title: t('embedding.status'),
      key: 'status',
      width: 100,
      render: (_, item) => <VerificationTag verification={item.verification} />,
    },
  ];
  if (canVerify) {
    columns.push({
      title: t('common.actions'),
      key: 'actions',
      width: 100,
      render: (_, item) => (item.verification ? null : <VerifyButton kind={kind} id={item.id} />),
    });
  }
  return columns;
}

function Block<T extends { id: string }>({
  title,
  columns,
  rows,
  loading,
  onAdd,
  testId,
}: {
  title: string;
  columns: ColumnsType<T>;
  rows: T[];
  loading: boolean;
  onAdd?: () => void;
  testId: string;
}) {
  const { t } = useTranslation();
  return (
    <section className="embedding-block" data-testid={testId}>
      <Flex justify="space-between" align="center" className="embedding-block-head">
        <Typography.Title level={2} className="section-title">
          {title}
        </Typography.Title>
        {onAdd ? (
          <Button size="small" icon={<PlusOutlined />} onClick={onAdd}>
            {t('embedding.add')}
          </Button>
        ) : null}
      </Flex>
      <Table<T>
        rowKey="id"
        size="small"
        columns={columns}
        dataSource={rows}
        loading={loading}
        pagination={false}
        scroll={{ x: 640 }}
        locale={{ emptyText: <span className="muted">{t('embedding.empty')}</span> }}
      />
    </section>
  );
}

export function EmbeddingSection({ org, embedding, loading, error }: Props) {
  const { t } = useTranslation();
  const [declaring, setDeclaring] = useState<DeclareKind | null>(null);
  const canVerify = Boolean(embedding?.viewerCanVerify);
  const canDeclare = !org.archived && (org.viewerCanEdit || canVerify);
  const openEnded = t('embedding.openEnded');
  const none = <span className="muted">—</span>;
  const add = (kind: DeclareKind) => (canDeclare ? () => setDeclaring(kind) : undefined);

  const filingColumns: ColumnsType<Filing> = [
    { title: t('embedding.filing.department'), dataIndex: 'department', key: 'department' },
    { title: t('embedding.filing.filedOn'), dataIndex: 'filedOn', key: 'filedOn', width: 120 },
    {
      title: t('embedding.reference'),
      key: 'reference',
      width: 160,
      render: (_, f): ReactNode => f.reference ?? none,
    },
    ...useStatusColumns<Filing>('filings', canVerify),
  ];
  const agreementColumns: ColumnsType<Agreement> = [
    {
      title: t('embedding.agreement.counterpart'),
      key: 'counterpart',
      render: (_, a) => <OrganizationName id={a.organizationId === org.id ? a.counterpartId : a.organizationId} />,
    },
    {
      title: t('embedding.agreement.type'),
      key: 'type',
      width: 150,
      render: (_, a) => t(`embedding.agreementType.${a.type}`),
    },
    {
      title: t('embedding.agreement.validity'),
      key: 'validity',
      width: 200,
      render: (_, a) => period(a.validFrom, a.validTo, openEnded),
    },
    ...useStatusColumns<Agreement>('agreements', canVerify),
  ];
  const seatColumns: ColumnsType<SeatView> = [
    { title: t('embedding.seat.structure'), dataIndex: 'structure', key: 'structure' },
    {
      title: t('embedding.seat.subsystem'),
      key: 'subsystem',
      width: 100,
      render: (_, s) => t(`embedding.subsystem.${s.subsystem}`),
    },
    {
      title: t('embedding.seat.liaison'),
      key: 'liaison',
      width: 140,
      render: (_, s) => s.liaisonName ?? <span className="muted small">{t('embedding.seat.liaisonHidden')}</span>,
    },
    { title: t('embedding.seat.period'), key: 'period', width: 200, render: (_, s) => period(s.from, s.to, openEnded) },
    ...useStatusColumns<SeatView>('seats', canVerify),
  ];

  return (
    <Card title={t('embedding.section')} className="section-card" data-testid="embedding-section">
      <Typography.Paragraph type="secondary" className="section-intro">
        {t('embedding.intro')}
      </Typography.Paragraph>
      <ErrorAlert error={error} />
      <Block
        title={t('embedding.filings')}
        columns={filingColumns}
        rows={embedding?.filings ?? []}
        loading={loading}
        onAdd={add('filing')}
        testId="filings"
      />
      <Block
        title={t('embedding.agreements')}
        columns={agreementColumns}
        rows={embedding?.agreements ?? []}
        loading={loading}
        onAdd={add('agreement')}
        testId="agreements"
      />
      <Block
        title={t('embedding.seats')}
        columns={seatColumns}
        rows={embedding?.seats ?? []}
        loading={loading}
        onAdd={add('seat')}
        testId="seats"
      />
      <DeclareModal kind={declaring} organizationId={org.id} onClose={() => setDeclaring(null)} />
    </Card>
  );
}
