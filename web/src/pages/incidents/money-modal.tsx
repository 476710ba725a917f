/**
 * An organization's people record money moving for the incident: money received (against a
 * donor's money pledge when opened from its row, else directly) or money disbursed for a
 * purpose. The server refuses more than is still pledged (exceeds_pledge) or held
 * (insufficient_funds), naming the amount; the form shows its message.
 */
import { useQueryClient } from '@tanstack/react-query';
import { App, Checkbox, Form, Input, InputNumber, Segmented } from 'antd';
import { useRef } from 'react';
import { useTranslation } from 'react-i18next';
import { moneyApi, newIdempotencyKey } from '../../api';
import { FormModal, useFormSubmit } from '../../components/form-modal';
import { useMoney, yuanToFen } from '../../components/item-words';
import { OrganizationPicker } from '../../components/organization-picker';
import { useCapabilities } from '../../session';
import type { IncidentDetail, OfferView } from '../../types';
import { resourcesKey } from './live-updates';

export type MoneyMode = 'receipt' | 'disbursement';

interface Values {
  mode: MoneyMode;
  organizationId?: string;
  amountYuan?: number;
  raisedPublicly?: boolean;
  purpose?: string;
  note?: string;
}

const FIELDS = [['organizationId'], ['purpose'], ['note'], ['raisedPublicly']] as const;

export function MoneyModal({
  incident,
  offer,
  open,
  onClose,
}: {
  incident: IncidentDetail;
  /** The money pledge being received, if opened from its row. */
  offer: OfferView | null;
  open: boolean;
  onClose: () => void;
}) {
  const { t } = useTranslation();
  const { message: toast } = App.useApp();
  const may = useCapabilities();
  const money = useMoney();
  const queryClient = useQueryClient();
  const [form] = Form.useForm<Values>();
  // One key per filled-in form: a retried submit never records twice.
  const idempotencyKey = useRef(newIdempotencyKey());
  const submission = useFormSubmit(form, FIELDS, () => {
    idempotencyKey.current = newIdempotencyKey();
    onClose();
  });
  const mode = Form.useWatch('mode', form) ?? 'receipt';
  const receipt = offer !== null || mode === 'receipt';
  const required = { required: true, message: t('form.required') };
  const remaining = offer ? (offer.amountFen ?? 0) - offer.receivedQuantity : null;

  const submit = async (values: Values) => {
    const { organizationId, amountYuan } = values;
    if (!organizationId || !amountYuan) return;
    const amountFen = yuanToFen(amountYuan);
    await submission.run(async () => {
      if (receipt) {
        await moneyApi.receive(
          incident.id,
          {
            organizationId,
            amountFen,
            offerId: offer?.id ?? null,
            raisedPublicly: values.raisedPublicly === true,
            note: values.note?.trim() || null,
          },
          idempotencyKey.current,
        );
      } else {
        await moneyApi.disburse(
          incident.id,
          { organizationId, amountFen, purpose: values.purpose?.trim() ?? '' },
          idempotencyKey.current,
        );
      }
      await queryClient.invalidateQueries({ queryKey: resourcesKey(incident.id) });
      toast.success(t('money.recorded'));
      submission.close();
    });
  };

  return (
    <FormModal
      form={form}
      submission={submission}
      open={open}
      title={offer ? t('money.receiveTitle', { amount: money(remaining) }) : t('money.title')}
      okText={t('money.submit')}
      width={520}
    >
      <Form<Values>
        form={form}
        name="record-money"
        layout="vertical"
        initialValues={{ mode: 'receipt', organizationId: may.fieldOrganizationId ?? undefined }}
        onFinish={submit}
      >
        {offer ? null : (
          <Form.Item name="mode" label={t('money.mode')}>
            <Segmented
              options={[
                { value: 'receipt', label: t('money.receipt') },
                { value: 'disbursement', label: t('money.disbursement') },
              ]}
            />
          </Form.Item>
        )}
        <Form.Item name="organizationId" label={t('resources.organization')} rules={[required]}>
          <OrganizationPicker />
        </Form.Item>
        <Form.Item name="amountYuan" label={t('give.amount')} rules={[required]}>
          <InputNumber
            min={0.01}
            max={remaining !== null ? remaining / 100 : 100_000_000}
            precision={2}
            suffix={t('give.yuan')}
            className="full-width"
            data-testid="money-amount"
          />
        </Form.Item>
        {receipt ? (
          <>
            <Form.Item name="raisedPublicly" valuePropName="checked">
              <Checkbox>{t('resources.raisedPublicly')}</Checkbox>
            </Form.Item>
            <Form.Item name="note" label={t('give.note')}>
              <Input.TextArea maxLength={500} rows={2} />
            </Form.Item>
          </>
        ) : (
          <Form.Item name="purpose" label={t('money.purpose')} rules={[{ ...required, whitespace: true }]}>
            <Input.TextArea maxLength={500} rows={2} placeholder={t('money.purposePlaceholder')} />
          </Form.Item>
        )}
      </Form>
    </FormModal>
  );
}
