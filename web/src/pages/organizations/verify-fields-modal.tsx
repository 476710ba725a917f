/** A coordinator confirms an organization's own fields against its documents (核验字段). */
import { useQueryClient } from '@tanstack/react-query';
import { App, Checkbox, Flex, Modal, Typography } from 'antd';
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { VERIFIABLE_FIELDS } from '../../../../src/model/embedding';
import { embeddingApi } from '../../api';
import { ErrorAlert } from '../../components/error-alert';
import type { OrganizationDetail, VerifiableField } from '../../types';

/** Whether a field has a value to verify. */
export function hasValue(org: OrganizationDetail, field: VerifiableField): boolean {
  const value = org[field];
  return Array.isArray(value) ? value.length > 0 : value !== null && value !== '';
}

export function VerifyFieldsModal({ org, open, onClose }: { org: OrganizationDetail; open: boolean; onClose: () => void }) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const queryClient = useQueryClient();
  const [checked, setChecked] = useState<VerifiableField[]>([]);
  const [error, setError] = useState<unknown>(null);
  const [saving, setSaving] = useState(false);

  useEffect(() => {
    if (!open) return;
    setError(null);
    setChecked(VERIFIABLE_FIELDS.filter((f) => hasValue(org, f) && !org.verifiedFields.includes(f)));
  }, [open, org]);

  const submit = async () => {
    setError(null);
    setSaving(true);
    try {
      await embeddingApi.verifyFields(org.id, checked);
      await Promise.all([
        queryClient.invalidateQueries({ queryKey: ['embedding', org.id] }),
        queryClient.invalidateQueries({ queryKey: ['organization', org.id] }),
      ]);
      message.success(t('embedding.fieldsVerified'));
      onClose();
    } catch (failure) {
      setError(failure);
    } finally {
      setSaving(false);
    }
  };

  return (
    <Modal
      open={open}
      title={t('embedding.verifyFieldsTitle', { name: org.name })}
      okText={t('embedding.verify')}
      okButtonProps={{ disabled: checked.length === 0 }}
      cancelText={t('common.cancel')}
      onOk={submit}
      confirmLoading={saving}
      onCancel={onClose}
    >
      <ErrorAlert error={error} onClose={() => setError(null)} />
      <Typography.Paragraph type="secondary">{t('embedding.verifyFieldsHint')}</Typography.Paragraph>
      <Checkbox.Group value={checked} onChange={(values) => setChecked(values as VerifiableField[])} className="full-width">
        <Flex vertical gap={10}>
          {VERIFIABLE_FIELDS.map((field) => (
            <Checkbox key={field} value={field} disabled={!hasValue(org, field)}>
              {t(`field.${field}`)}
              {!hasValue(org, field) ? <span className="muted small">（{t('embedding.noValue')}）</span> : null}
              {org.verifiedFields.includes(field) ? (
                <span className="muted small">（{t('embedding.alreadyVerified')}）</span>
              ) : null}
            </Checkbox>
          ))}
        </Flex>
      </Checkbox.Group>
    </Modal>
  );
}
