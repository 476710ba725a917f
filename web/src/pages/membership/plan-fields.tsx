/** The fields of a cultivation plan (培育计划): goals, a mentor organization, a review date. */
import { MinusCircleOutlined, PlusOutlined } from '@ant-design/icons';
import { Button, Flex, Form, Input } from 'antd';
import { useTranslation } from 'react-i18next';
import { OrganizationPicker } from '../../components/organization-picker';
import type { CultivationPlan } from '../../types';

export interface PlanValues {
  goals?: (string | undefined)[];
  mentorOrganizationId?: string | null;
  reviewOn?: string;
}

/** Form paths of the plan fields, for placing the server's field errors. */
export const PLAN_FIELDS = [
  ['plan', 'goals'],
  ['plan', 'mentorOrganizationId'],
  ['plan', 'reviewOn'],
] as const;

/** Today as YYYY-MM-DD in the reader's zone. */
export function today(): string {
  const now = new Date();
  const pad = (n: number) => String(n).padStart(2, '0');
  return `${now.getFullYear()}-${pad(now.getMonth() + 1)}-${pad(now.getDate())}`;
}

/** The day some months from today, as a default review date. */
export function monthsFromToday(months: number): string {
  const date = new Date();
  date.setMonth(date.getMonth() + months);
  const pad = (n: number) => String(n).padStart(2, '0');
  return `${date.getFullYear()}-${pad(date.getMonth() + 1)}-${pad(date.getDate())}`;
}

export function toPlan(values: PlanValues | undefined): CultivationPlan {
  return {
    goals: (values?.goals ?? []).map((goal) => goal?.trim() ?? '').filter(Boolean),
    mentorOrganizationId: values?.mentorOrganizationId ?? null,
    reviewOn: values?.reviewOn ?? '',
  };
}

/** Initial values: an existing plan's goals and mentor (to extend it), a fresh review date. */
export function planValues(plan?: CultivationPlan | null): PlanValues {
  return {
    goals: plan?.goals.length ? [...plan.goals] : [''],
    mentorOrganizationId: plan?.mentorOrganizationId ?? null,
    reviewOn: monthsFromToday(6),
  };
}

/** Renders inside a Form whose values hold the plan under `plan`. */
export function PlanFields({ organizationId }: { organizationId?: string }) {
  const { t } = useTranslation();
  return (
    <fieldset className="plan-fields" data-testid="plan-fields">
      <legend>{t('membership.plan.title')}</legend>
      <Form.List
        name={['plan', 'goals']}
        rules={[
          {
            validator: async (_, goals: (string | undefined)[] | undefined) => {
              if (!goals?.some((goal) => goal?.trim())) throw new Error(t('membership.plan.goalsRequired'));
            },
          },
        ]}
      >
        {(fields, { add, remove }, { errors }) => (
          <Form.Item label={t('membership.plan.goals')} required>
            <Flex vertical gap={8}>
              {fields.map((field, index) => (
                <Flex key={field.key} gap={8} align="flex-start">
                  <Form.Item name={field.name} noStyle>
                    <Input
                      maxLength={500}
                      aria-label={t('membership.plan.goal', { n: index + 1 })}
                      placeholder={t('membership.plan.goalPlaceholder')}
                    />
                  </Form.Item>
                  {fields.length > 1 ? (
                    <Button
                      type="text"
                      icon={<MinusCircleOutlined />}
                      aria-label={t('membership.plan.removeGoal', { n: index + 1 })}
                      onClick={() => remove(field.name)}
                    />
                  ) : null}
                </Flex>
              ))}
              {fields.length < 20 ? (
                <Button type="dashed" icon={<PlusOutlined />} onClick={() => add('')} className="plan-add-goal">
                  {t('membership.plan.addGoal')}
                </Button>
              ) : null}
              <Form.ErrorList errors={errors} />
            </Flex>
          </Form.Item>
        )}
      </Form.List>
      <Form.Item
        name={['plan', 'mentorOrganizationId']}
        label={t('membership.plan.mentor')}
        extra={t('membership.plan.mentorHint')}
      >
        <OrganizationPicker exclude={organizationId} placeholder={t('membership.plan.mentorPlaceholder')} />
      </Form.Item>
      <Form.Item
        name={['plan', 'reviewOn']}
        label={t('membership.plan.reviewOn')}
        rules={[{ required: true, message: t('membership.plan.reviewOnRequired') }]}
      >
        <Input type="date" min={today()} className="date-input" />
      </Form.Item>
    </fieldset>
  );
}
