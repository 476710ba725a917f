/**
 * The coordinator's decision on one application: admit, admit provisionally (emergent and
 * community groups only), cultivate with a plan, or decline — always with a reason.
 */
import { useQueryClient } from '@tanstack/react-query';
import { App, Button, Descriptions, Drawer, Flex, Form, Input, Radio, Typography } from 'antd';
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { APPLICATION_DECISIONS, mayBeProvisional } from '../../../../src/model/membership';
import { applicationApi } from '../../api';
import { ErrorAlert } from '../../components/error-alert';
import { FunctionMapGrid } from '../../components/function-map-grid';
import { JurisdictionTag } from '../../components/jurisdiction-name';
import { CategoryTags, KindTag } from '../../components/organization-tags';
import { showFieldError, useErrorText } from '../../error-text';
import { useDateTime } from '../../format';
import type { Application, ApplicationDecision } from '../../types';
import { PLAN_FIELDS, PlanFields, type PlanValues, planValues, toPlan } from './plan-fields';

interface Values {
  decision?: ApplicationDecision;
  reason: string;
  plan?: PlanValues;
}

/** The decisions open to an applicant of this kind. */
export function decisionsFor(application: Application): ApplicationDecision[] {
  const kind = application.organization?.kind;
  return APPLICATION_DECISIONS.filter((d) => d !== 'admit_provisional' || (kind !== undefined && mayBeProvisional(kind)));
}

function Summary({ application }: { application: Application }) {
  const { t } = useTranslation();
  const dateTime = useDateTime();
  const org = application.organization;
  const none = <span className="muted">{t('common.none')}</span>;
  return (
    <Descriptions
      column={1}
      size="small"
      bordered
      className="decide-summary"
      items={[
        { key: 'kind', label: t('field.kind'), children: org ? <KindTag kind={org.kind} /> : none },
        { key: 'creditCode', label: t('field.creditCode'), children: org?.creditCode ?? none },
        { key: 'supervisingAgency', label: t('field.supervisingAgency'), children: org?.supervisingAgency ?? none },
        {
          key: 'jurisdictions',
          label: t('field.jurisdictions'),
          children: org?.jurisdictions.length
            ? org.jurisdictions.map((code, i) => (
                <JurisdictionTag key={code} code={code} name={org.jurisdictionNames[i] ?? undefined} />
              ))
            : none,
        },
        {
          key: 'categories',
          label: t('field.serviceCategories'),
          children: <CategoryTags categories={org?.capabilities.serviceCategories ?? []} empty={t('common.none')} />,
        },
        {
          key: 'contact',
          label: t('applications.contact'),
          children: application.contact ? (
            <span>
              {application.contact.name} · <a href={`tel:${application.contact.phone}`}>{application.contact.phone}</a>
              {application.contact.email ? ` · ${application.contact.email}` : ''}
            </span>
          ) : (
            <span className="muted">{t('applications.contactHidden')}</span>
          ),
        },
        { key: 'createdAt', label: t('applications.submitted'), children: dateTime(application.createdAt) },
      ]}
    />
  );
}

export function DecideDrawer({ application, onClose }: { application: Application | null; onClose: () => void }) {
  const { t } = useTranslation();
  const { message: toast } = App.useApp();
  const { message } = useErrorText();
  const queryClient = useQueryClient();
  const [form] = Form.useForm<Values>();
  const [error, setError] = useState<unknown>(null);
  const [saving, setSaving] = useState(false);
  const decision = Form.useWatch('decision', form);

  useEffect(() => {
    if (!application) return;
    setError(null);
    form.resetFields();
    form.setFieldsValue({ decision: undefined, reason: '', plan: planValues(null) });
  }, [application, form]);

  const submit = async (values: Values) => {
    if (!application || !values.decision) return;
    setError(null);
    setSaving(true);
    try {
      await applicationApi.decide(application.id, {
        decision: values.decision,
        reason: values.reason.trim(),
        plan: values.decision === 'cultivate' ? toPlan(values.plan) : undefined,
      });
      await Promise.all([
        queryClient.invalidateQueries({ queryKey: ['applications'] }),
        queryClient.invalidateQueries({ queryKey: ['organizations'] }),
        queryClient.invalidateQueries({ queryKey: ['organization', application.organizationId] }),
        queryClient.invalidateQueries({ queryKey: ['membership', application.organizationId] }),
        queryClient.invalidateQueries({ queryKey: ['desk'] }),
      ]);
      toast.success(t('applications.decidedDone', { decision: t(`membership.decision.${values.decision}`) }));
      onClose();
    } catch (failure) {
      const fields = [['decision'], ['reason'], ...PLAN_FIELDS] as const;
      if (!showFieldError(form, failure, fields, message(failure))) setError(failure);
    } finally {
      setSaving(false);
    }
  };

  const name = application?.organization?.name ?? application?.organizationId ?? '';
  const kind = application?.organization?.kind;
  const offered = application ? decisionsFor(application) : [];

  return (
    <Drawer
      open={application !== null}
      onClose={onClose}
      title={t('applications.decideTitle', { name })}
      size="min(560px, 100vw)"
      className="decide-drawer"
      forceRender
      footer={
        <Flex justify="flex-end" gap={8}>
          <Button onClick={onClose}>{t('common.cancel')}</Button>
          <Button type="primary" loading={saving} onClick={() => form.submit()} data-testid="decide-submit">
            {t('applications.submitDecision')}
          </Button>
        </Flex>
      }
      data-testid="decide-drawer"
    >
      {application ? (
        <>
          <Summary application={application} />
          {application.organization ? (
            <details className="decide-map">
              <summary>{t('field.cells')}</summary>
              <FunctionMapGrid value={application.organization.capabilities.cells} />
            </details>
          ) : null}
        </>
      ) : null}
      <Form<Values>
        form={form}
        name="decide-application"
        layout="vertical"
        onFinish={submit}
        requiredMark
        className="decide-form"
      >
        <ErrorAlert error={error} onClose={() => setError(null)} />
        <Form.Item
          name="decision"
          label={t('applications.decision')}
          rules={[{ required: true, message: t('applications.decisionRequired') }]}
          extra={kind && !mayBeProvisional(kind) ? t('applications.provisionalOnly') : undefined}
        >
          <Radio.Group className="radio-stack">
            {offered.map((d) => (
              <Radio key={d} value={d}>
                <span className="strong">{t(`membership.decision.${d}`)}</span>
                <Typography.Text type="secondary" className="radio-hint">
                  {t(`applications.decisionHint.${d}`)}
                </Typography.Text>
              </Radio>
            ))}
          </Radio.Group>
        </Form.Item>
        {decision === 'cultivate' ? <PlanFields organizationId={application?.organizationId} /> : null}
        <Form.Item
          name="reason"
          label={t('membership.reason')}
          rules={[{ required: true, whitespace: true, message: t('membership.reasonRequired') }]}
        >
          <Input.TextArea rows={3} maxLength={1000} showCount placeholder={t('applications.reasonPlaceholder')} />
        </Form.Item>
      </Form>
    </Drawer>
  );
}
