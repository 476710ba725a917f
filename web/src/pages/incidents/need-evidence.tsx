/**
 * Evidence photos of a need (现场照片): thumbnails for those who may see its personal data —
 * photos may show people — and an upload for its coordinators and active holders (on the board
 * and in "my tasks"). A photo is made smaller on the device first, then checked, so a wrong or
 * oversized file never crosses a weak network only to be refused, and a large camera photo is
 * measured as what will actually be sent.
 */
import { CameraOutlined } from '@ant-design/icons';
import { useQueryClient } from '@tanstack/react-query';
import { App, Button, Flex, Image, Typography, Upload, type UploadProps } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { evidenceUrl } from '../../api';
import { useErrorText } from '../../error-text';
import { useDateTime } from '../../format';
import { preparePhoto } from '../../offline/photo';
import type { NeedDetail } from '../../types';
import { useFieldSubmit } from './field-submit';
import { boardKey } from './live-updates';

/** What the server takes as evidence (src/services/needs/manage-needs.ts). */
const EVIDENCE_TYPES = ['image/jpeg', 'image/png', 'image/webp'];
const MAX_MEGABYTES = 10;

/** For the file picker: offers only the photos the server takes. */
export const EVIDENCE_ACCEPT = EVIDENCE_TYPES.join(',');

/** A photo as it will be sent, or why it cannot be. */
export type PreparedEvidence = { photo: Blob; problem: null } | { photo: null; problem: string };

/**
 * Makes a file ready to send as evidence: a photo of a type the server takes, downscaled on the
 * device (src/offline/photo.ts), and only then held to the size limit.
 */
export function useEvidencePhoto(): (file: Blob) => Promise<PreparedEvidence> {
  const { t } = useTranslation();
  return async (file) => {
    if (!EVIDENCE_TYPES.includes(file.type)) return { photo: null, problem: t('needs.evidenceWrongType') };
    const photo = await preparePhoto(file);
    if (photo.size <= MAX_MEGABYTES * 1024 * 1024) return { photo, problem: null };
    // Rounded up, so a photo just over the limit never reads as "10.0 MB".
    const size = (Math.ceil((photo.size / (1024 * 1024)) * 10) / 10).toFixed(1);
    // Made smaller and still too large, or not an image this browser can make smaller.
    const words = photo === file ? 'needs.evidenceTooLarge' : 'needs.evidenceTooLargeShrunk';
    return { photo: null, problem: t(words, { size, max: MAX_MEGABYTES }) };
  };
}

/**
 * The button that adds evidence photos to a need through the outbox: each is made ready on the
 * device, then sent, or kept there until the network returns. `onAdded` runs after each.
 */
export function EvidenceUpload({ need, onAdded }: { need: { id: string; title: string }; onAdded: () => Promise<unknown> }) {
  const { t } = useTranslation();
  const { message: toast } = App.useApp();
  const { full } = useErrorText();
  const prepare = useEvidencePhoto();
  const field = useFieldSubmit();
  const [uploading, setUploading] = useState(0);

  const customRequest: UploadProps['customRequest'] = ({ file, onSuccess, onError }) => {
    if (!(file instanceof Blob)) return;
    setUploading((n) => n + 1);
    prepare(file)
      .then(async ({ photo, problem }) => {
        if (!photo) {
          toast.error(problem);
          onError?.(new Error(problem));
          return;
        }
        const result = await field.submit<{ file: string }>(
          'evidence',
          need.title,
          `/needs/${encodeURIComponent(need.id)}/evidence`,
          photo,
        );
        onSuccess?.(result.sent ? result.answer : null);
        await onAdded();
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
    <Upload accept={EVIDENCE_ACCEPT} multiple showUploadList={false} customRequest={customRequest}>
      <Button icon={<CameraOutlined />} loading={uploading > 0} data-testid="evidence-upload">
        {t('needs.evidenceUpload')}
      </Button>
    </Upload>
  );
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
  const queryClient = useQueryClient();
  const photos = evidenceOf(need);

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
              <EvidenceUpload
                need={need}
                onAdded={() => queryClient.invalidateQueries({ queryKey: boardKey(need.incidentId) })}
              />
              <span className="muted small">{t('needs.evidenceHint', { max: MAX_MEGABYTES })}</span>
            </div>
          ) : null}
        </>
      )}
    </section>
  );
}
