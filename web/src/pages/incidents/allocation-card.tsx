/**
 * The board's allocation plan (调配方案), for the incident's coordinators: the platform proposes
 * how the supplies held now (warehouse stock, goods organizations offered and hold) serve the
 * open needs for goods; the coordinator changes quantities or drops lines and saves (the server
 * holds the plan to what is open and held, and says which line breaks a rule), then commits it
 * (each line becomes a shipment) or discards it.
 */
import { DeleteOutlined, NodeIndexOutlined } from '@ant-design/icons';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import {
  Alert,
  App,
  Button,
  Card,
  Col,
  Descriptions,
  Empty,
  Flex,
  InputNumber,
  Modal,
  Popconfirm,
  Row,
  Table,
  Tag,
  Typography,
} from 'antd';
import type { ColumnsType } from 'antd/es/table';
import { useEffect, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { findItem } from '../../../../src/model/items';
import { URGENCIES } from '../../../../src/model/need';
import { allocationApi, newIdempotencyKey } from '../../api';
import { ErrorAlert } from '../../components/error-alert';
import { UrgencyTag } from '../../components/incident-tags';
import { useItemWords, useNumber, useQuantityText } from '../../components/item-words';
import { useShortDateTime } from '../../format';
import type { AllocationLine, AllocationPlan, IncidentDetail, PlanStatus, Urgency } from '../../types';
import { AllocationFlowMap } from './allocation-flow-map';
import { boardKey, type LiveMode, pollInterval, resourcesKey } from './live-updates';

const STATUS_COLORS: Record<PlanStatus, string> = { proposed: 'blue', committed: 'green', discarded: 'default' };

const lineKey = (line: { needId: string; supplyKey: string }) => `${line.needId}|${line.supplyKey}`;
const isUrgency = (value: string): value is Urgency => (URGENCIES as readonly string[]).includes(value);

/** Why a proposed plan allocates nothing, from its per-item totals. */
function emptyReason(plan: AllocationPlan): 'noNeeds' | 'noSupplies' | 'noMatch' {
  const open = plan.items.reduce((sum, i) => sum + i.open, 0);
  const available = plan.items.reduce((sum, i) => sum + i.available, 0);
  if (open === 0) return 'noNeeds';
  if (available === 0) return 'noSupplies';
  return 'noMatch';
}

export function AllocationCard({ incident, live }: { incident: IncidentDetail; live: LiveMode }) {
  const { t } = useTranslation();
  const { message: toast } = App.useApp();
  const queryClient = useQueryClient();
  const words = useItemWords();
  const quantity = useQuantityText();
  const number = useNumber();
  const shortTime = useShortDateTime();
  const [proposing, setProposing] = useState(false);
  const [saving, setSaving] = useState(false);
  const [committing, setCommitting] = useState(false);
  const [confirming, setConfirming] = useState(false);
  const [error, setError] = useState<unknown>(null);
  const [rows, setRows] = useState<AllocationLine[]>([]);
  const commitKey = useRef(newIdempotencyKey());
  const open = incident.stage !== 'closed';

  const plans = useQuery({
    queryKey: [...resourcesKey(incident.id), 'plans'],
    queryFn: () => allocationApi.plans(incident.id),
    refetchInterval: pollInterval(live),
  });
  const latestId = plans.data?.[0]?.id;
  const plan = useQuery({
    queryKey: [...resourcesKey(incident.id), 'plan', latestId],
    queryFn: () => allocationApi.plan(latestId as string),
    enabled: latestId !== undefined,
    refetchInterval: pollInterval(live),
  });
  const current = latestId ? plan.data : undefined;
  const editable = open && current?.status === 'proposed';

  // The lines being edited start from the plan as the server has it, again whenever it changes —
  // unless the coordinator is changing them: then the edits stay and the card says the plan moved on.
  const [base, setBase] = useState<AllocationPlan | undefined>(undefined);
  const differs = (lines: readonly AllocationLine[], from: readonly AllocationLine[]) =>
    lines.length !== from.length || lines.some((row, i) => row.quantity !== from[i]?.quantity);
  const edited = base !== undefined && differs(rows, base.lines);
  const editedRef = useRef(edited);
  editedRef.current = edited;
  const rowsRef = useRef(rows);
  rowsRef.current = rows;
  const reload = () => {
    setBase(current);
    setRows(current?.lines ?? []);
  };
  // biome-ignore lint/correctness/useExhaustiveDependencies: only a new answer from the server resets the lines
  useEffect(() => {
    // Edits of this plan that the server does not have yet stay (a save's own answer matches them).
    if (editedRef.current && base?.id === current?.id && current && differs(rowsRef.current, current.lines)) return;
    reload();
  }, [current]);
  const dirty = current !== undefined && edited;
  /** Someone else changed the plan while these edits were made. */
  const overtaken =
    dirty &&
    base !== undefined &&
    current !== undefined &&
    (base.updatedAt !== current.updatedAt ||
      differs(current.lines, base.lines) ||
      current.lines.some((l, i) => l.needId !== base.lines[i]?.needId || l.supplyKey !== base.lines[i]?.supplyKey));

  const refresh = async (all = false) => {
    await queryClient.invalidateQueries({ queryKey: all ? boardKey(incident.id) : resourcesKey(incident.id) });
  };

  const act = async (run: () => Promise<void>, busy: (on: boolean) => void) => {
    setError(null);
    busy(true);
    try {
      await run();
    } catch (failure) {
      setError(failure);
    } finally {
      busy(false);
    }
  };

  const propose = () =>
    act(async () => {
      const made = await allocationApi.propose(incident.id);
      queryClient.setQueryData([...resourcesKey(incident.id), 'plan', made.id], made);
      await refresh();
      toast.success(
        made.lines.length > 0 ? t('allocation.proposed', { count: made.lines.length }) : t('allocation.proposedEmpty'),
      );
    }, setProposing);

  const save = () =>
    act(async () => {
      if (!current) return;
      const saved = await allocationApi.edit(
        current.id,
        rows.map((row) => ({ needId: row.needId, supplyId: row.supplyKey, quantity: row.quantity })),
      );
      queryClient.setQueryData([...resourcesKey(incident.id), 'plan', saved.id], saved);
      await refresh();
      toast.success(t('allocation.saved'));
    }, setSaving);

  const discard = () =>
    act(async () => {
      if (!current) return;
      await allocationApi.discard(current.id);
      await refresh();
      toast.success(t('allocation.discarded'));
    }, setSaving);

  const commit = () =>
    act(async () => {
      if (!current) return;
      const { shipments } = await allocationApi.commit(current.id, commitKey.current);
      commitKey.current = newIdempotencyKey();
      setConfirming(false);
      // The needs are claimed now: the whole board changes, not only this tab.
      await refresh(true);
      toast.success(t('allocation.committed', { count: shipments.length }));
    }, setCommitting);

  const setQuantity = (line: AllocationLine, value: number | null) =>
    setRows((list) => list.map((row) => (lineKey(row) === lineKey(line) ? { ...row, quantity: value ?? 0 } : row)));
  const remove = (line: AllocationLine) => setRows((list) => list.filter((row) => lineKey(row) !== lineKey(line)));

  const columns: ColumnsType<AllocationLine> = [
    {
      title: t('allocation.need'),
      key: 'need',
      render: (_, line) => (
        <Flex gap={4} align="center" wrap>
          {isUrgency(line.urgency) ? <UrgencyTag urgency={line.urgency} /> : null}
          <span className="strong">{line.needTitle || line.needId}</span>
        </Flex>
      ),
    },
    {
      title: t('allocation.supply'),
      key: 'supply',
      width: 220,
      render: (_, line) => (
        <div>
          <Tag>{t(`allocation.supplyKind.${line.supplyKind}`)}</Tag>
          {line.supplyKind === 'warehouse' ? (line.supplyLabel ?? line.warehouseId) : (line.organizationName ?? '—')}
          {line.supplyKind === 'warehouse' && line.organizationName ? (
            <div className="muted small">{line.organizationName}</div>
          ) : null}
        </div>
      ),
    },
    {
      title: t('allocation.item'),
      key: 'item',
      width: 170,
      render: (_, line) => words(line.item).name,
    },
    {
      title: t('allocation.quantity'),
      key: 'quantity',
      width: 170,
      render: (_, line) =>
        editable ? (
          <InputNumber
            size="small"
            min={findItem(line.item)?.divisible ? 0.001 : 1}
            precision={findItem(line.item)?.divisible ? undefined : 0}
            value={line.quantity}
            onChange={(value) => setQuantity(line, value)}
            addonAfter={words(line.item).unit}
            aria-label={t('allocation.quantityOf', { need: line.needTitle, item: words(line.item).name })}
            style={{ width: 140 }}
            data-testid="allocation-quantity"
          />
        ) : (
          <span>
            {quantity(line.committedQuantity, line.item)}
            {line.committedQuantity !== line.quantity ? (
              <div className="muted small">{t('allocation.rounded', { quantity: number(line.quantity) })}</div>
            ) : null}
          </span>
        ),
    },
    {
      title: t('allocation.distance'),
      key: 'distance',
      width: 100,
      align: 'right',
      render: (_, line) => t('allocation.km', { km: number(Math.round(line.distanceKm * 10) / 10) }),
    },
    ...(editable
      ? [
          {
            title: t('common.actions'),
            key: 'actions',
            width: 70,
            render: (_: unknown, line: AllocationLine) => (
              <Button
                size="small"
                type="text"
                danger
                icon={<DeleteOutlined />}
                onClick={() => remove(line)}
                aria-label={t('allocation.remove')}
                title={t('allocation.remove')}
                data-testid="allocation-remove"
              />
            ),
          },
        ]
      : []),
  ];

  const empty = () => {
    if (!current) return t('allocation.none');
    if (current.status !== 'proposed') return t('allocation.noLines');
    return t(`allocation.empty.${emptyReason(current)}`, { km: number(current.maxDistanceKm) });
  };

  const actions = current && editable && (
    <Flex gap={8} wrap justify="flex-end" className="table-summary">
      {dirty ? (
        <Button onClick={reload} disabled={saving}>
          {t('allocation.undo')}
        </Button>
      ) : null}
      <Button onClick={save} disabled={!dirty} loading={saving} data-testid="plan-save">
        {t('allocation.save')}
      </Button>
      <Popconfirm
        title={t('allocation.discardConfirm')}
        onConfirm={discard}
        okText={t('allocation.discard')}
        okButtonProps={{ danger: true }}
      >
        <Button danger disabled={saving} data-testid="plan-discard">
          {t('allocation.discard')}
        </Button>
      </Popconfirm>
      <Button
        type="primary"
        onClick={() => setConfirming(true)}
        disabled={dirty || current.lines.length === 0}
        title={dirty ? t('allocation.saveFirst') : undefined}
        data-testid="plan-commit"
      >
        {t('allocation.commit')}
      </Button>
    </Flex>
  );

  return (
    <Card
      className="section-card table-card"
      title={t('allocation.title')}
      data-testid="allocation-card"
      extra={
        open ? (
          <Button
            type={current?.status === 'proposed' ? 'default' : 'primary'}
            icon={<NodeIndexOutlined />}
            loading={proposing}
            onClick={propose}
            data-testid="propose-plan"
          >
            {t('allocation.propose')}
          </Button>
        ) : null
      }
    >
      <ErrorAlert
        error={confirming ? null : (error ?? plans.error ?? plan.error)}
        detail
        onClose={error ? () => setError(null) : undefined}
      />
      {current ? (
        <Descriptions size="small" column={{ xs: 1, md: 4 }} className="table-summary" data-testid="plan-summary">
          <Descriptions.Item label={t('allocation.status')}>
            <Tag color={STATUS_COLORS[current.status]} data-testid="plan-status">
              {t(`allocation.planStatus.${current.status}`)}
            </Tag>
          </Descriptions.Item>
          <Descriptions.Item label={t('allocation.score')}>
            {current.score === null ? (
              <Typography.Text type="secondary" data-testid="plan-score" title={t('allocation.scoreWithheld')}>
                — <span className="small">{t('allocation.scoreWithheld')}</span>
              </Typography.Text>
            ) : (
              <span data-testid="plan-score">{number(Math.round(current.score * 100) / 100)}</span>
            )}
            {current.upperBound !== null && current.status === 'proposed' ? (
              <Typography.Text type="secondary" className="small">
                {' '}
                {t('allocation.bound', { bound: number(Math.round(current.upperBound * 100) / 100) })}
              </Typography.Text>
            ) : null}
          </Descriptions.Item>
          <Descriptions.Item label={t('allocation.range')}>
            {t('allocation.km', { km: number(current.maxDistanceKm) })}
          </Descriptions.Item>
          <Descriptions.Item label={current.decidedAt ? t('allocation.decidedAt') : t('allocation.createdAt')}>
            {shortTime(current.decidedAt ?? current.createdAt)}
          </Descriptions.Item>
        </Descriptions>
      ) : null}
      {current && current.items.length > 0 ? (
        <Flex wrap gap={12} className="table-summary small muted" data-testid="plan-items">
          {current.items.map((i) => (
            <span key={i.item}>
              {t('allocation.itemTotals', {
                item: words(i.item).name,
                allocated: quantity(i.allocated, i.item),
                open: quantity(i.open, i.item),
                available: quantity(i.available, i.item),
              })}
            </span>
          ))}
        </Flex>
      ) : null}
      {overtaken ? (
        <Alert
          type="warning"
          showIcon
          className="table-summary"
          title={t('allocation.overtaken')}
          action={
            <Button size="small" onClick={reload} data-testid="plan-reload">
              {t('allocation.reload')}
            </Button>
          }
          data-testid="plan-overtaken"
        />
      ) : dirty ? (
        <Alert type="info" showIcon className="table-summary" title={t('allocation.unsaved')} />
      ) : null}
      <Row gutter={[16, 12]}>
        <Col xs={24} xxl={rows.some((row) => row.needAt && row.supplyAt) ? 15 : 24}>
          <Table<AllocationLine>
            rowKey={lineKey}
            size="middle"
            columns={columns}
            dataSource={rows}
            loading={plans.isPending || (latestId !== undefined && plan.isPending)}
            pagination={rows.length > 50 ? { pageSize: 50, showSizeChanger: false } : false}
            scroll={{ x: 860 }}
            locale={{ emptyText: <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={empty()} /> }}
            data-testid="allocation-table"
          />
        </Col>
        {rows.some((row) => row.needAt && row.supplyAt) ? (
          // Beside the table on a wide screen; under it, no wider than the drawn map's own size, elsewhere.
          <Col xs={24} xxl={9} style={{ maxWidth: 640 }}>
            <AllocationFlowMap
              lines={rows}
              label={(line) =>
                `${line.supplyLabel ?? line.organizationName ?? ''} → ${line.needTitle} · ${quantity(line.quantity, line.item)}`
              }
            />
          </Col>
        ) : null}
      </Row>
      {actions}
      <Modal
        open={confirming}
        title={t('allocation.commitTitle')}
        okText={t('allocation.commitSubmit')}
        cancelText={t('common.cancel')}
        onOk={commit}
        confirmLoading={committing}
        onCancel={() => setConfirming(false)}
        destroyOnHidden
      >
        <ErrorAlert error={confirming ? error : null} detail />
        <Typography.Paragraph>{t('allocation.commitIntro', { count: current?.lines.length ?? 0 })}</Typography.Paragraph>
        <Typography.Paragraph type="secondary">{t('allocation.commitWhole')}</Typography.Paragraph>
      </Modal>
    </Card>
  );
}
