/**
 * 通行证: the team leader's pass as a QR code to show on the phone at checkpoints, and a page
 * that prints cleanly (the app's frame is left off the paper).
 */
import { PrinterOutlined, SafetyCertificateOutlined } from '@ant-design/icons';
import { useQuery } from '@tanstack/react-query';
import { Button, Card, Flex, Spin, Typography } from 'antd';
import QRCode from 'qrcode';
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useParams } from 'react-router-dom';
import { passApi } from '../../api';
import { ErrorAlert } from '../../components/error-alert';
import { useDateTime } from '../../format';
import { PassDetails } from './pass-details';

function PassQr({ jws }: { jws: string }) {
  const { t } = useTranslation();
  const [src, setSrc] = useState<string | null>(null);
  useEffect(() => {
    let live = true;
    // Medium error correction: a phone screen with glare or a creased print still reads. Whole
    // pixels per module (scale, not width): a module smeared over fractional pixels defeats decoders.
    void QRCode.toDataURL(jws, { errorCorrectionLevel: 'M', margin: 4, scale: 6 }).then((url) => {
      if (live) setSrc(url);
    });
    return () => {
      live = false;
    };
  }, [jws]);
  return src ? <img className="pass-qr" src={src} alt={t('passes.qrAlt')} data-testid="pass-qr" /> : <Spin />;
}

export function PassPage() {
  const { t } = useTranslation();
  const dateTime = useDateTime();
  const { id = '' } = useParams();
  const query = useQuery({ queryKey: ['pass', id], queryFn: () => passApi.get(id), staleTime: 60_000 });
  if (query.isPending) return <Spin />;
  if (query.error) return <ErrorAlert error={query.error} />;
  const pass = query.data;
  return (
    <div className="pass-page">
      <Card className="pass-card">
        <Flex vertical align="center" gap={12}>
          <Typography.Title level={3} style={{ margin: 0 }}>
            <SafetyCertificateOutlined aria-hidden="true" /> {t('passes.title')}
          </Typography.Title>
          {pass.jws ? <PassQr jws={pass.jws} /> : null}
          <div className="muted small">{t('passes.validUntilLine', { time: dateTime(pass.validUntil) })}</div>
        </Flex>
        {pass.claims ? <PassDetails claims={pass.claims} /> : null}
        <p className="muted small pass-note">{t('passes.note')}</p>
        <p className="muted small code-text pass-id">{t('passes.id', { id: pass.id })}</p>
        <Flex gap={8} wrap className="no-print">
          <Button type="primary" icon={<PrinterOutlined />} onClick={() => window.print()} data-testid="print-pass">
            {t('passes.print')}
          </Button>
          {pass.jws ? (
            <Typography.Text copyable={{ text: pass.jws, tooltips: [t('passes.copy'), t('passes.copied')] }}>
              {t('passes.copyToken')}
            </Typography.Text>
          ) : null}
          <Link to="/checkpoint">{t('passes.openCheckpoint')}</Link>
        </Flex>
      </Card>
    </div>
  );
}
