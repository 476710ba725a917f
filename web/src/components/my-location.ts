/** "Use my location": the browser's position (WGS 84), with a reason in words when it fails. */
import { useState } from 'react';
import { useTranslation } from 'react-i18next';

export interface Position {
  lat: number;
  lon: number;
  accuracy: number;
}

export function useMyLocation(): {
  locate: () => Promise<Position | null>;
  locating: boolean;
  problem: string | null;
  supported: boolean;
} {
  const { t } = useTranslation();
  const [locating, setLocating] = useState(false);
  const [problem, setProblem] = useState<string | null>(null);
  const supported = typeof navigator !== 'undefined' && 'geolocation' in navigator;

  const locate = () =>
    new Promise<Position | null>((resolve) => {
      if (!supported) {
        setProblem(t('location.unsupported'));
        resolve(null);
        return;
      }
      setLocating(true);
      setProblem(null);
      navigator.geolocation.getCurrentPosition(
        (position) => {
          setLocating(false);
          resolve({
            lat: Number(position.coords.latitude.toFixed(6)),
            lon: Number(position.coords.longitude.toFixed(6)),
            accuracy: Math.round(position.coords.accuracy),
          });
        },
        (error) => {
          setLocating(false);
          setProblem(error.code === error.PERMISSION_DENIED ? t('location.denied') : t('location.failed'));
          resolve(null);
        },
        { enableHighAccuracy: true, timeout: 15_000, maximumAge: 60_000 },
      );
    });

  return { locate, locating, problem, supported };
}
