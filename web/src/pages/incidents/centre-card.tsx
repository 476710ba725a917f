/**
 * The incident's coordination centre (现场协调中心) on the board: whether one runs, where, since
 * when and why, its seats by subsystem with their ICS section and liaison, and the earlier
 * periods; those who command the incident activate it, staff seats and stand it down.
 */
import { ApartmentOutlined, PlusOutlined, PoweroffOutlined } from '@ant-design/icons';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { App, Button, Card, Collapse, Descriptions, Empty, Space, Table, Tag } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { commandApi } from '../../api';
import { ActorName } from '../../components/actor-name';
import { ErrorAlert } from '../../components/error-alert';
import { NoteModal, type NoteRequest } from '../../components/note-modal';
import { OrganizationName } from '../../components/organization-name';
import { useDateTime } from '../../format';
import type { CentreView } from '../../types';
import { ActivateCentreModal, StaffSeatModal } from './centre-forms';
import { boardKey, type LiveMode, pollInterval } from './live-updates';

function Seats({ centre }: { centre: CentreView }) {
  const { t } = useTranslation();
  return (
    <Table
      size="small"
      rowKey="id"
      pagination={false}
      className="centre-seats"
      dataSource={centre.seats}
      columns={[
        { title: t('command.subsystem'), dataIndex: 'subsystem', render: (s: string) => t(`embedding.subsystem.${s}`) },
        { title: t('command.icsSection'), dataIndex: 'icsSection', render: (s: string) => t(`command.ics.${s}`) },
        { title: t('command.staff'), dataIndex: 'organizationId', render: (id: string) => <OrganizationName id={id} /> },
        {
          title: t('command.basis'),
          dataIndex: 'basisKind',
          render: (kind: string) => <Tag>{t(`command.basisKind.${kind}`)}</Tag>,
        },
        {
          title: t('command.liaison'),
          key: 'liaison',
          render: (_: unknown, seat: CentreView['seats'][number]) =>
            seat.personalDataVisible ? (
              <span>
                {seat.liaisonName ?? '—'}
                {seat.liaisonPhone ? (
                  <>
                    {' · '}
                    <a href={`tel:${seat.liaisonPhone}`}>{seat.liaisonPhone}</a>
                  </>
                ) : null}
              </span>
            ) : (
              <span className="muted">{t('command.liaisonHidden')}</span>
            ),
        },
      ]}
    />
  );
}

function Period({ centre }: { centre: CentreView }) {
  const { t } = useTranslation();
  const dateTime = useDateTime();
  return (
    <>
      <Descriptions size="small" column={{ xs: 1, md: 2 }}>
        <Descriptions.Item label={t('command.activatedAt')}>
          {dateTime(centre.activatedAt)} · <ActorName id={centre.activatedBy} />
        </Descriptions.Item>
        {centre.location ? <Descriptions.Item label={t('command.location')}>{centre.location}</Descriptions.Item> : null}
        <Descriptions.Item label={t('command.activationReason')}>{centre.activationReason}</Descriptions.Item>
        {centre.stoodDownAt ? (
          <Descriptions.Item label={t('command.stoodDownAt')}>
            {dateTime(centre.stoodDownAt)} · {centre.stoodDownBy ? <ActorName id={centre.stoodDownBy} /> : null} ·{' '}
            {centre.standDownReason}
          </Descriptions.Item>
        ) : null}
      </Descriptions>
      <Seats centre={centre} />
    </>
  );
}

export function CentreCard({ incidentId, live }: { incidentId: string; live: LiveMode }) {
  const { t } = useTranslation();
  const dateTime = useDateTime();
  const { message: toast } = App.useApp();
  const queryClient = useQueryClient();
  const [modal, setModal] = useState<'activate' | 'seat' | null>(null);
  const [note, setNote] = useState<NoteRequest | null>(null);
  const centres = useQuery({
    queryKey: [...boardKey(incidentId), 'centre'],
    queryFn: () => commandApi.centres(incidentId),
    refetchInterval: pollInterval(live),
  });
  const data = centres.data;
  const active = data?.active ?? null;

  const standDown = () =>
    setNote({
      title: t('command.standDownTitle'),
      label: t('command.reason'),
      required: true,
      danger: true,
      okText: t('command.standDown'),
      run: async (reason) => {
        await commandApi.standDown(incidentId, reason);
        await queryClient.invalidateQueries({ queryKey: boardKey(incidentId) });
        toast.success(t('command.stoodDown'));
      },
    });

  const actions = data?.viewerCanCommand
    ? active
      ? [
          <Button key="seat" icon={<PlusOutlined />} onClick={() => setModal('seat')} data-testid="centre-add-seat">
            {t('command.addSeat')}
          </Button>,
          <Button key="down" danger icon={<PoweroffOutlined />} onClick={standDown} data-testid="centre-stand-down">
            {t('command.standDown')}
          </Button>,
        ]
      : [
          <Button
            key="up"
            type="primary"
            icon={<ApartmentOutlined />}
            onClick={() => setModal('activate')}
            data-testid="centre-activate"
          >
            {t('command.activate')}
          </Button>,
        ]
    : [];

  return (
    <Card
      className="section-card centre-card"
      size="small"
      data-testid="centre-card"
      title={
        <Space>
          {t('command.centre')}
          {active ? <Tag color="red">{t('command.running')}</Tag> : <Tag>{t('command.notRunning')}</Tag>}
        </Space>
      }
      extra={<Space wrap>{actions}</Space>}
    >
      {centres.error ? <ErrorAlert error={centres.error} /> : null}
      {active ? <Period centre={active} /> : <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t('command.noCentre')} />}
      {data?.past.length ? (
        <Collapse
          ghost
          size="small"
          items={data.past.map((c) => ({
            key: c.id,
            label: t('command.pastPeriod', { from: dateTime(c.activatedAt), to: c.stoodDownAt ? dateTime(c.stoodDownAt) : '' }),
            children: <Period centre={c} />,
          }))}
        />
      ) : null}
      <ActivateCentreModal incidentId={incidentId} open={modal === 'activate'} onClose={() => setModal(null)} />
      <StaffSeatModal incidentId={incidentId} open={modal === 'seat'} onClose={() => setModal(null)} />
      <NoteModal request={note} onClose={() => setNote(null)} />
    </Card>
  );
}
