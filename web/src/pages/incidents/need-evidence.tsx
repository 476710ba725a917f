/**
 * Evidence photos of a need (现场照片): thumbnails for those who may see its personal data —
 * photos may show people — and an upload for its coordinators and active holders. A photo
 * goes as the request body itself, checked here first so a wrong file never crosses a weak
 * network only to be refused.
 */
import { CameraOutlined } from '@ant-design/icons';
import { useQueryClient } from '@tanstack/react-query';
import { App, Button, Flex, Image, Typography, Upload, type UploadProps } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { evidenceUrl } from '../../api';
import { useErrorText } from '../../error-text';
import { useDateTime } from '../../format';
import type { NeedDetail } from '../../types';
import { useFieldSubmit } from './field-submit';
import { boardKey } from './live-updates';

/** What the server takes as evidence (src/services/needs/manage-needs.ts). */
const EVIDENCE_TYPES = ['image/jpeg', 'image/png', 'image/webp'];
const MAX_MEGABYTES = 10;

/** For the file picker: offers only the photos the server takes. */
export const EVIDENCE_ACCEPT = EVIDENCE_TYPES.join(',');

/** Why a file cannot be sent as evidence, in the reader's words; null when it can. */
export function useEvidenceProblem(): (file: Blob) => string | null {
  const { t } = useTranslation();
  return (file) => {
    if (!EVIDENCE_TYPES.includes(file.type)) return t('needs.evidenceWrongType');
    if (file.size <= MAX_MEGABYTES * 1024 * 1024) return null;
    // Rounded up, so a photo just over the limit never reads as "10.0 MB".
    const size = (Math.ceil((file.size / (1024 * 1024)) * 10) / 10).toFixed(1);
    return t('needs.evidenceTooLarge', { size, max: MAX_MEGABYTES });
  };
}

/** The evidence entries of a need's history, oldest first. */
function evidenceOf(need: NeedDetail): { file: string; at: string }[] {
  return need.history.flatMap((entry) => {
    const detail = entry.detail as { file?: unknown } | null;
    return entry.kind === 'evidence' && typeof detail?.file === 'string' ? [{ file: detail.file, at: entry.at }] : [];
  });
}

/** A grey square for a photo the browser could not load (removed, or no longer ours to see). */
const MISSING =
  "data:image/svg+xml,%3Csvg xmlns='http://www.w3.org/2000/svg' viewBox='0 0 1 1'%3E%3Crect width='1' height='1' fill='%23eef0f4'/%3E%3C/svg%3E";

export function EvidenceSection({ need, mayUpload }: { need: NeedDetail; mayUpload: boolean }) {
  const { t } = useTranslation();
  const dateTime = useDateTime();
  const { message: toast } = App.useApp();
  const { full } = useErrorText();
  const problemOf = useEvidenceProblem();
  const queryClient = useQueryClient();
  const [uploading, setUploading] = useState(0);
  const field = useFieldSubmit();
  const photos = evidenceOf(need);

  const beforeUpload: UploadProps['beforeUpload'] = (file) => {
    const problem = problemOf(file);
    if (!problem) return true;
    toast.error(problem);
    return Upload.LIST_IGNORE;
  };

  const customRequest: UploadProps['customRequest'] = ({ file, onSuccess, onError }) => {
    if (!(file instanceof Blob)) return;
    setUploading((n) => n + 1);
    // Through the outbox: a large photo is downscaled on the phone first; without a network it waits there.
    field
      .submit<{ file: string }>('evidence', need.title, `/needs/${encodeURIComponent(need.id)}/evidence`, file)
      .then(async (result) => {
        onSuccess?.(result.sent ? result.answer : null);
        await queryClient.invalidateQueries({ queryKey: boardKey(need.incidentId) });
        if (result.sent) toast.success(t('needs.evidenceUploaded'));
        else toast.info(field.keptOffline);
      })
      .catch((failure: unknown) => {
        onError?.(failure instanceof Error ? failure : new Error(String(failure)));
        toast.error(full(failure));
      })
      .finally(() => setUploading((n) => n - 1));
  };

  return (
    <section data-testid="need-evidence">
      <Typography.Title level={2} className="section-title drawer-section">
        {t('needs.evidenceTitle')}
      </Typography.Title>
      {!need.personalDataVisible ? (
        <div className="personal-hidden">{t('needs.personalHidden')}</div>
      ) : (
        <>
          {photos.length === 0 ? (
            <Typography.Text type="secondary">{t('needs.noEvidence')}</Typography.Text>
          ) : (
            <Image.PreviewGroup>
              <Flex wrap gap={8} className="evidence-photos">
                {photos.map((photo) => (
                  <Image
                    key={photo.file}
                    src={evidenceUrl(need.id, photo.file)}
                    alt={t('needs.evidenceAlt', { at: dateTime(photo.at) })}
                    width={88}
                    height={88}
                    fallback={MISSING}
                    classNames={{ image: 'evidence-thumb' }}
                  />
                ))}
              </Flex>
            </Image.PreviewGroup>
          )}
          {mayUpload ? (
            <div className="evidence-upload">
              <Upload
                accept={EVIDENCE_ACCEPT}
                multiple
                showUploadList={false}
                beforeUpload={beforeUpload}
                customRequest={customRequest}
              >
                <Button icon={<CameraOutlined />} loading={uploading > 0}>
                  {t('needs.evidenceUpload')}
                </Button>
              </Upload>
              <span className="muted small">{t('needs.evidenceHint', { max: MAX_MEGABYTES })}</span>
            </div>
          ) : null}
        </>
      )}
    </section>
  );
}
