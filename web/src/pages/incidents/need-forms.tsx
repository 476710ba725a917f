/** The need's action forms: claim or dispatch (with the 409 that names holders), close (with a photo), merge. */

import { CameraOutlined } from '@ant-design/icons';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { Alert, Button, Form, Input, InputNumber, Modal, Radio, Select, Typography, Upload } from 'antd';
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { ApiError, needApi } from '../../api';
import { ErrorAlert } from '../../components/error-alert';
import { FormModal, useFormSubmit } from '../../components/form-modal';
import { OrganizationName } from '../../components/organization-name';
import { OrganizationPicker } from '../../components/organization-picker';
import { showFieldError, useErrorText } from '../../error-text';
import { useDateTime } from '../../format';
import { useCapabilities } from '../../session';
import type { ConflictHolder, NeedView } from '../../types';
import { boardKey } from './live-updates';
import { EVIDENCE_ACCEPT, type PreparedEvidence, useEvidencePhoto } from './need-evidence';
import { ACTIVE_NEED_STATUSES, remainingOf } from './rules';

/** "已被 X 认领 N 份，剩余 M" from a claim_conflict problem; null for any other error. */
export function useConflictText(): (error: unknown) => string | null {
  const { t } = useTranslation();
  return (error) => {
    if (!(error instanceof ApiError) || error.code !== 'claim_conflict') return null;
    const holders = Array.isArray(error.members.holders) ? (error.members.holders as ConflictHolder[]) : [];
    const remaining = typeof error.members.remaining === 'number' ? error.members.remaining : 0;
    if (holders.length === 0) return t('needs.conflictNobody', { remaining });
    const who = holders
      .map((h) =>
        t(h.status === 'offered' ? 'needs.conflictHolderOffered' : 'needs.conflictHolder', {
          name: h.organizationName,
          quantity: h.quantity,
        }),
      )
      .join(t('needs.listSeparator'));
    return t('needs.conflict', { holders: who, remaining });
  };
}

/** An error above a need form: the holders for a claim conflict, else the usual message. */
export function NeedErrorAlert({ error, onClose }: { error: unknown; onClose?: () => void }) {
  const conflict = useConflictText()(error);
  if (!conflict) return <ErrorAlert error={error} onClose={onClose} />;
  return (
    <Alert
      type="warning"
      showIcon
      role="alert"
      title={conflict}
      closable={onClose ? { onClose } : false}
      className="error-alert"
      data-testid="claim-conflict"
    />
  );
}

interface ClaimValues {
  organizationId?: string | null;
  quantity?: number | null;
}

/** Claims a need for an organization, or (coordinators) dispatches it to one. */
export function ClaimModal({
  mode,
  need,
  onClose,
  onDone,
}: {
  mode: 'claim' | 'dispatch' | null;
  need: NeedView;
  onClose: () => void;
  onDone: (text: string) => void;
}) {
  const { t } = useTranslation();
  const { fieldOrganizationId } = useCapabilities();
  const { message } = useErrorText();
  const queryClient = useQueryClient();
  const [form] = Form.useForm<ClaimValues>();
  const [error, setError] = useState<unknown>(null);
  const [busy, setBusy] = useState(false);
  const own = mode === 'claim' ? fieldOrganizationId : null;
  const remaining = remainingOf(need);

  useEffect(() => {
    if (!mode) return;
    setError(null);
    form.resetFields();
  }, [mode, form]);

  const submit = async (values: ClaimValues) => {
    const organizationId = own ?? values.organizationId;
    if (!mode || !organizationId) return;
    setError(null);
    setBusy(true);
    const body = { organizationId, quantity: values.quantity ?? undefined };
    try {
      if (mode === 'claim') await needApi.claim(need.id, body);
      else await needApi.dispatch(need.id, body);
      // Accepted: the dialog closes at once; the board's panels refetch behind it.
      onDone(mode === 'claim' ? t('needs.claimed') : t('needs.dispatched'));
      onClose();
      void queryClient.invalidateQueries({ queryKey: boardKey(need.incidentId) });
    } catch (failure) {
      // The holders changed under us: show who has it now.
      if (failure instanceof ApiError && failure.code === 'claim_conflict') {
        setError(failure);
        void queryClient.invalidateQueries({ queryKey: boardKey(need.incidentId) });
      } else if (!showFieldError(form, failure, [['organizationId'], ['quantity']], message(failure))) {
        setError(failure);
      }
    } finally {
      setBusy(false);
    }
  };

  return (
    <Modal
      open={mode !== null}
      title={mode === 'dispatch' ? t('needs.dispatchTitle', { title: need.title }) : t('needs.claimTitle', { title: need.title })}
      okText={mode === 'dispatch' ? t('needs.dispatchSubmit') : t('needs.claimSubmit')}
      cancelText={t('common.cancel')}
      onOk={() => form.submit()}
      confirmLoading={busy}
      onCancel={onClose}
      destroyOnHidden
      data-testid="claim-modal"
    >
      <Form<ClaimValues> form={form} name="claim-need" layout="vertical" onFinish={submit} preserve={false}>
        <NeedErrorAlert error={error} onClose={() => setError(null)} />
        <Typography.Paragraph type="secondary">
          {t('needs.remainingLine', { remaining, quantity: need.quantity, unit: need.unit })}
        </Typography.Paragraph>
        {own ? (
          <Form.Item label={t('needs.forOrganization')}>
            <OrganizationName id={own} />
          </Form.Item>
        ) : (
          <Form.Item
            name="organizationId"
            label={mode === 'dispatch' ? t('needs.dispatchTo') : t('needs.forOrganization')}
            rules={[{ required: true, message: t('form.required') }]}
          >
            <OrganizationPicker />
          </Form.Item>
        )}
        <Form.Item name="quantity" label={t('needs.claimQuantity', { unit: need.unit })} extra={t('needs.claimQuantityHint')}>
          <InputNumber
            min={1}
            max={1_000_000}
            precision={0}
            placeholder={t('needs.allRemaining', { remaining })}
            className="quantity-input-wide"
          />
        </Form.Item>
        {mode === 'dispatch' ? <Typography.Text type="secondary">{t('needs.dispatchHint')}</Typography.Text> : null}
      </Form>
    </Modal>
  );
}

const CLOSE_REASONS = ['duplicate', 'not_found', 'done_by_others', 'referred'] as const;
type CloseChoice = (typeof CLOSE_REASONS)[number];
type CloseValues = { reason?: CloseChoice; note?: string };
const CLOSE_FIELDS = [['reason'], ['note']] as const;

/** Closes a need with a reason, and (optionally) a photo from the scene kept as evidence. */
export function CloseNeedModal({ need, open, onClose }: { need: NeedView; open: boolean; onClose: () => void }) {
  const { t } = useTranslation();
  const prepare = useEvidencePhoto();
  const queryClient = useQueryClient();
  const [form] = Form.useForm<CloseValues>();
  /** The photo picked, by its name, and it made ready to send (smaller, on the device), which the close awaits. */
  const [photo, setPhoto] = useState<{ name: string; ready: Promise<PreparedEvidence> } | null>(null);
  const [photoProblem, setPhotoProblem] = useState<string | null>(null);
  const submission = useFormSubmit(form, CLOSE_FIELDS, () => {
    setPhoto(null);
    setPhotoProblem(null);
    onClose();
  });
  const chosenReason = Form.useWatch('reason', form);

  const submit = async ({ reason, note }: CloseValues) => {
    if (!reason) return;
    await submission.run(async () => {
      // The photo first: a holder may no longer add one once the need is closed.
      if (photo) {
        const { photo: blob, problem } = await photo.ready;
        if (!blob) {
          setPhotoProblem(problem);
          return;
        }
        await needApi.addEvidence(need.id, blob);
        setPhoto(null); // kept on the record: a retried close must not send it twice
      }
      await needApi.close(need.id, { reason, note: note?.trim() || null });
      await queryClient.invalidateQueries({ queryKey: boardKey(need.incidentId) });
      submission.close();
    });
  };

  return (
    <FormModal
      form={form}
      submission={submission}
      open={open}
      title={t('needs.closeTitle', { title: need.title })}
      okText={t('needs.closeSubmit')}
      danger
    >
      <Form form={form} name="close-need" layout="vertical" onFinish={submit} preserve={false}>
        <Form.Item name="reason" label={t('needs.closeReason')} rules={[{ required: true, message: t('form.required') }]}>
          <Radio.Group className="radio-stack">
            {CLOSE_REASONS.map((r) => (
              <Radio key={r} value={r}>
                {t(`need.closeReason.${r}`)}
              </Radio>
            ))}
          </Radio.Group>
        </Form.Item>
        <Form.Item
          name="note"
          label={t('needs.closeNote')}
          rules={
            chosenReason === 'duplicate' ? [] : [{ required: true, whitespace: true, message: t('needs.closeNoteRequired') }]
          }
          extra={chosenReason === 'duplicate' ? t('needs.closeDuplicateHint') : undefined}
        >
          <Input.TextArea rows={3} maxLength={1000} showCount />
        </Form.Item>
        <Form.Item
          label={t('needs.closePhoto')}
          validateStatus={photoProblem ? 'error' : undefined}
          help={photoProblem ?? undefined}
          extra={t('needs.closePhotoHint')}
        >
          <Upload
            accept={EVIDENCE_ACCEPT}
            maxCount={1}
            fileList={photo ? [{ uid: 'photo', name: photo.name, status: 'done' }] : []}
            beforeUpload={(file) => {
              const picked = { name: file.name, ready: prepare(file) };
              setPhoto(picked);
              setPhotoProblem(null);
              // A photo that could not be made ready fails the close, which says why.
              void picked.ready
                .then(({ problem }) => {
                  if (!problem) return;
                  setPhotoProblem(problem);
                  setPhoto((current) => (current === picked ? null : current));
                })
                .catch(() => undefined);
              return false; // sent with the close, not now
            }}
            onRemove={() => setPhoto(null)}
          >
            <Button icon={<CameraOutlined />}>{t('needs.closePhotoPick')}</Button>
          </Upload>
        </Form.Item>
      </Form>
    </FormModal>
  );
}

/** Merges this need into another of the incident (it is closed as a duplicate; both histories stay). */
export function MergeNeedModal({
  need,
  open,
  suggested,
  onClose,
}: {
  need: NeedView;
  open: boolean;
  /** A likely original to preselect (from the duplicate flags). */
  suggested?: string | null;
  onClose: () => void;
}) {
  const { t } = useTranslation();
  const dateTime = useDateTime();
  const queryClient = useQueryClient();
  const [into, setInto] = useState<string | null>(null);
  const [error, setError] = useState<unknown>(null);
  const [busy, setBusy] = useState(false);
  const targets = useQuery({
    queryKey: [...boardKey(need.incidentId), 'merge-targets'],
    queryFn: () => needApi.list(need.incidentId, { status: [...ACTIVE_NEED_STATUSES, 'fulfilled'], limit: 200 }),
    enabled: open,
  });

  useEffect(() => {
    if (open) {
      setInto(suggested ?? null);
      setError(null);
    }
  }, [open, suggested]);

  const submit = async () => {
    if (!into) return;
    setError(null);
    setBusy(true);
    try {
      await needApi.merge(need.id, into);
      await queryClient.invalidateQueries({ queryKey: boardKey(need.incidentId) });
      onClose();
    } catch (failure) {
      setError(failure);
    } finally {
      setBusy(false);
    }
  };

  const options = (targets.data?.items ?? [])
    .filter((n) => n.id !== need.id)
    .map((n) => ({ value: n.id, label: `${n.title} · ${t(`category.${n.category}`)} · ${dateTime(n.createdAt)}` }));

  return (
    <Modal
      open={open}
      title={t('needs.mergeTitle', { title: need.title })}
      okText={t('needs.mergeSubmit')}
      okButtonProps={{ disabled: !into }}
      cancelText={t('common.cancel')}
      onOk={() => void submit()}
      confirmLoading={busy}
      onCancel={onClose}
      destroyOnHidden
    >
      <ErrorAlert error={error} onClose={() => setError(null)} />
      <Typography.Paragraph type="secondary">{t('needs.mergeIntro')}</Typography.Paragraph>
      <label htmlFor="merge-into" className="form-label">
        {t('needs.mergeInto')}
      </label>
      <Select
        id="merge-into"
        className="full-width"
        showSearch={{ optionFilterProp: 'label' }}
        loading={targets.isPending}
        value={into ?? undefined}
        onChange={(value: string) => setInto(value)}
        options={options}
        placeholder={t('form.choose')}
        notFoundContent={t('common.noMatch')}
      />
    </Modal>
  );
}
