/** The board's warnings: the incident's alerts, current first, and the composer for its coordinators. */
import { useQuery } from '@tanstack/react-query';
import { Button, Card, Empty, List } from 'antd';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router-dom';
import { alertApi } from '../../api';
import { ErrorAlert } from '../../components/error-alert';
import type { IncidentDetail } from '../../types';
import { AlertTags } from '../alerts/alert-parts';
import { type LiveMode, pollInterval } from './live-updates';

export function AlertsCard({ incident, live }: { incident: IncidentDetail; live: LiveMode }) {
  const { t } = useTranslation();
  const alerts = useQuery({
    queryKey: ['alerts', 'incident', incident.id],
    queryFn: () => alertApi.ofIncident(incident.id),
    refetchInterval: pollInterval(live),
  });
  const items = [...(alerts.data?.items ?? [])].sort((a, b) => Number(b.current) - Number(a.current));
  return (
    <Card
      size="small"
      title={t('alerts.boardTitle')}
      className="board-alerts"
      data-testid="board-alerts"
      extra={
        alerts.data?.viewerCanPublish && incident.stage !== 'closed' ? (
          <Link to={`/warnings/new?incident=${encodeURIComponent(incident.id)}`}>
            <Button size="small">{t('alerts.compose')}</Button>
          </Link>
        ) : null
      }
    >
      {alerts.error ? <ErrorAlert error={alerts.error} /> : null}
      {items.length === 0 && !alerts.isPending ? (
        <Empty description={t('alerts.none')} image={Empty.PRESENTED_IMAGE_SIMPLE} />
      ) : null}
      <List
        size="small"
        dataSource={items}
        renderItem={(a) => (
          <List.Item key={a.id}>
            <List.Item.Meta
              title={<Link to={`/alerts/${encodeURIComponent(a.id)}`}>{a.headline ?? a.event}</Link>}
              description={
                <>
                  <AlertTags alert={a} />
                  <span className="muted">{a.areaDesc}</span>
                </>
              }
            />
          </List.Item>
        )}
      />
    </Card>
  );
}
