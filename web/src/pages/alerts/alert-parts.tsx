/** Pieces shared by the warning pages and the board card: an alert's tags and its summary. */
import { Descriptions, Flex, Tag, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import { WarningTag } from '../../components/incident-tags';
import type { PublicAlertView } from '../../types';

/** The colour each warning colour is drawn in on maps (the board's and the composer's). */
export const ALERT_COLORS = { red: '#cf1322', orange: '#fa8c16', yellow: '#d4b106', blue: '#1d5bbf' } as const;

/** Message type, state and severity of an alert, as tags. */
export function AlertTags({ alert }: { alert: PublicAlertView }) {
  const { t } = useTranslation();
  return (
    <Flex gap={4} wrap>
      {alert.warningColor ? <WarningTag color={alert.warningColor} /> : null}
      <Tag>{t(`alerts.severity.${alert.severity}`)}</Tag>
      {alert.msgType !== 'Alert' ? <Tag color="blue">{t(`alerts.msgType.${alert.msgType}`)}</Tag> : null}
      <Tag color={alert.current ? 'red' : 'default'} data-testid="alert-state">
        {alert.current ? t('alerts.current') : t(`alerts.state.${alert.state}`)}
      </Tag>
      {alert.origin === 'ingested' ? <Tag color="purple">{t('alerts.ingestedFrom', { sender: alert.sender })}</Tag> : null}
    </Flex>
  );
}

/** The text of an alert: headline, event, description, instruction, areas, times. */
export function AlertSummary({ alert }: { alert: PublicAlertView }) {
  const { t } = useTranslation();
  const time = (iso: string | null) => (iso ? new Date(iso).toLocaleString() : '—');
  return (
    <>
      <Typography.Title level={4} data-testid="alert-headline">
        {alert.headline ?? alert.event}
      </Typography.Title>
      <AlertTags alert={alert} />
      {alert.description ? <Typography.Paragraph className="alert-text">{alert.description}</Typography.Paragraph> : null}
      {alert.instruction ? (
        <Typography.Paragraph strong className="alert-text">
          {alert.instruction}
        </Typography.Paragraph>
      ) : null}
      <Descriptions size="small" column={1}>
        <Descriptions.Item label={t('alerts.field.event')}>{alert.event}</Descriptions.Item>
        <Descriptions.Item label={t('alerts.field.areas')}>{alert.areaDesc || '—'}</Descriptions.Item>
        <Descriptions.Item label={t('alerts.field.sent')}>{time(alert.sent)}</Descriptions.Item>
        <Descriptions.Item label={t('alerts.field.expires')}>{time(alert.expires)}</Descriptions.Item>
        <Descriptions.Item label={t('alerts.field.identifier')}>
          <Typography.Text code>{alert.identifier}</Typography.Text>
        </Descriptions.Item>
        {alert.note ? <Descriptions.Item label={t('alerts.field.reason')}>{alert.note}</Descriptions.Item> : null}
      </Descriptions>
    </>
  );
}

/** A polygon sketched to scale (the area map of a warning when there is no map style). */
export function PolygonSketch({ polygon }: { polygon: [number, number][] }) {
  const { t } = useTranslation();
  if (polygon.length < 3) return null;
  const lats = polygon.map(([lat]) => lat);
  const lons = polygon.map(([, lon]) => lon);
  const [south, north, west, east] = [Math.min(...lats), Math.max(...lats), Math.min(...lons), Math.max(...lons)];
  const span = Math.max(north - south, east - west) || 1;
  const points = polygon
    .map(([lat, lon]) => `${((lon - west) / span) * 180 + 10},${((north - lat) / span) * 180 + 10}`)
    .join(' ');
  return (
    <svg
      viewBox="0 0 200 200"
      width={200}
      height={200}
      role="img"
      aria-label={t('alerts.polygonSketch')}
      className="alert-sketch"
    >
      <rect x={0} y={0} width={200} height={200} fill="#f5f7fa" />
      <polygon points={points} fill="rgba(207,19,34,0.25)" stroke="#cf1322" strokeWidth={2} />
    </svg>
  );
}
