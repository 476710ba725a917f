/**
 * An organization's people, or a coordinator for it, record what the organization offers.
 * Goods nobody asks for now, or marked not needed, are kept only with a reason: the form asks
 * for one up front when the lists say so, and turns the server's 422 not_needed into that
 * question when they did not.
 */
import { useQueryClient } from '@tanstack/react-query';
import { Alert, App, Checkbox, Form, Input, InputNumber, Segmented, Select } from 'antd';
import { useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { OFFER_KINDS } from '../../../../src/model/offer';
import { newIdempotencyKey, offerApi } from '../../api';
import { FormModal, useFormSubmit } from '../../components/form-modal';
import { useItemOptions, useItemWords, useQuantityText } from '../../components/item-words';
import { JurisdictionCascader } from '../../components/jurisdiction-cascader';
import { NotNeededAlert, type NotNeededProblem, notNeededOf } from '../../components/not-needed-alert';
import { OFFER_FIELDS, type OfferValues, offerBody } from '../../components/offer-body';
import { OrganizationPicker } from '../../components/organization-picker';
import { useCapabilities } from '../../session';
import type { IncidentDetail, NeededNow } from '../../types';
import { resourcesKey } from './live-updates';

interface Values extends OfferValues {
  organizationId?: string | null;
  raisedPublicly?: boolean;
  reason?: string;
}

const FIELDS = [...OFFER_FIELDS, ['organizationId'], ['raisedPublicly'], ['reason']] as const;

export function RecordOfferModal({
  incident,
  needed,
  open,
  onClose,
}: {
  incident: IncidentDetail;
  needed: NeededNow | undefined;
  open: boolean;
  onClose: () => void;
}) {
  const { t } = useTranslation();
  const { message: toast } = App.useApp();
  const may = useCapabilities();
  const queryClient = useQueryClient();
  const words = useItemWords();
  const quantity = useQuantityText();
  const options = useItemOptions();
  const [form] = Form.useForm<Values>();
  const [refused, setRefused] = useState<{ item: string; problem: NotNeededProblem } | null>(null);
  // One key per filled-in form: a retried submit (lost answer) never records twice.
  const idempotencyKey = useRef(newIdempotencyKey());
  const submission = useFormSubmit(form, FIELDS, () => {
    idempotencyKey.current = newIdempotencyKey();
    setRefused(null);
    onClose();
  });
  const kind = Form.useWatch('kind', form) ?? 'goods';
  const item = Form.useWatch('item', form);
  const goods = kind === 'goods';
  const money = kind === 'money';
  const unit = words(item).unit;
  const whole = words(item).item?.divisible === false;
  const openNeed = (needed?.needed ?? []).find((n) => n.item === item && n.quantity > 0);
  const marked = needed?.notNeeded.find((n) => n.item === item);
  // The lists say so already, or the server did: goods not needed now need a reason.
  const askReason =
    goods && Boolean(item) && (refused?.item === item || (needed !== undefined && (!openNeed || Boolean(marked))));
  const required = { required: true, message: t('form.required') };

  const submit = async (values: Values) => {
    const { jurisdiction, organizationId } = values;
    if (!jurisdiction || !organizationId) return;
    setRefused(null);
    await submission.run(async () => {
      try {
        await offerApi.record(
          incident.id,
          {
            ...offerBody({ ...values, jurisdiction }, null),
            organizationId,
            reason: askReason ? values.reason?.trim() || null : null,
            raisedPublicly: values.kind === 'money' ? values.raisedPublicly === true : undefined,
          },
          idempotencyKey.current,
        );
      } catch (failure) {
        const notNeeded = notNeededOf(failure);
        if (notNeeded && values.item) {
          setRefused({ item: values.item, problem: notNeeded });
          return;
        }
        throw failure;
      }
      await queryClient.invalidateQueries({ queryKey: resourcesKey(incident.id) });
      toast.success(t('resources.recorded'));
      submission.close();
    });
  };

  return (
    <FormModal
      form={form}
      submission={submission}
      open={open}
      title={t('resources.recordTitle')}
      okText={t('resources.recordSubmit')}
      width={680}
    >
      <Form<Values>
        form={form}
        name="record-offer"
        layout="vertical"
        initialValues={{
          kind: 'goods',
          organizationId: may.fieldOrganizationId ?? undefined,
          jurisdiction: incident.jurisdictions.length === 1 ? incident.jurisdictions[0] : undefined,
        }}
        onFinish={submit}
      >
        <Form.Item name="organizationId" label={t('resources.organization')} rules={[required]}>
          <OrganizationPicker />
        </Form.Item>
        <Form.Item name="kind" label={t('resources.kind')}>
          <Segmented options={OFFER_KINDS.map((k) => ({ value: k, label: t(`offer.kind.${k}`) }))} />
        </Form.Item>
        {goods ? (
          <div className="form-row">
            <Form.Item
              name="item"
              label={t('resources.item')}
              rules={[required]}
              extra={openNeed ? t('offer.stillNeeded', { quantity: quantity(openNeed.quantity, openNeed.item) }) : undefined}
            >
              <Select showSearch={{ optionFilterProp: 'label' }} options={options} placeholder={t('form.choose')} />
            </Form.Item>
            <Form.Item name="quantity" label={t('resources.quantity')} rules={[required]}>
              <InputNumber
                min={whole ? 1 : 0.001}
                max={10_000_000}
                precision={whole ? 0 : 3}
                suffix={unit || undefined}
                className="full-width"
              />
            </Form.Item>
          </div>
        ) : null}
        {money ? (
          <div className="form-row">
            <Form.Item name="amountYuan" label={t('give.amount')} rules={[required]}>
              <InputNumber min={0.01} max={1_000_000_000} precision={2} suffix={t('give.yuan')} className="full-width" />
            </Form.Item>
            <Form.Item name="raisedPublicly" valuePropName="checked" label=" " colon={false}>
              <Checkbox>{t('resources.raisedPublicly')}</Checkbox>
            </Form.Item>
          </div>
        ) : null}
        {refused && refused.item === item ? (
          <NotNeededAlert item={refused.item} problem={refused.problem} notNeeded={needed?.notNeeded}>
            <div className="strong">{t('resources.giveReason')}</div>
          </NotNeededAlert>
        ) : askReason ? (
          <Alert
            type="info"
            showIcon
            className="form-alert"
            title={marked ? t('resources.markedHint', { reason: marked.reason }) : t('resources.notOpenHint')}
          />
        ) : null}
        {askReason ? (
          <Form.Item
            name="reason"
            label={t('resources.unwantedReason')}
            rules={[{ required: true, whitespace: true, message: t('resources.reasonRequired') }]}
            className="top-gap"
          >
            <Input.TextArea maxLength={500} rows={2} placeholder={t('resources.unwantedReasonPlaceholder')} />
          </Form.Item>
        ) : null}
        <Form.Item
          name="note"
          label={goods || money ? t('give.note') : t(`give.describe.${kind}`)}
          rules={goods || money ? [] : [{ required: true, whitespace: true, message: t('give.describeRequired') }]}
        >
          <Input.TextArea maxLength={2000} autoSize={{ minRows: 2, maxRows: 5 }} />
        </Form.Item>
        <Form.Item name="jurisdiction" label={money ? t('give.fromWhere') : t('resources.where')} rules={[required]}>
          <JurisdictionCascader />
        </Form.Item>
        {money ? null : (
          <div className="form-row">
            <Form.Item name="availableFrom" label={t('give.availableFrom')}>
              <Input type="date" />
            </Form.Item>
            <Form.Item name="availableUntil" label={t('give.availableUntil')}>
              <Input type="date" />
            </Form.Item>
          </div>
        )}
        <Form.Item name="conditions" label={t('give.conditions')}>
          <Input maxLength={500} />
        </Form.Item>
        <div className="form-row">
          <Form.Item name="donorName" label={t('resources.contactName')}>
            <Input maxLength={100} autoComplete="off" />
          </Form.Item>
          <Form.Item name="donorPhone" label={t('resources.contactPhone')}>
            <Input type="tel" maxLength={30} autoComplete="off" />
          </Form.Item>
        </div>
      </Form>
    </FormModal>
  );
}
