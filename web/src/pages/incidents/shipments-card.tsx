/**
 * The board's shipments (发运): what committed plans sent, from which warehouse or organization
 * to which need, and where each is now. Those the server lets move a shipment (the carrying
 * organization, the incident's coordinators: `viewerCanMove`) mark it in transit, delivered with
 * the quantity the receiver counted, or lost / returned with a reason.
 */
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { App, Button, Card, Empty, Flex, Form, InputNumber, Modal, Table, Tag, Typography } from 'antd';
import type { ColumnsType } from 'antd/es/table';
import { useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { SHIPMENT_TRANSITIONS } from '../../../../src/model/allocation';
import { allocationApi, newIdempotencyKey } from '../../api';
import { ErrorAlert } from '../../components/error-alert';
import { useItemWords, useQuantityText } from '../../components/item-words';
import { NoteModal, type NoteRequest } from '../../components/note-modal';
import { useDateTime, useShortDateTime } from '../../format';
import type { IncidentDetail, ShipmentStatus, ShipmentStep, ShipmentView } from '../../types';
import { boardKey, type LiveMode, pollInterval, resourcesKey } from './live-updates';

const STATUS_COLORS: Record<ShipmentStatus, string> = {
  dispatched: 'blue',
  in_transit: 'processing',
  delivered: 'green',
  lost: 'red',
  returned: 'orange',
};

/** The delivery dialog: the receiver counts what arrived, the quantity sent unless they say less. */
function DeliverModal({
  shipment,
  onClose,
  onDeliver,
}: {
  shipment: ShipmentView | null;
  onClose: () => void;
  onDeliver: (shipment: ShipmentView, quantity: number) => Promise<void>;
}) {
  const { t } = useTranslation();
  const words = useItemWords();
  const quantity = useQuantityText();
  const [form] = Form.useForm<{ quantity: number }>();
  const [error, setError] = useState<unknown>(null);
  const [busy, setBusy] = useState(false);
  const unit = shipment ? words(shipment.item).unit : '';

  const submit = async ({ quantity: received }: { quantity: number }) => {
    if (!shipment) return;
    setError(null);
    setBusy(true);
    try {
      await onDeliver(shipment, received);
      onClose();
    } catch (failure) {
      setError(failure);
    } finally {
      setBusy(false);
    }
  };

  return (
    <Modal
      open={shipment !== null}
      title={t('shipments.deliverTitle')}
      okText={t('shipments.deliverSubmit')}
      cancelText={t('common.cancel')}
      onOk={() => form.submit()}
      confirmLoading={busy}
      onCancel={() => {
        setError(null);
        onClose();
      }}
      destroyOnHidden
    >
      <Form<{ quantity: number }>
        form={form}
        name="deliver-shipment"
        layout="vertical"
        onFinish={submit}
        preserve={false}
        initialValues={{ quantity: shipment?.quantity }}
      >
        <ErrorAlert error={error} detail onClose={() => setError(null)} />
        {shipment ? (
          <Typography.Paragraph type="secondary">
            {t('shipments.deliverIntro', {
              item: words(shipment.item).name,
              quantity: quantity(shipment.quantity, shipment.item),
              need: shipment.needTitle,
            })}
          </Typography.Paragraph>
        ) : null}
        <Form.Item
          name="quantity"
          label={t('shipments.receivedLabel', { unit })}
          extra={t('shipments.receivedHint')}
          rules={[{ required: true, message: t('form.required') }]}
        >
          <InputNumber min={0} max={shipment?.quantity} precision={0} style={{ width: 200 }} autoFocus />
        </Form.Item>
      </Form>
    </Modal>
  );
}

export function ShipmentsCard({ incident, live }: { incident: IncidentDetail; live: LiveMode }) {
  const { t } = useTranslation();
  const { message: toast } = App.useApp();
  const queryClient = useQueryClient();
  const words = useItemWords();
  const quantity = useQuantityText();
  const dateTime = useDateTime();
  const shortTime = useShortDateTime();
  const [delivering, setDelivering] = useState<ShipmentView | null>(null);
  const [note, setNote] = useState<NoteRequest | null>(null);
  const [moving, setMoving] = useState<string | null>(null);
  const [error, setError] = useState<unknown>(null);
  // One key per step being taken: a retry after a dropped answer moves the shipment once.
  const stepKey = useRef(newIdempotencyKey());

  const shipments = useQuery({
    queryKey: [...resourcesKey(incident.id), 'shipments'],
    queryFn: () => allocationApi.shipments(incident.id),
    refetchInterval: pollInterval(live),
  });
  const rows = shipments.data ?? [];

  const move = async (shipment: ShipmentView, step: ShipmentStep) => {
    const moved = await allocationApi.move(shipment.id, step, stepKey.current);
    stepKey.current = newIdempotencyKey();
    // Delivery and losses change the need as well: the whole board.
    await queryClient.invalidateQueries({ queryKey: boardKey(incident.id) });
    toast.success(t('shipments.moved', { status: t(`shipments.status.${moved.status}`) }));
  };

  const inTransit = async (shipment: ShipmentView) => {
    setError(null);
    setMoving(shipment.id);
    try {
      await move(shipment, { to: 'in_transit' });
    } catch (failure) {
      setError(failure);
    } finally {
      setMoving(null);
    }
  };

  const withReason = (shipment: ShipmentView, to: 'lost' | 'returned') =>
    setNote({
      title: t(`shipments.${to}Title`),
      label: t('shipments.reason'),
      intro: t(`shipments.${to}Intro`),
      required: true,
      danger: to === 'lost',
      maxLength: 1000,
      okText: t(`shipments.${to}Submit`),
      run: (reason) => move(shipment, { to, reason }),
    });

  const columns: ColumnsType<ShipmentView> = [
    {
      title: t('shipments.statusLabel'),
      key: 'status',
      width: 120,
      render: (_, s) => (
        <div>
          <Tag color={STATUS_COLORS[s.status]} data-testid="shipment-status">
            {t(`shipments.status.${s.status}`)}
          </Tag>
          {s.reason ? <div className="muted small">{s.reason}</div> : null}
        </div>
      ),
    },
    {
      title: t('shipments.item'),
      key: 'item',
      width: 170,
      render: (_, s) => <span className="strong">{words(s.item).name}</span>,
    },
    {
      title: t('shipments.quantity'),
      key: 'quantity',
      width: 140,
      render: (_, s) => (
        <Flex vertical>
          <span>{quantity(s.quantity, s.item)}</span>
          {s.receivedQuantity !== null ? (
            <Typography.Text type={s.receivedQuantity < s.quantity ? 'warning' : 'secondary'} className="small">
              {t('shipments.received', { quantity: quantity(s.receivedQuantity, s.item) })}
            </Typography.Text>
          ) : null}
        </Flex>
      ),
    },
    {
      title: t('shipments.from'),
      key: 'from',
      width: 200,
      render: (_, s) => (
        <div>
          {s.warehouseName ?? s.organizationName ?? '—'}
          {s.warehouseName && s.organizationName ? <div className="muted small">{s.organizationName}</div> : null}
        </div>
      ),
    },
    {
      title: t('shipments.to'),
      key: 'to',
      render: (_, s) => s.needTitle || '—',
    },
    {
      title: t('shipments.updatedAt'),
      key: 'updatedAt',
      width: 110,
      render: (_, s) => (
        <time dateTime={s.updatedAt} title={dateTime(s.updatedAt)} className="small">
          {shortTime(s.updatedAt)}
        </time>
      ),
    },
    {
      title: t('common.actions'),
      key: 'actions',
      width: 230,
      render: (_, s) => {
        if (!s.viewerCanMove) return null;
        const next = SHIPMENT_TRANSITIONS[s.status];
        return (
          <Flex gap={4} wrap>
            {next.includes('in_transit') ? (
              <Button size="small" loading={moving === s.id} onClick={() => inTransit(s)} data-testid="shipment-in-transit">
                {t('shipments.toInTransit')}
              </Button>
            ) : null}
            {next.includes('delivered') ? (
              <Button size="small" type="primary" onClick={() => setDelivering(s)} data-testid="shipment-delivered">
                {t('shipments.toDelivered')}
              </Button>
            ) : null}
            {next.includes('lost') ? (
              <Button size="small" danger onClick={() => withReason(s, 'lost')} data-testid="shipment-lost">
                {t('shipments.toLost')}
              </Button>
            ) : null}
            {next.includes('returned') ? (
              <Button size="small" onClick={() => withReason(s, 'returned')} data-testid="shipment-returned">
                {t('shipments.toReturned')}
              </Button>
            ) : null}
          </Flex>
        );
      },
    },
  ];

  return (
    <Card className="section-card table-card" title={t('shipments.title')} data-testid="shipments-card">
      <ErrorAlert error={error ?? shipments.error} detail onClose={error ? () => setError(null) : undefined} />
      <Table<ShipmentView>
        rowKey="id"
        size="middle"
        columns={columns}
        dataSource={rows}
        loading={shipments.isPending}
        pagination={rows.length > 50 ? { pageSize: 50, showSizeChanger: false } : false}
        scroll={{ x: 1000 }}
        rowClassName={(s) => (s.status === 'lost' || s.status === 'returned' ? 'row-muted' : '')}
        locale={{ emptyText: <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t('shipments.empty')} /> }}
        data-testid="shipments-table"
      />
      <DeliverModal
        shipment={delivering}
        onClose={() => setDelivering(null)}
        onDeliver={(s, received) => move(s, { to: 'delivered', quantity: received })}
      />
      <NoteModal request={note} onClose={() => setNote(null)} />
    </Card>
  );
}
