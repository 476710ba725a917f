/**
 * 通行证核验 (checkpoint): verifies a pass on this device with the public keys fetched while
 * online, so a checkpoint whose page is open keeps working when the network drops. The QR code
 * comes from the camera (HTTPS pages only), a photo, or pasted text; online, the page also asks
 * whether the pass was revoked. Installed from this page, it is an app of its own that opens
 * here (its own manifest, linked by checkpoint.html, which the server answers /checkpoint with),
 * and it opens without a network too (the service worker keeps the page).
 */
import { type ChangeEvent, useCallback, useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { ApiError, passApi } from '../api';
import { useErrorText } from '../error-text';
import { useDateTime } from '../format';
import { PassDetails } from '../pages/passes/pass-details';
import { type KeptKeys, refreshKeys } from '../pages/passes/pass-keys';
import { decodeQrFile } from '../pages/passes/read-qr';
import { type PassCheck, verifyPass } from '../pages/passes/verify-pass';
import type { PassStatus } from '../types';
import { CameraScanner, cameraAvailable } from './camera-scanner';
import { Loading, Notice, PublicShell } from './shell';

/** What the server said about the pass: its status, unknown to it, or not asked (offline). */
type Online = { kind: 'asking' } | { kind: 'answer'; status: PassStatus['status'] } | { kind: 'unknown' } | { kind: 'offline' };

type Verdict = 'valid' | 'expired' | 'revoked' | 'invalid';

function verdictOf(check: PassCheck, online: Online | null): Verdict {
  if (!check.ok || online?.kind === 'unknown') return 'invalid';
  if (online?.kind === 'answer' && online.status === 'revoked') return 'revoked';
  if (check.expired || (online?.kind === 'answer' && online.status === 'expired')) return 'expired';
  return 'valid';
}

const RESULT_TONE = { valid: 'success', expired: 'warning', revoked: 'error', invalid: 'error' } as const;

function KeysLine({ keys, error }: { keys: { kept: KeptKeys; fresh: boolean } | null; error: unknown }) {
  const { t } = useTranslation();
  const dateTime = useDateTime();
  const { message } = useErrorText();
  if (error && !keys) {
    return (
      <Notice tone="error">
        <strong>{t('checkpoint.noKeys')}</strong>
        <div>{message(error)}</div>
      </Notice>
    );
  }
  if (!keys) return <Loading />;
  return (
    <div className="pp-hint" data-testid="checkpoint-keys">
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
    <PublicShell home="/checkpoint" brand={t('checkpoint.title')}>
      <h1 className="pp-title">{t('checkpoint.title')}</h1>
      <p className="pp-lead">{t('checkpoint.intro')}</p>
      <KeysLine keys={keys} error={keysError} />
      <div className="pp-actions">
        {cameraAvailable() ? (
          <button type="button" className="pp-button" onClick={() => setCamera(true)} data-testid="checkpoint-camera">
            {t('checkpoint.camera')}
          </button>
        ) : null}
        <label className="pp-button pp-file">
          {t('checkpoint.photo')}
          <input
            type="file"
            accept="image/*"
            capture="environment"
            className="sr-only"
            onChange={(event) => void onPhoto(event)}
            data-testid="checkpoint-photo"
          />
        </label>
      </div>
      {camera ? <CameraScanner onText={onCameraText} onFailure={onCameraFailure} onClose={() => setCamera(false)} /> : null}
      <form
        className="pp-form"
        onSubmit={(event) => {
          event.preventDefault();
          void verify(text);
        }}
      >
        <div className="pp-field">
          <label htmlFor="checkpoint-token" className="pp-label">
            {t('checkpoint.paste')}
          </label>
          <textarea
            id="checkpoint-token"
            className="pp-input"
            rows={3}
            value={text}
            onChange={(event) => setText(event.target.value)}
            spellCheck={false}
            autoComplete="off"
            data-testid="checkpoint-token"
          />
        </div>
        <button type="submit" className="pp-button pp-primary pp-block" data-testid="checkpoint-verify">
          {t('checkpoint.verify')}
        </button>
      </form>
      {problem ? <Notice tone="warning">{problem}</Notice> : null}
      {check && verdict ? (
        <section
          className={`pp-verdict pp-verdict-${RESULT_TONE[verdict]}`}
          data-testid="checkpoint-result"
          data-verdict={verdict}
        >
          <h2 className="pp-verdict-title" role="status">
            {t(`checkpoint.verdict.${verdict}`)}
          </h2>
          {check.ok ? <PassDetails claims={check.claims} /> : <p>{t(`checkpoint.reason.${check.reason}`)}</p>}
          {online ? (
            <div className="pp-hint" data-testid="checkpoint-online">
              {online.kind === 'answer' ? t(`checkpoint.online.${online.status}`) : t(`checkpoint.online.${online.kind}`)}
            </div>
          ) : null}
        </section>
      ) : null}
    </PublicShell>
  );
}
