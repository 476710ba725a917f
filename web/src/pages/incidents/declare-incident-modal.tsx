/** Declaring an incident: category and type, level Ⅰ–Ⅳ, warning colour, affected areas, policy. */
import { useQueryClient } from '@tanstack/react-query';
import { App, AutoComplete, Form, Input, InputNumber, Radio, Select, Switch } from 'antd';
import { useTranslation } from 'react-i18next';
import { INCIDENT_CATEGORIES, INCIDENT_LEVELS, WARNING_COLORS } from '../../../../src/model/incident';
import { incidentApi } from '../../api';
import { FormModal, useFormSubmit } from '../../components/form-modal';
import { JurisdictionListPicker } from '../../components/jurisdiction-list-picker';
import type { IncidentCategory, IncidentLevel, WarningColor } from '../../types';

interface Values {
  name: string;
  category?: IncidentCategory;
  type: string;
  level?: IncidentLevel;
  warningColor: WarningColor | 'none';
  jurisdictions: string[];
  stage: 'preparedness' | 'response';
  invitationRequired: boolean;
  checkInIntervalMinutes: number;
  description?: string;
}

const FIELDS = [
  ['name'],
  ['category'],
  ['type'],
  ['level'],
  ['warningColor'],
  ['jurisdictions'],
  ['stage'],
  ['description'],
  ['invitationRequired'],
  ['checkInIntervalMinutes'],
] as const;

const INITIAL: Values = {
  name: '',
  type: '',
  warningColor: 'none',
  jurisdictions: [],
  stage: 'response',
  invitationRequired: true,
  checkInIntervalMinutes: 240,
};

/** The catalogue's suggestions of types for a category ("洪涝|地震|…"). */
function useTypeSuggestions(category: IncidentCategory | undefined): { value: string }[] {
  const { t } = useTranslation();
  if (!category) return [];
  return t(`incident.typeSuggestions.${category}`)
    .split('|')
    .filter(Boolean)
    .map((value) => ({ value }));
}

export function DeclareIncidentModal({
  open,
  onClose,
  onDeclared,
}: {
  open: boolean;
  onClose: () => void;
  onDeclared: (id: string) => void;
}) {
  const { t } = useTranslation();
  const { message: toast } = App.useApp();
  const queryClient = useQueryClient();
  const [form] = Form.useForm<Values>();
  const submission = useFormSubmit(form, FIELDS, onClose);
  const category = Form.useWatch('category', form);
  const suggestions = useTypeSuggestions(category);
  const required = { required: true, message: t('form.required') };

  const submit = async (values: Values) => {
    const { category, level } = values;
    if (!category || !level) return;
    await submission.run(async () => {
      const incident = await incidentApi.declare({
        name: values.name.trim(),
        category,
        type: values.type.trim(),
        level,
        warningColor: values.warningColor === 'none' ? null : values.warningColor,
        jurisdictions: values.jurisdictions,
        stage: values.stage,
        description: values.description?.trim() || null,
        policy: { invitationRequired: values.invitationRequired, checkInIntervalMinutes: values.checkInIntervalMinutes },
      });
      await queryClient.invalidateQueries({ queryKey: ['incidents'] });
      toast.success(t('incidents.declared', { name: incident.name }));
      submission.close();
      onDeclared(incident.id);
    });
  };

  return (
    <FormModal
      form={form}
      open={open}
      title={t('incidents.declareTitle')}
      okText={t('incidents.declareSubmit')}
      width={640}
      submission={submission}
    >
      <Form<Values> form={form} name="declare-incident" layout="vertical" initialValues={INITIAL} onFinish={submit}>
        <Form.Item name="name" label={t('incident.name')} rules={[{ ...required, whitespace: true }]}>
          <Input maxLength={200} placeholder={t('incident.namePlaceholder')} />
        </Form.Item>
        <div className="form-row">
          <Form.Item name="category" label={t('incident.categoryLabel')} rules={[required]}>
            <Select
              placeholder={t('form.choose')}
              options={INCIDENT_CATEGORIES.map((c) => ({ value: c, label: t(`incident.category.${c}`) }))}
            />
          </Form.Item>
          <Form.Item
            name="type"
            label={t('incident.type')}
            rules={[{ ...required, whitespace: true }]}
            extra={t('incident.typeHint')}
          >
            <AutoComplete options={suggestions} maxLength={50} placeholder={t('incident.typePlaceholder')} />
          </Form.Item>
        </div>
        <Form.Item name="level" label={t('incident.levelLabel')} rules={[required]} extra={t('incident.levelHint')}>
          <Radio.Group optionType="button" buttonStyle="solid" className="level-radios">
            {INCIDENT_LEVELS.map((level) => (
              <Radio.Button key={level} value={level} className={`level-radio level-radio-${level}`}>
                {t(`incident.level.${level}`)} {t(`incident.levelName.${level}`)}
              </Radio.Button>
            ))}
          </Radio.Group>
        </Form.Item>
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
        <Form.Item
          name="jurisdictions"
          label={t('incident.areas')}
          extra={t('incident.areasHint')}
          rules={[{ required: true, type: 'array', min: 1, message: t('incident.areasRequired') }]}
        >
          <JurisdictionListPicker emptyText={t('incident.areasNone')} />
        </Form.Item>
        <Form.Item name="stage" label={t('incident.startStage')}>
          <Radio.Group>
            <Radio value="response">{t('incident.stage.response')}</Radio>
            <Radio value="preparedness">{t('incident.stage.preparedness')}</Radio>
          </Radio.Group>
        </Form.Item>
        <fieldset className="form-fieldset">
          <legend>{t('incident.policy')}</legend>
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
        </fieldset>
        <Form.Item name="description" label={t('incident.description')}>
          <Input.TextArea maxLength={5000} autoSize={{ minRows: 2, maxRows: 6 }} />
        </Form.Item>
      </Form>
    </FormModal>
  );
}
