/** 已核验 (green, who and when on hover) or 自报 (grey): whether a coordinator has checked something. */
import { SafetyCertificateOutlined } from '@ant-design/icons';
import { Tag, Tooltip } from 'antd';
import { useTranslation } from 'react-i18next';
import { useDateTime } from '../format';
import type { Verification } from '../types';
import { useActorLabel } from './actor-name';

export function VerificationTag({ verification, verified }: { verification?: Verification | null; verified?: boolean }) {
  const { t } = useTranslation();
  const dateTime = useDateTime();
  const actor = useActorLabel();
  if (!verification && !verified) {
    return (
      <Tooltip title={t('embedding.selfDeclaredHint')}>
        <Tag color="default" className="verification-tag" data-testid="self-declared">
          {t('embedding.selfDeclared')}
        </Tag>
      </Tooltip>
    );
  }
  const tag = (
    <Tag color="success" icon={<SafetyCertificateOutlined />} className="verification-tag" data-testid="verified">
      {t('embedding.verified')}
    </Tag>
  );
  if (!verification) return tag;
  return (
    <Tooltip title={t('embedding.verifiedBy', { by: actor(verification.by), at: dateTime(verification.at) })}>{tag}</Tooltip>
  );
}
