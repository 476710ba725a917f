/**
 * Moves an organization along the membership lifecycle: only the moves the lifecycle allows
 * from its current status (src/model/membership.ts) are offered; each needs a reason.
 */
import { useQueryClient } from '@tanstack/react-query';
import { Alert, App, Form, Input, Modal, Radio, Typography } from 'antd';
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router-dom';
import { mayBeProvisional, nextStatuses } from '../../../../src/model/membership';
import { membershipApi } from '../../api';
import { ErrorAlert } from '../../components/error-alert';
import { MembershipStatusTag, MembershipTierTag } from '../../components/membership-tags';
import { showFieldError, useErrorText } from '../../error-text';
import type { MembershipStatus, MembershipTier, Organization } from '../../types';
import { PLAN_FIELDS, PlanFields, type PlanValues, planValues, toPlan } from './plan-fields';

/** A move: a status, or confirming a provisional member at the standard tier. */
export type Move = MembershipStatus | 'confirm';

/** The moves offered from an organization's current membership. */
export function movesFrom(org: Pick<Organization, 'membership'>): Move[] {
  const { status, tier } = org.membership;
  const moves: Move[] = [...nextStatuses(status)];
  if (status === 'active' && tier === 'provisional') moves.unshift('confirm');
  return moves;
}

interface Values {
  move?: Move;
  tier?: MembershipTier;
  reason: string;
  plan?: PlanValues;
}

interface Props {
  organization: Pick<Organization, 'id' | 'name' | 'kind' | 'membership'> | null;
  /** The move to preselect (the desk's buttons). */
  initialMove?: Move;
  onClose: () => void;
}

export function TransitionModal({ organization, initialMove, onClose }: Props) {
  const { t } = useTranslation();
  const { message: toast } = App.useApp();
  const { message } = useErrorText();
  const queryClient = useQueryClient();
  const [form] = Form.useForm<Values>();
  const [error, setError] = useState<unknown>(null);
  const [saving, setSaving] = useState(false);
  const move = Form.useWatch('move', form);
  const open = organization !== null;

  useEffect(() => {
    if (!organization) return;
    setError(null);
    form.resetFields();
    form.setFieldsValue({
      move: initialMove,
      tier: organization.membership.tier,
      reason: '',
      plan: planValues(organization.membership.plan),
    });
  }, [organization, initialMove, form]);

  // The last organization stays rendered while the dialog closes, so that the dialog can hand
  // the focus back to the button that opened it (unmounted at once, it could not).
  const [last, setLast] = useState(organization);
  if (organization && organization !== last) setLast(organization);
  const shown = organization ?? last;
  if (!shown) return null;
  const moves = movesFrom(shown);
  const chooseTier = move === 'active' && mayBeProvisional(shown.kind);

  const submit = async (values: Values) => {
    if (!values.move) return;
    setError(null);
    setSaving(true);
    const to: MembershipStatus = values.move === 'confirm' ? 'active' : values.move;
    let tier: MembershipTier | undefined;
    if (values.move === 'confirm') tier = 'standard';
    else if (to === 'active') tier = chooseTier ? (values.tier ?? 'standard') : 'standard';
    try {
      await membershipApi.transition(shown.id, {
        to,
        reason: values.reason.trim(),
        tier,
        plan: to === 'cultivation' ? toPlan(values.plan) : undefined,
      });
      await Promise.all([
        queryClient.invalidateQueries({ queryKey: ['membership', shown.id] }),
        queryClient.invalidateQueries({ queryKey: ['organization', shown.id] }),
        queryClient.invalidateQueries({ queryKey: ['organizations'] }),
        queryClient.invalidateQueries({ queryKey: ['desk'] }),
      ]);
      toast.success(t('membership.changed'));
      onClose();
    } catch (failure) {
      const fields = [['move'], ['reason'], ['tier'], ...PLAN_FIELDS] as const;
      if (!showFieldError(form, failure, fields, message(failure))) setError(failure);
    } finally {
      setSaving(false);
    }
  };

  const moveLabel = (m: Move) => (m === 'confirm' ? t('membership.confirmStandard') : t(`membership.moveTo.${m}`));

  return (
    <Modal
      open={open}
      title={t('membership.changeTitle', { name: shown.name })}
      okText={t('membership.changeSubmit')}
      cancelText={t('common.cancel')}
      onOk={() => form.submit()}
      confirmLoading={saving}
      onCancel={onClose}
      width={560}
      forceRender
      data-testid="transition-modal"
    >
      <Form<Values> form={form} name="membership-transition" layout="vertical" onFinish={submit} requiredMark>
        <ErrorAlert error={error} onClose={() => setError(null)} />
        <Typography.Paragraph>
          {t('membership.current')}: <MembershipStatusTag status={shown.membership.status} />
          <MembershipTierTag tier={shown.membership.tier} />
        </Typography.Paragraph>
        {shown.membership.status === 'under_review' ? (
          <Alert
            type="info"
            showIcon
            className="form-alert"
            title={t('membership.underReviewHint')}
            action={<Link to="/membership/applications">{t('nav.applications')}</Link>}
          />
        ) : null}
        <Form.Item name="move" label={t('membership.to')} rules={[{ required: true, message: t('form.choose') }]}>
          <Radio.Group className="radio-stack" options={moves.map((m) => ({ value: m, label: moveLabel(m) }))} />
        </Form.Item>
        {chooseTier ? (
          <Form.Item name="tier" label={t('membership.tierLabel')}>
            <Radio.Group
              options={(['standard', 'provisional'] as const).map((tier) => ({
                value: tier,
                label: t(`membership.tier.${tier}`),
              }))}
            />
          </Form.Item>
        ) : null}
        {move === 'cultivation' ? <PlanFields organizationId={shown.id} /> : null}
        <Form.Item
          name="reason"
          label={t('membership.reason')}
          rules={[{ required: true, whitespace: true, message: t('membership.reasonRequired') }]}
        >
          <Input.TextArea rows={3} maxLength={1000} showCount placeholder={t('membership.reasonPlaceholder')} />
        </Form.Item>
      </Form>
    </Modal>
  );
}
