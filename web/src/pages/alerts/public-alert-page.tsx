/** The public page of a warning: its text for everyone, and its CAP 1.2 document to download. */
import { useQuery } from '@tanstack/react-query';
import { Button, Card, Spin } from 'antd';
import { useTranslation } from 'react-i18next';
import { useParams } from 'react-router-dom';
import { alertApi } from '../../api';
import { ErrorAlert } from '../../components/error-alert';
import { PublicShell } from '../public/public-shell';
import { AlertSummary } from './alert-parts';

export function PublicAlertPage() {
  const { t } = useTranslation();
  const { id = '' } = useParams();
  const alert = useQuery({ queryKey: ['public-alert', id], queryFn: () => alertApi.publicAlert(id) });
  return (
    <PublicShell>
      <Card>
        {alert.isPending ? <Spin /> : null}
        {alert.error ? <ErrorAlert error={alert.error} /> : null}
        {alert.data ? (
          <>
            <AlertSummary alert={alert.data} />
            <Button href={alertApi.capUrl(id)} target="_blank" rel="noopener" data-testid="alert-cap-link">
              {t('alerts.capDocument')}
            </Button>
          </>
        ) : null}
      </Card>
    </PublicShell>
  );
}
