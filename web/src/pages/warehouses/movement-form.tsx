/**
 * Recording a movement of a warehouse's stock: receive, issue, transfer, adjust or write off.
 * The quantity counts in the item's unit (whole units for indivisible items); a transfer names
 * the warehouse it goes to; adjustments and write-offs say why. A refusal for want of stock
 * says how much there is, on the quantity field.
 */
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { App, Button, Form, Input, InputNumber, Select } from 'antd';
import { useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { MOVEMENT_KINDS } from '../../../../src/model/inventory';
import { findItem } from '../../../../src/model/items';
import { ApiError, incidentsQuery, newIdempotencyKey, warehouseApi } from '../../api';
import { ErrorAlert } from '../../components/error-alert';
import { showFieldError, useErrorText } from '../../error-text';
import type { MovementKind, WarehouseView } from '../../types';
import { useItemText } from './items';

interface Values {
  kind: MovementKind;
  item?: string;
  quantity?: number | null;
  toWarehouseId?: string;
  reason?: string;
  incidentId?: string;
  offerReference?: string;
}

const FIELDS = [['kind'], ['item'], ['quantity'], ['toWarehouseId'], ['reason'], ['incidentId'], ['offerReference']] as const;

/** Other warehouses a transfer may go to, searched by name. */
function TargetPicker({ exclude, value, onChange }: { exclude: string; value?: string; onChange?: (id: string) => void }) {
  const { t } = useTranslation();
  const [text, setText] = useState('');
  const found = useQuery({
    queryKey: ['warehouses', 'target', text],
    queryFn: () => warehouseApi.list({ q: text || undefined, limit: 50 }),
  });
  return (
    <Select
      value={value}
      onChange={onChange}
      showSearch={{ filterOption: false, onSearch: (typed) => setText(typed.trim()) }}
      loading={found.isFetching}
      placeholder={t('warehouses.record.targetPlaceholder')}
      notFoundContent={found.isFetching ? t('common.loading') : t('common.noMatch')}
      options={(found.data?.items ?? [])
        .filter((w) => w.id !== exclude)
        .map((w) => ({ value: w.id, label: `${w.name}（${w.organizationName}）` }))}
    />
  );
}

export function MovementForm({ warehouse }: { warehouse: WarehouseView }) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const { message: errorMessage } = useErrorText();
  const queryClient = useQueryClient();
  const items = useItemText();
  const incidents = useQuery(incidentsQuery('open'));
  const [form] = Form.useForm<Values>();
  const [error, setError] = useState<unknown>(null);
  const [saving, setSaving] = useState(false);
  // One key per movement being entered: a retry after a dropped answer is applied once.
  const key = useRef(newIdempotencyKey());
  const kind = Form.useWatch('kind', form) ?? 'receive';
  const item = Form.useWatch('item', form);
  const divisible = item ? (findItem(item)?.divisible ?? true) : true;
  const needsReason = kind === 'adjust' || kind === 'write_off';
  const required = { required: true, message: t('form.required') };

  const submit = async (values: Values) => {
    if (!values.item || values.quantity == null) return;
    setError(null);
    setSaving(true);
    try {
      const recorded = await warehouseApi.move(
        warehouse.id,
        {
          kind: values.kind,
          item: values.item,
          quantity: values.quantity,
          toWarehouseId: values.kind === 'transfer' ? (values.toWarehouseId ?? null) : null,
          reason: values.reason?.trim() || null,
          incidentId: values.incidentId ?? null,
          offerReference: values.offerReference?.trim() || null,
        },
        key.current,
      );
      key.current = newIdempotencyKey();
      const { movement } = recorded;
      message.success(
        t('warehouses.record.recorded', {
          kind: t(`warehouses.movementKind.${movement.kind}`),
          item: items.name(movement.item),
          quantity: items.quantity(Math.abs(movement.quantity)),
          unit: items.unit(movement.item),
        }),
      );
      form.resetFields(['quantity', 'reason', 'offerReference']);
      await queryClient.invalidateQueries({ queryKey: ['warehouses'] });
      await queryClient.invalidateQueries({ queryKey: ['warehouse'] });
    } catch (failure) {
      // A refusal is an answer: the next try is a new movement.
      if (failure instanceof ApiError && failure.status < 500) key.current = newIdempotencyKey();
      if (failure instanceof ApiError && failure.code === 'insufficient_stock') {
        const available = Number(failure.members.available ?? 0);
        form.setFields([
          {
            name: 'quantity',
            errors: [t('warehouses.insufficient', { available: items.quantity(available), unit: items.unit(values.item) })],
          },
        ]);
      } else if (!showFieldError(form, failure, FIELDS, errorMessage(failure))) {
        setError(failure);
      }
    } finally {
      setSaving(false);
    }
  };

  return (
    <Form<Values>
      form={form}
      name="record-movement"
      layout="vertical"
      initialValues={{ kind: 'receive' }}
      onFinish={submit}
      data-testid="movement-form"
    >
      <ErrorAlert error={error} onClose={() => setError(null)} />
      <Form.Item name="kind" label={t('warehouses.movementKindLabel')} rules={[required]}>
        <Select options={MOVEMENT_KINDS.map((value) => ({ value, label: t(`warehouses.movementKind.${value}`) }))} />
      </Form.Item>
      <Form.Item name="item" label={t('field.item')} rules={[required]}>
        <Select
          showSearch={{ optionFilterProp: 'label' }}
          placeholder={t('warehouses.record.itemPlaceholder')}
          options={items.options}
        />
      </Form.Item>
      <Form.Item
        name="quantity"
        label={t('warehouses.quantity')}
        rules={[required]}
        extra={kind === 'adjust' ? t('warehouses.record.adjustHint') : divisible ? undefined : t('warehouses.record.wholeHint')}
      >
        <InputNumber
          style={{ width: '100%' }}
          min={kind === 'adjust' ? undefined : divisible ? 0.001 : 1}
          precision={divisible ? undefined : 0}
          step={divisible ? 0.5 : 1}
          addonAfter={item ? items.unit(item) : undefined}
        />
      </Form.Item>
      {kind === 'transfer' ? (
        <Form.Item name="toWarehouseId" label={t('field.toWarehouseId')} rules={[required]}>
          <TargetPicker exclude={warehouse.id} />
        </Form.Item>
      ) : null}
      <Form.Item
        name="reason"
        label={t('warehouses.reason')}
        rules={needsReason ? [{ required: true, whitespace: true, message: t('warehouses.record.reasonRequired') }] : []}
      >
        <Input maxLength={1000} placeholder={t('warehouses.record.reasonPlaceholder')} />
      </Form.Item>
      <Form.Item name="incidentId" label={t('warehouses.incident')}>
        <Select
          allowClear
          placeholder={t('warehouses.record.incidentPlaceholder')}
          loading={incidents.isPending}
          options={(incidents.data ?? []).map((incident) => ({ value: incident.id, label: incident.name }))}
        />
      </Form.Item>
      {kind === 'receive' ? (
        <Form.Item name="offerReference" label={t('field.offerReference')}>
          <Input maxLength={64} placeholder={t('warehouses.record.offerReferencePlaceholder')} />
        </Form.Item>
      ) : null}
      <Button type="primary" htmlType="submit" loading={saving} data-testid="movement-submit">
        {t('warehouses.record.submit')}
      </Button>
    </Form>
  );
}
