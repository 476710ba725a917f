/**
 * The forms of the coordination centre: activating it with its seats, and staffing one more
 * seat. Each seat's organization is chosen from those the server says may staff it (a seat of
 * that subsystem, or an agreement), with what entitles it.
 */
import { MinusCircleOutlined, PlusOutlined } from '@ant-design/icons';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { App, Button, Form, Input, Select } from 'antd';
import { useTranslation } from 'react-i18next';
import { SUBSYSTEMS } from '../../../../src/model/embedding';
import { ICS_SECTION_OF } from '../../../../src/model/incident-command';
import { commandApi } from '../../api';
import { FormModal, useFormSubmit } from '../../components/form-modal';
import type { CentreSeatInput, EligibleStaff, Subsystem } from '../../types';
import { boardKey } from './live-updates';

interface SeatValues {
  subsystem?: Subsystem;
  organizationId?: string;
  liaisonName?: string;
  liaisonPhone?: string;
}

/** Whether an organization may staff a subsystem: a seat in it, or any agreement. */
const mayStaff = (e: EligibleStaff, subsystem: Subsystem | undefined) =>
  e.bases.some((b) => b.kind === 'agreement' || (subsystem !== undefined && b.kind === 'seat' && b.subsystem === subsystem));

function useEligible(incidentId: string, open: boolean) {
  return useQuery({
    queryKey: [...boardKey(incidentId), 'eligible'],
    queryFn: () => commandApi.eligible(incidentId),
    enabled: open,
  });
}

function SubsystemSelect({ id, value, onChange }: { id?: string; value?: Subsystem; onChange?: (v: Subsystem) => void }) {
  const { t } = useTranslation();
  return (
    <Select
      id={id}
      value={value}
      onChange={onChange}
      placeholder={t('form.choose')}
      options={SUBSYSTEMS.map((s) => ({
        value: s,
        label: `${t(`embedding.subsystem.${s}`)} · ${t(`command.ics.${ICS_SECTION_OF[s]}`)}`,
      }))}
    />
  );
}

function StaffSelect({
  id,
  value,
  onChange,
  eligible,
  subsystem,
}: {
  id?: string;
  value?: string;
  onChange?: (v: string) => void;
  eligible: EligibleStaff[];
  subsystem: Subsystem | undefined;
}) {
  const { t } = useTranslation();
  const basisLabel = (e: EligibleStaff) =>
    e.bases
      .filter((b) => b.kind === 'agreement' || b.subsystem === subsystem)
      .map((b) =>
        b.kind === 'seat'
          ? t('command.basisSeat', { structure: b.structure })
          : t('command.basisAgreement', { type: t(`embedding.agreementType.${b.type}`) }),
      )
      .join('；');
  return (
    <Select
      id={id}
      value={value}
      onChange={onChange}
      showSearch
      optionFilterProp="name"
      placeholder={subsystem ? t('command.chooseStaff') : t('command.chooseSubsystemFirst')}
      disabled={!subsystem}
      notFoundContent={t('command.noneEligible')}
      options={eligible
        .filter((e) => mayStaff(e, subsystem))
        .map((e) => ({ value: e.organizationId, name: e.name, label: `${e.name}（${basisLabel(e)}）` }))}
    />
  );
}

function SeatFields({ prefix, eligible, seat }: { prefix: (string | number)[]; eligible: EligibleStaff[]; seat?: SeatValues }) {
  const { t } = useTranslation();
  const required = { required: true, message: t('form.required') };
  return (
    <div className="form-row centre-seat-row">
      <Form.Item name={[...prefix, 'subsystem']} label={t('command.subsystem')} rules={[required]}>
        <SubsystemSelect />
      </Form.Item>
      <Form.Item name={[...prefix, 'organizationId']} label={t('command.staff')} rules={[required]}>
        <StaffSelect eligible={eligible} subsystem={seat?.subsystem} />
      </Form.Item>
      <Form.Item name={[...prefix, 'liaisonName']} label={t('command.liaisonName')}>
        <Input maxLength={100} />
      </Form.Item>
      <Form.Item name={[...prefix, 'liaisonPhone']} label={t('command.liaisonPhone')}>
        <Input maxLength={40} inputMode="tel" />
      </Form.Item>
    </div>
  );
}

const seatOf = (v: SeatValues): CentreSeatInput => ({
  subsystem: v.subsystem as Subsystem,
  organizationId: v.organizationId as string,
  liaisonName: v.liaisonName?.trim() || null,
  liaisonPhone: v.liaisonPhone?.trim() || null,
});

interface ActivateValues {
  reason: string;
  location?: string;
  seats: SeatValues[];
}

export function ActivateCentreModal({ incidentId, open, onClose }: { incidentId: string; open: boolean; onClose: () => void }) {
  const { t } = useTranslation();
  const { message: toast } = App.useApp();
  const queryClient = useQueryClient();
  const [form] = Form.useForm<ActivateValues>();
  const submission = useFormSubmit(form, [['reason'], ['location'], ['seats']], onClose);
  const eligible = useEligible(incidentId, open);
  const seats = Form.useWatch('seats', form) ?? [];

  const submit = async (values: ActivateValues) => {
    await submission.run(async () => {
      await commandApi.activate(incidentId, {
        reason: values.reason.trim(),
        location: values.location?.trim() || null,
        seats: values.seats.map(seatOf),
      });
      await queryClient.invalidateQueries({ queryKey: boardKey(incidentId) });
      toast.success(t('command.activated'));
      submission.close();
    });
  };

  return (
    <FormModal
      form={form}
      open={open}
      title={t('command.activateTitle')}
      okText={t('command.activate')}
      width={820}
      submission={submission}
    >
      <Form<ActivateValues>
        form={form}
        name="activate-centre"
        layout="vertical"
        initialValues={{ reason: '', seats: [{}] }}
        onFinish={submit}
      >
        <Form.Item
          name="reason"
          label={t('command.reason')}
          rules={[{ required: true, whitespace: true, message: t('form.required') }]}
        >
          <Input.TextArea
            maxLength={1000}
            autoSize={{ minRows: 2, maxRows: 4 }}
            placeholder={t('command.activateReasonPlaceholder')}
          />
        </Form.Item>
        <Form.Item name="location" label={t('command.location')}>
          <Input maxLength={300} placeholder={t('command.locationPlaceholder')} />
        </Form.Item>
        <Form.List name="seats">
          {(fields, { add, remove }) => (
            <fieldset className="form-fieldset">
              <legend>{t('command.seats')}</legend>
              <p className="muted small">{t('command.seatsHint')}</p>
              {fields.map((field) => (
                <div key={field.key} className="centre-seat-line">
                  <SeatFields prefix={[field.name]} eligible={eligible.data ?? []} seat={seats[field.name]} />
                  {fields.length > 1 ? (
                    <Button
                      type="text"
                      icon={<MinusCircleOutlined />}
                      aria-label={t('command.removeSeat')}
                      onClick={() => remove(field.name)}
                    />
                  ) : null}
                </div>
              ))}
              <Button icon={<PlusOutlined />} onClick={() => add({})} data-testid="add-seat-row">
                {t('command.addSeat')}
              </Button>
            </fieldset>
          )}
        </Form.List>
      </Form>
    </FormModal>
  );
}

export function StaffSeatModal({ incidentId, open, onClose }: { incidentId: string; open: boolean; onClose: () => void }) {
  const { t } = useTranslation();
  const { message: toast } = App.useApp();
  const queryClient = useQueryClient();
  const [form] = Form.useForm<SeatValues>();
  const submission = useFormSubmit(form, [['subsystem'], ['organizationId'], ['liaisonName'], ['liaisonPhone']], onClose);
  const eligible = useEligible(incidentId, open);
  const seat = Form.useWatch([], form);

  const submit = async (values: SeatValues) => {
    await submission.run(async () => {
      await commandApi.staffSeat(incidentId, seatOf(values));
      await queryClient.invalidateQueries({ queryKey: boardKey(incidentId) });
      toast.success(t('command.seatStaffed'));
      submission.close();
    });
  };

  return (
    <FormModal
      form={form}
      open={open}
      title={t('command.addSeat')}
      okText={t('command.addSeat')}
      width={820}
      submission={submission}
    >
      <Form<SeatValues> form={form} name="staff-seat" layout="vertical" onFinish={submit}>
        <SeatFields prefix={[]} eligible={eligible.data ?? []} seat={seat} />
      </Form>
    </FormModal>
  );
}
