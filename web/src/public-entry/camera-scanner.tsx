/** Reads a QR code from the camera, frame by frame; browsers allow the camera only on HTTPS pages. Plain elements: it runs in the light public pages. */
import { useEffect, useRef } from 'react';
import { useTranslation } from 'react-i18next';
import { decodeQr } from '../pages/passes/read-qr';

/** Whether this page may ask for the camera at all. */
export function cameraAvailable(): boolean {
  return window.isSecureContext && typeof navigator.mediaDevices?.getUserMedia === 'function';
}

export function CameraScanner({
  onText,
  onFailure,
  onClose,
}: {
  onText: (text: string) => void;
  onFailure: (error: unknown) => void;
  onClose: () => void;
}) {
  const { t } = useTranslation();
  const video = useRef<HTMLVideoElement>(null);
  useEffect(() => {
    let stream: MediaStream | null = null;
    let frame = 0;
    let stopped = false;
    const scan = () => {
      if (stopped) return;
      const v = video.current;
      if (v && v.readyState >= 2) {
        const text = decodeQr(v, v.videoWidth, v.videoHeight);
        if (text) {
          onText(text);
          return;
        }
      }
      frame = requestAnimationFrame(scan);
    };
    navigator.mediaDevices
      .getUserMedia({ video: { facingMode: 'environment' }, audio: false })
      .then(async (s) => {
        stream = s;
        if (stopped || !video.current) return;
        video.current.srcObject = s;
        await video.current.play();
        scan();
      })
      .catch(onFailure);
    return () => {
      stopped = true;
      cancelAnimationFrame(frame);
      for (const track of stream?.getTracks() ?? []) track.stop();
    };
  }, [onText, onFailure]);
  return (
    <div className="checkpoint-camera">
      <video ref={video} muted playsInline aria-label={t('checkpoint.cameraView')} />
      <button type="button" className="pp-button" onClick={onClose}>
        {t('checkpoint.closeCamera')}
      </button>
    </div>
  );
}
