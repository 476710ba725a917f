/**
 * The public offer form: what (goods from the needed list by default, money, a service,
 * equipment or a vehicle), where it is, when, on what conditions, and who to call. Goods
 * nobody asks for are refused by the server (422 not_needed); the form shows why and what is
 * needed instead, next to the item. One Idempotency-Key per form, kept until it goes through.
 */
import { AimOutlined } from '@ant-design/icons';
import { useQueryClient } from '@tanstack/react-query';
import { Alert, Button, Checkbox, Form, Input, InputNumber, Segmented, Select } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { OFFER_KINDS } from '../../../../src/model/offer';
import { offerApi } from '../../api';
import { ErrorAlert } from '../../components/error-alert';
import { useItemOptions, useItemWords } from '../../components/item-words';
import { JurisdictionCascader } from '../../components/jurisdiction-cascader';
import { useMyLocation } from '../../components/my-location';
import { NotNeededAlert, type NotNeededProblem, notNeededOf } from '../../components/not-needed-alert';
import { OFFER_FIELDS, type OfferValues, offerBody } from '../../components/offer-body';
import { showFieldError, useErrorText } from '../../error-text';
import type { NeededNow, PublicIncident, PublicOfferAnswer } from '../../types';
import { compactPhone, formKey, PHONE } from './public-parts';

/** The public needed-list query of an incident (shared with the lists above the form). */
export const neededKey = (incidentId: string) => ['public', 'needed', incidentId] as const;

export function OfferForm({
  incident,
  needed,
  onOffered,
}: {
  incident: PublicIncident;
  needed: NeededNow | undefined;
  onOffered: (answer: PublicOfferAnswer) => void;
}) {
  const { t } = useTranslation();
  const { message } = useErrorText();
  const queryClient = useQueryClient();
  const words = useItemWords();
  const [form] = Form.useForm<OfferValues>();
  const kind = Form.useWatch('kind', form) ?? 'goods';
  const item = Form.useWatch('item', form);
  const [anyItem, setAnyItem] = useState(false);
  const [error, setError] = useState<unknown>(null);
  const [refused, setRefused] = useState<{ item: string; problem: NotNeededProblem } | null>(null);
  const [busy, setBusy] = useState(false);
  const [position, setPosition] = useState<{ lat: number; lon: number; accuracy: number } | null>(null);
  const { locate, locating, problem: locationProblem, supported } = useMyLocation();
  const neededItems = (needed?.needed ?? []).filter((n) => n.quantity > 0).map((n) => n.item);
  const itemOptions = useItemOptions(anyItem ? undefined : neededItems);
  const unit = words(item).unit;
  const whole = words(item).item?.divisible === false;
  const goods = kind === 'goods';
  const money = kind === 'money';
  const required = { required: true, message: t('form.required') };

  const pick = (code: string) => {
    form.setFieldsValue({ item: code });
    setRefused(null);
    document.getElementById('public-offer_item')?.scrollIntoView({ block: 'center' });
  };

  const submit = async (values: OfferValues) => {
    const { jurisdiction } = values;
    if (!jurisdiction) return;
    setError(null);
    setRefused(null);
    setBusy(true);
    const idempotency = formKey(incident.id, 'offer');
    try {
      const answer = await offerApi.offerPublicly(incident.id, offerBody({ ...values, jurisdiction }, position), idempotency.key);
      idempotency.done();
      queryClient.setQueryData(neededKey(incident.id), answer.needed);
      onOffered(answer);
    } catch (failure) {
      const notNeeded = notNeededOf(failure);
      if (notNeeded && values.kind === 'goods' && values.item) {
        setRefused({ item: values.item, problem: notNeeded });
        // The lists above are out of date: someone else's offer or a coordinator's mark came first.
        void queryClient.invalidateQueries({ queryKey: neededKey(incident.id) });
        document.getElementById('public-offer_item')?.scrollIntoView({ block: 'center' });
      } else if (!showFieldError(form, failure, OFFER_FIELDS, message(failure))) {
        setError(failure);
        window.scrollTo({ top: 0 });
      }
    } finally {
      setBusy(false);
    }
  };

  const fillMyLocation = async () => {
    const found = await locate();
    if (found) setPosition(found);
  };

  return (
    <Form<OfferValues>
      form={form}
      name="public-offer"
      layout="vertical"
      size="large"
      requiredMark
      scrollToFirstError={{ block: 'center' }}
      initialValues={{
        kind: 'goods',
        jurisdiction: incident.jurisdictions.length === 1 ? incident.jurisdictions[0] : undefined,
      }}
      onValuesChange={(changed: Partial<OfferValues>) => {
        if ('item' in changed || 'kind' in changed) setRefused(null);
      }}
      onFinish={submit}
      className="public-form"
      data-testid="offer-form"
    >
      <ErrorAlert error={error} onClose={() => setError(null)} />
      <section className="public-section">
        <h2 className="public-subtitle">{t('give.whatTitle')}</h2>
        <Form.Item name="kind" label={t('give.kind')}>
          <Segmented block className="give-kinds" options={OFFER_KINDS.map((k) => ({ value: k, label: t(`offer.kind.${k}`) }))} />
        </Form.Item>
        {goods ? (
          <>
            <Form.Item
              name="item"
              label={t('give.item')}
              rules={[{ required: true, message: t('give.itemRequired') }]}
              extra={anyItem ? t('give.anyItemHint') : t('give.neededOnlyHint')}
            >
              <Select
                showSearch={{ optionFilterProp: 'label' }}
                placeholder={neededItems.length || anyItem ? t('form.choose') : t('give.nothingNeeded')}
                options={itemOptions}
                notFoundContent={t('give.nothingNeeded')}
              />
            </Form.Item>
            <Checkbox checked={anyItem} onChange={(event) => setAnyItem(event.target.checked)} className="give-any-item">
              {t('give.anyItem')}
            </Checkbox>
            {refused ? (
              <NotNeededAlert item={refused.item} problem={refused.problem} notNeeded={needed?.notNeeded} onPick={pick} />
            ) : null}
            <Form.Item
              name="quantity"
              label={unit ? t('give.quantityIn', { unit }) : t('give.quantity')}
              rules={[required]}
              className="top-gap"
            >
              <InputNumber
                min={whole ? 1 : 0.001}
                max={10_000_000}
                precision={whole ? 0 : 3}
                inputMode={whole ? 'numeric' : 'decimal'}
                suffix={unit || undefined}
                className="full-width"
              />
            </Form.Item>
          </>
        ) : null}
        {money ? (
          <Form.Item name="amountYuan" label={t('give.amount')} rules={[required]} extra={t('give.amountHint')}>
            <InputNumber
              min={0.01}
              max={1_000_000_000}
              precision={2}
              inputMode="decimal"
              suffix={t('give.yuan')}
              className="full-width"
            />
          </Form.Item>
        ) : null}
        <Form.Item
          name="note"
          label={goods || money ? t('give.note') : t(`give.describe.${kind}`)}
          rules={goods || money ? [] : [{ required: true, whitespace: true, message: t('give.describeRequired') }]}
        >
          <Input.TextArea
            maxLength={2000}
            autoSize={{ minRows: 2, maxRows: 5 }}
            placeholder={goods || money ? undefined : t(`give.describePlaceholder.${kind}`)}
          />
        </Form.Item>
      </section>

      <section className="public-section">
        <h2 className="public-subtitle">{money ? t('give.fromWhere') : t('give.where')}</h2>
        <Form.Item name="jurisdiction" label={t('give.area')} rules={[required]}>
          <JurisdictionCascader placeholder={t('public.areaPlaceholder')} />
        </Form.Item>
        {money ? null : (
          <>
            <Button
              block
              icon={<AimOutlined />}
              onClick={() => void fillMyLocation()}
              loading={locating}
              disabled={!supported}
              className="public-locate"
              data-testid="use-my-location"
            >
              {t('location.useMine')}
            </Button>
            {position ? (
              <p className="public-located" role="status">
                {t('public.located', { metres: position.accuracy })}{' '}
                <Button type="link" size="small" onClick={() => setPosition(null)}>
                  {t('give.forgetLocation')}
                </Button>
              </p>
            ) : (
              <p className="muted small public-manual">{t('give.locationHint')}</p>
            )}
            {locationProblem ? <Alert type="warning" showIcon title={locationProblem} className="form-alert" /> : null}
            <div className="public-row">
              <Form.Item name="availableFrom" label={t('give.availableFrom')}>
                <Input type="date" />
              </Form.Item>
              <Form.Item
                name="availableUntil"
                label={t('give.availableUntil')}
                dependencies={['availableFrom']}
                rules={[
                  ({ getFieldValue }) => ({
                    validator: async (_, value: string | undefined) => {
                      const from = getFieldValue('availableFrom') as string | undefined;
                      if (value && from && value < from) throw new Error(t('give.untilBeforeFrom'));
                    },
                  }),
                ]}
              >
                <Input type="date" />
              </Form.Item>
            </div>
          </>
        )}
        <Form.Item name="conditions" label={t('give.conditions')} extra={t('give.conditionsHint')}>
          <Input maxLength={500} />
        </Form.Item>
      </section>

      <section className="public-section">
        <h2 className="public-subtitle">{t('give.contact')}</h2>
        <p className="muted small">{t('give.contactWhy')}</p>
        <Form.Item name="donorName" label={t('give.name')}>
          <Input maxLength={100} autoComplete="name" />
        </Form.Item>
        <Form.Item
          name="donorPhone"
          label={t('give.phone')}
          extra={t('give.phoneHint')}
          rules={[
            {
              validator: async (_, value: string | undefined) => {
                if (value?.trim() && !PHONE.test(compactPhone(value))) throw new Error(t('public.phoneInvalid'));
              },
            },
          ]}
        >
          <Input type="tel" inputMode="tel" maxLength={30} autoComplete="tel" />
        </Form.Item>
      </section>

      <p className="muted small">{t('give.consent')}</p>
      <Button
        type="primary"
        htmlType="submit"
        size="large"
        block
        loading={busy}
        className="public-submit"
        data-testid="offer-submit"
      >
        {t('give.submit')}
      </Button>
    </Form>
  );
}
