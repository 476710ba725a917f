/**
 * Changing an incident's level, warning colour, affected areas or policy from the board: the
 * new value and a required reason, which the timeline then shows.
 */
import { useQueryClient } from '@tanstack/react-query';
import { App, Form, Input, InputNumber, Radio, Switch } from 'antd';
import { useEffect } from 'react';
import { useTranslation } from 'react-i18next';
import { INCIDENT_LEVELS, WARNING_COLORS } from '../../../../src/model/incident';
import { incidentApi } from '../../api';
import { FormModal, useFormSubmit } from '../../components/form-modal';
import { JurisdictionListPicker } from '../../components/jurisdiction-list-picker';
import type { IncidentDetail, IncidentLevel, IncidentPatch, WarningColor } from '../../types';
import { boardKey } from './live-updates';

export type CommandKind = 'level' | 'warning_color' | 'jurisdictions' | 'policy';

interface Values {
  level: IncidentLevel;
  warningColor: WarningColor | 'none';
  jurisdictions: string[];
  invitationRequired: boolean;
  checkInIntervalMinutes: number;
  reason: string;
}

const FIELDS = [
  ['level'],
  ['warningColor'],
  ['jurisdictions'],
  ['invitationRequired'],
  ['checkInIntervalMinutes'],
  ['reason'],
] as const;

function patchOf(kind: CommandKind, values: Values): IncidentPatch {
  const reason = values.reason.trim();
  switch (kind) {
    case 'level':
      return { level: values.level, reason };
    case 'warning_color':
      return { warningColor: values.warningColor === 'none' ? null : values.warningColor, reason };
    case 'jurisdictions':
      return { jurisdictions: values.jurisdictions, reason };
    case 'policy':
      return {
        policy: { invitationRequired: values.invitationRequired, checkInIntervalMinutes: values.checkInIntervalMinutes },
        reason,
      };
  }
}

export function CommandChangeModal({
  incident,
  kind,
  onClose,
}: {
  incident: IncidentDetail;
  kind: CommandKind | null;
  onClose: () => void;
}) {
  const { t } = useTranslation();
  const { message: toast } = App.useApp();
  const queryClient = useQueryClient();
  const [form] = Form.useForm<Values>();
  const submission = useFormSubmit(form, FIELDS, onClose);
  const required = { required: true, message: t('form.required') };

  useEffect(() => {
    if (!kind) return;
    form.setFieldsValue({
      level: incident.level,
      warningColor: incident.warningColor ?? 'none',
      jurisdictions: incident.jurisdictions,
      invitationRequired: incident.policy.invitationRequired,
      checkInIntervalMinutes: incident.policy.checkInIntervalMinutes,
      reason: '',
    });
  }, [kind, incident, form]);

  const submit = async (values: Values) => {
    if (!kind) return;
    await submission.run(async () => {
      await incidentApi.update(incident.id, patchOf(kind, values));
      await Promise.all([
        queryClient.invalidateQueries({ queryKey: boardKey(incident.id) }),
        queryClient.invalidateQueries({ queryKey: ['incidents'] }),
      ]);
      toast.success(t('command.changed'));
      submission.close();
    });
  };

  return (
    <FormModal
      form={form}
      open={kind !== null}
      title={kind ? t(`command.title.${kind}`) : ''}
      okText={t('command.save')}
      width={600}
      submission={submission}
    >
      <Form<Values> form={form} name="command-change" layout="vertical" onFinish={submit}>
        {kind === 'level' ? (
          <Form.Item name="level" label={t('incident.levelLabel')} extra={t('incident.levelHint')}>
            <Radio.Group optionType="button" buttonStyle="solid" className="level-radios">
              {INCIDENT_LEVELS.map((level) => (
                <Radio.Button key={level} value={level} className={`level-radio level-radio-${level}`}>
                  {t(`incident.level.${level}`)} {t(`incident.levelName.${level}`)}
                </Radio.Button>
              ))}
            </Radio.Group>
          </Form.Item>
        ) : null}
        {kind === 'warning_color' ? (
          <Form.Item name="warningColor" label={t('incident.warningLabel')}>
            <Radio.Group className="warning-radios">
              <Radio value="none">{t('incident.warningNone')}</Radio>
              {WARNING_COLORS.map((color) => (
                <Radio key={color} value={color}>
                  <span className={`warning-dot warning-${color}`} aria-hidden="true" />
                  {t(`incident.warning.${color}`)}
                </Radio>
              ))}
            </Radio.Group>
          </Form.Item>
        ) : null}
        {kind === 'jurisdictions' ? (
          <Form.Item
            name="jurisdictions"
            label={t('incident.areas')}
            extra={t('incident.areasHint')}
            rules={[{ required: true, type: 'array', min: 1, message: t('incident.areasRequired') }]}
          >
            <JurisdictionListPicker emptyText={t('incident.areasNone')} />
          </Form.Item>
        ) : null}
        {kind === 'policy' ? (
          <>
            <Form.Item
              name="invitationRequired"
              label={t('incident.invitationRequired')}
              valuePropName="checked"
              extra={t('incident.invitationRequiredHint')}
            >
              <Switch />
            </Form.Item>
            <Form.Item
              name="checkInIntervalMinutes"
              label={t('incident.checkInInterval')}
              rules={[required]}
              extra={t('incident.checkInIntervalHint')}
            >
              <InputNumber
                min={15}
                max={10_080}
                step={15}
                precision={0}
                suffix={t('incident.minutes')}
                className="quantity-input"
              />
            </Form.Item>
          </>
        ) : null}
        <Form.Item
          name="reason"
          label={t('command.reason')}
          rules={[{ ...required, whitespace: true }]}
          extra={t('command.reasonHint')}
        >
          <Input.TextArea maxLength={1000} autoSize={{ minRows: 2, maxRows: 5 }} placeholder={t('command.reasonPlaceholder')} />
        </Form.Item>
      </Form>
    </FormModal>
  );
}
