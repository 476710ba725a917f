/** Recording a normal-time program: what, where on the function map, who with whom, where, when, how many. */
import { useQueryClient } from '@tanstack/react-query';
import { App, DatePicker, Form, Input, InputNumber, Select } from 'antd';
import type { Dayjs } from 'dayjs';
import { useTranslation } from 'react-i18next';
import { COOPERATION_TYPES, PROGRAM_KINDS, RECOVERY_FOCI } from '../../../../src/model/program';
import { PHASES, STAGES, STRATEGIES, type Stage } from '../../../../src/model/taxonomy';
import { programApi } from '../../api';
import { FormModal, useFormSubmit } from '../../components/form-modal';
import { JurisdictionListPicker } from '../../components/jurisdiction-list-picker';
import { OrganizationPicker } from '../../components/organization-picker';
import { useCapabilities, useCurrentUser } from '../../session';
import type { CooperationType, Phase, ProgramKind, RecoveryFocus, Strategy } from '../../types';

interface Values {
  title: string;
  kind?: ProgramKind;
  recoveryFocus?: RecoveryFocus;
  strategy?: Strategy;
  phase?: Phase;
  stage?: Stage;
  leadOrganizationId: string | null;
  partnerIds: string[];
  jurisdictions: string[];
  startsOn?: Dayjs;
  endsOn?: Dayjs | null;
  peopleReached?: number | null;
  cooperationType?: CooperationType;
  description?: string;
}

const FIELDS = [
  ['title'],
  ['kind'],
  ['recoveryFocus'],
  ['strategy'],
  ['phase'],
  ['stage'],
  ['leadOrganizationId'],
  ['partnerIds'],
  ['jurisdictions'],
  ['startsOn'],
  ['endsOn'],
  ['peopleReached'],
  ['cooperationType'],
  ['description'],
] as const;
const DAY_FORMAT = 'YYYY-MM-DD';

export function RecordProgramModal({ open, onClose }: { open: boolean; onClose: () => void }) {
  const { t } = useTranslation();
  const user = useCurrentUser();
  const { message: toast } = App.useApp();
  const queryClient = useQueryClient();
  const [form] = Form.useForm<Values>();
  const submission = useFormSubmit(form, FIELDS, onClose);
  const chosenKind = Form.useWatch('kind', form);
  // An organization's admin records its own programs: the server fixes the lead.
  const ownLead = useCapabilities().programLeadOrganizationId;
  const required = { required: true, message: t('form.required') };
  const choose = (values: readonly string[], section: string) =>
    values.map((value) => ({ value, label: t(`${section}.${value}`) }));

  const submit = async (values: Values) => {
    const { kind, strategy, phase, stage, cooperationType, startsOn } = values;
    const lead = ownLead ?? values.leadOrganizationId;
    if (!kind || !strategy || !phase || !stage || !cooperationType || !startsOn || !lead) return;
    await submission.run(async () => {
      const program = await programApi.record({
        title: values.title.trim(),
        kind,
        recoveryFocus: kind === 'recovery_project' ? (values.recoveryFocus ?? null) : null,
        cell: { strategy, phase },
        stage,
        leadOrganizationId: lead,
        partnerIds: values.partnerIds.filter((id) => id !== lead),
        jurisdictions: values.jurisdictions,
        startsOn: startsOn.format(DAY_FORMAT),
        endsOn: values.endsOn ? values.endsOn.format(DAY_FORMAT) : null,
        peopleReached: values.peopleReached ?? 0,
        cooperationType,
        description: values.description?.trim() || null,
      });
      await queryClient.invalidateQueries({ queryKey: ['programs'] });
      toast.success(t('programs.recorded', { title: program.title }));
      submission.close();
    });
  };

  return (
    <FormModal
      form={form}
      open={open}
      title={t('programs.recordTitle')}
      okText={t('programs.recordSubmit')}
      width={720}
      submission={submission}
    >
      <Form<Values>
        form={form}
        name="record-program"
        layout="vertical"
        initialValues={{
          title: '',
          leadOrganizationId: ownLead,
          partnerIds: [],
          jurisdictions: user.jurisdiction ? [user.jurisdiction] : [],
        }}
        onFinish={submit}
      >
        <Form.Item name="title" label={t('programs.titleLabel')} rules={[{ ...required, whitespace: true }]}>
          <Input maxLength={200} />
        </Form.Item>
        <div className="form-row">
          <Form.Item name="kind" label={t('programs.kindLabel')} rules={[required]}>
            <Select placeholder={t('form.choose')} options={choose(PROGRAM_KINDS, 'programKind')} />
          </Form.Item>
          {chosenKind === 'recovery_project' ? (
            <Form.Item name="recoveryFocus" label={t('programs.recoveryFocusLabel')}>
              <Select allowClear placeholder={t('form.choose')} options={choose(RECOVERY_FOCI, 'programs.recoveryFocus')} />
            </Form.Item>
          ) : null}
        </div>
        <div className="form-row">
          <Form.Item name="strategy" label={t('programs.strategy')} rules={[required]}>
            <Select placeholder={t('form.choose')} options={choose(STRATEGIES, 'strategy')} />
          </Form.Item>
          <Form.Item name="phase" label={t('programs.phase')} rules={[required]}>
            <Select placeholder={t('form.choose')} options={choose(PHASES, 'phase')} />
          </Form.Item>
          <Form.Item name="stage" label={t('programs.stage')} rules={[required]}>
            <Select placeholder={t('form.choose')} options={choose(STAGES, 'stage')} />
          </Form.Item>
        </div>
        <div className="form-row">
          <Form.Item name="leadOrganizationId" label={t('programs.lead')} rules={[required]}>
            <OrganizationPicker disabled={ownLead !== null} />
          </Form.Item>
          <Form.Item name="partnerIds" label={t('programs.partners')}>
            <OrganizationPicker multiple placeholder={t('programs.partnersPlaceholder')} />
          </Form.Item>
        </div>
        <Form.Item
          name="jurisdictions"
          label={t('programs.areas')}
          rules={[{ required: true, type: 'array', min: 1, message: t('programs.areasRequired') }]}
        >
          <JurisdictionListPicker emptyText={t('programs.areasNone')} />
        </Form.Item>
        <div className="form-row">
          <Form.Item name="startsOn" label={t('programs.startsOn')} rules={[required]}>
            <DatePicker format={DAY_FORMAT} />
          </Form.Item>
          <Form.Item name="endsOn" label={t('programs.endsOn')}>
            <DatePicker format={DAY_FORMAT} />
          </Form.Item>
          <Form.Item name="peopleReached" label={t('programs.peopleReached')}>
            <InputNumber min={0} max={100_000_000} precision={0} className="quantity-input" />
          </Form.Item>
        </div>
        <Form.Item name="cooperationType" label={t('programs.cooperationType')} rules={[required]}>
          <Select placeholder={t('form.choose')} options={choose(COOPERATION_TYPES, 'analytics.cooperationType')} />
        </Form.Item>
        <Form.Item name="description" label={t('programs.description')}>
          <Input.TextArea maxLength={5000} autoSize={{ minRows: 2, maxRows: 6 }} />
        </Form.Item>
      </Form>
    </FormModal>
  );
}
