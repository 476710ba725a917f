/**
 * 通行证核验 (checkpoint): verifies a pass on this device with the public keys fetched while
 * online, so a checkpoint whose page is open keeps working when the network drops. The QR code
 * comes from the camera (HTTPS pages only), a photo, or pasted text; online, the page also asks
 * whether the pass was revoked.
 */
import { CameraOutlined, PictureOutlined, SafetyCertificateOutlined } from '@ant-design/icons';
import { Alert, Button, Card, Flex, Input, Result, Spin, Typography } from 'antd';
import { type ChangeEvent, useCallback, useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { ApiError, passApi } from '../../api';
import { useErrorText } from '../../error-text';
import { useDateTime } from '../../format';
import type { PassStatus } from '../../types';
import { PublicShell } from '../public/public-shell';
import { CameraScanner, cameraAvailable } from './camera-scanner';
import { PassDetails } from './pass-details';
import { type KeptKeys, refreshKeys } from './pass-keys';
import { decodeQrFile } from './read-qr';
import { type PassCheck, verifyPass } from './verify-pass';

/** What the server said about the pass: its status, unknown to it, or not asked (offline). */
type Online = { kind: 'asking' } | { kind: 'answer'; status: PassStatus['status'] } | { kind: 'unknown' } | { kind: 'offline' };

type Verdict = 'valid' | 'expired' | 'revoked' | 'invalid';

function verdictOf(check: PassCheck, online: Online | null): Verdict {
  if (!check.ok || online?.kind === 'unknown') return 'invalid';
  if (online?.kind === 'answer' && online.status === 'revoked') return 'revoked';
  if (check.expired || (online?.kind === 'answer' && online.status === 'expired')) return 'expired';
  return 'valid';
}

const RESULT_STATUS = { valid: 'success', expired: 'warning', revoked: 'error', invalid: 'error' } as const;

function KeysLine({ keys, error }: { keys: { kept: KeptKeys; fresh: boolean } | null; error: unknown }) {
  const { t } = useTranslation();
  const dateTime = useDateTime();
  const { message } = useErrorText();
  if (error && !keys) return <Alert type="error" showIcon title={t('checkpoint.noKeys')} description={message(error)} />;
  if (!keys) return <Spin size="small" />;
  return (
    <div className="muted small" data-testid="checkpoint-keys">
      {keys.fresh
        ? t('checkpoint.keysFresh', { count: keys.kept.jwks.keys.length })
        : t('checkpoint.keysKept', { count: keys.kept.jwks.keys.length, time: dateTime(keys.kept.fetchedAt) })}
    </div>
  );
}

export function CheckpointPage() {
  const { t } = useTranslation();
  const [keys, setKeys] = useState<{ kept: KeptKeys; fresh: boolean } | null>(null);
  const [keysError, setKeysError] = useState<unknown>(null);
  const [text, setText] = useState('');
  const [check, setCheck] = useState<PassCheck | null>(null);
  const [online, setOnline] = useState<Online | null>(null);
  const [problem, setProblem] = useState<string | null>(null);
  const [camera, setCamera] = useState(false);

  useEffect(() => {
    refreshKeys().then(setKeys, setKeysError);
  }, []);

  const verify = useCallback(
    async (token: string) => {
      setProblem(null);
      setOnline(null);
      const trimmed = token.trim();
      if (!trimmed) return;
      // Keys fetched at the start, or kept from an earlier visit; tried again in case a new key came out since.
      let current = keys;
      if (!current) {
        try {
          current = await refreshKeys();
          setKeys(current);
        } catch (failure) {
          setKeysError(failure);
          return;
        }
      }
      const result = verifyPass(trimmed, current.kept.jwks, new Date());
      setCheck(result);
      if (!result.ok) return;
      setOnline({ kind: 'asking' });
      try {
        setOnline({ kind: 'answer', status: (await passApi.status(result.claims.jti)).status });
      } catch (failure) {
        setOnline(failure instanceof ApiError && failure.code === 'not_found' ? { kind: 'unknown' } : { kind: 'offline' });
      }
    },
    [keys],
  );

  const onPhoto = async (event: ChangeEvent<HTMLInputElement>) => {
    const file = event.target.files?.[0];
    event.target.value = '';
    if (!file) return;
    setCheck(null);
    try {
      const found = await decodeQrFile(file);
      if (!found) {
        setProblem(t('checkpoint.noCode'));
        return;
      }
      setText(found);
      await verify(found);
    } catch {
      setProblem(t('checkpoint.badImage'));
    }
  };

  const onCameraText = useCallback(
    (found: string) => {
      setCamera(false);
      setText(found);
      void verify(found);
    },
    [verify],
  );
  const onCameraFailure = useCallback(() => {
    setCamera(false);
    setProblem(t('checkpoint.cameraFailed'));
  }, [t]);

  const verdict = check ? verdictOf(check, online) : null;
  return (
    <PublicShell>
      <Card className="checkpoint-card">
        <Typography.Title level={3}>
          <SafetyCertificateOutlined aria-hidden="true" /> {t('checkpoint.title')}
        </Typography.Title>
        <p className="muted">{t('checkpoint.intro')}</p>
        <KeysLine keys={keys} error={keysError} />
        <Flex gap={8} wrap className="checkpoint-inputs">
          {cameraAvailable() ? (
            <Button icon={<CameraOutlined />} onClick={() => setCamera(true)} data-testid="checkpoint-camera">
              {t('checkpoint.camera')}
            </Button>
          ) : null}
          <label className="checkpoint-photo">
            <PictureOutlined aria-hidden="true" /> {t('checkpoint.photo')}
            <input
              type="file"
              accept="image/*"
              capture="environment"
              className="sr-only"
              onChange={(event) => void onPhoto(event)}
              data-testid="checkpoint-photo"
            />
          </label>
        </Flex>
        {camera ? <CameraScanner onText={onCameraText} onFailure={onCameraFailure} onClose={() => setCamera(false)} /> : null}
        <form
          className="checkpoint-paste"
          onSubmit={(event) => {
            event.preventDefault();
            void verify(text);
          }}
        >
          <label htmlFor="checkpoint-token">{t('checkpoint.paste')}</label>
          <Input.TextArea
            id="checkpoint-token"
            rows={3}
            value={text}
            onChange={(event) => setText(event.target.value)}
            spellCheck={false}
            autoComplete="off"
            data-testid="checkpoint-token"
          />
          <Button type="primary" htmlType="submit" data-testid="checkpoint-verify">
            {t('checkpoint.verify')}
          </Button>
        </form>
        {problem ? <Alert type="warning" showIcon title={problem} /> : null}
        {check && verdict ? (
          <div data-testid="checkpoint-result" data-verdict={verdict}>
            <Result
              status={RESULT_STATUS[verdict]}
              title={t(`checkpoint.verdict.${verdict}`)}
              subTitle={check.ok ? null : t(`checkpoint.reason.${check.reason}`)}
            />
            {check.ok ? <PassDetails claims={check.claims} /> : null}
            {online ? (
              <div className="muted small" data-testid="checkpoint-online">
                {online.kind === 'answer' ? t(`checkpoint.online.${online.status}`) : t(`checkpoint.online.${online.kind}`)}
              </div>
            ) : null}
          </div>
        ) : null}
      </Card>
    </PublicShell>
  );
}
