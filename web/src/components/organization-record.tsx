/**
 * An organization's record on the platform (GET /organizations/{id}/record): claims, dispatches,
 * time to first progress, check-in discipline, after-action ratings and the track-record factor
 * recommendations use — in full on its profile, in one line on the cultivation desk.
 */
import { useQuery } from '@tanstack/react-query';
import { Card, Col, Progress, Row, Spin, Statistic, Tooltip } from 'antd';
import { useTranslation } from 'react-i18next';
import { organizationApi } from '../api';
import type { OrganizationRecord } from '../types';
import { ErrorAlert } from './error-alert';

export function useOrganizationRecord(id: string) {
  return useQuery({ queryKey: ['organization-record', id], queryFn: () => organizationApi.record(id), staleTime: 60_000 });
}

const share = (x: number | null) => (x === null ? '—' : `${Math.round(x * 100)}%`);

function TrackRecord({ record }: { record: OrganizationRecord }) {
  const { t } = useTranslation();
  return (
    <Tooltip title={t('organization.record.trackRecordHelp')}>
      <Progress
        type="dashboard"
        size={88}
        percent={Math.round(record.trackRecord * 100)}
        format={() => record.trackRecord.toFixed(2)}
        aria-label={t('organization.record.trackRecord')}
      />
    </Tooltip>
  );
}

/** The full record, on the organization's profile. */
export function OrganizationRecordCard({ id }: { id: string }) {
  const { t } = useTranslation();
  const query = useOrganizationRecord(id);
  const r = query.data;
  return (
    <Card title={t('organization.record.title')} className="section-card" data-testid="organization-record">
      {query.error ? <ErrorAlert error={query.error} /> : null}
      {!r ? (
        query.isPending ? (
          <Spin />
        ) : null
      ) : (
        <Row gutter={[24, 16]} align="middle">
          <Col xs={12} md={6} xl={4}>
            <Statistic
              title={t('organization.record.claims')}
              value={r.claims.fulfilled}
              suffix={<span className="muted small">{t('organization.record.dropped', { count: r.claims.dropped })}</span>}
            />
          </Col>
          <Col xs={12} md={6} xl={4}>
            <Statistic
              title={t('organization.record.dispatches')}
              value={r.dispatches.accepted}
              suffix={<span className="muted small">{t('organization.record.declined', { count: r.dispatches.declined })}</span>}
            />
          </Col>
          <Col xs={12} md={6} xl={4}>
            <Statistic
              title={t('organization.record.firstProgress')}
              value={
                r.medianMinutesToFirstProgress === null
                  ? t('organization.record.none')
                  : t('organization.record.minutes', { count: r.medianMinutesToFirstProgress })
              }
            />
          </Col>
          <Col xs={12} md={6} xl={4}>
            <Statistic
              title={t('organization.record.checkIns')}
              value={share(r.checkIns.share)}
              suffix={
                <span className="muted small">
                  {t('organization.record.checkInsDetail', { kept: r.checkIns.kept, missed: r.checkIns.missed })}
                </span>
              }
            />
          </Col>
          <Col xs={12} md={6} xl={4}>
            <Statistic
              title={t('organization.record.ratings')}
              value={r.ratings.mean === null ? t('organization.record.none') : `${r.ratings.mean} / 5`}
              suffix={<span className="muted small">{t('organization.record.ratingsDetail', { count: r.ratings.count })}</span>}
            />
          </Col>
          <Col xs={12} md={6} xl={4}>
            <div className="muted small">{t('organization.record.trackRecord')}</div>
            <TrackRecord record={r} />
          </Col>
        </Row>
      )}
    </Card>
  );
}

/** One line of the record, on the cultivation desk. */
export function OrganizationRecordLine({ id }: { id: string }) {
  const { t } = useTranslation();
  const { data: r } = useOrganizationRecord(id);
  if (!r) return <span className="muted">…</span>;
  return (
    <span data-testid="desk-record">
      {t('organization.record.fulfilled', { count: r.claims.fulfilled })} ·{' '}
      {t('organization.record.dropped', { count: r.claims.dropped })} · {t('organization.record.checkIns')}{' '}
      {share(r.checkIns.share)} · {t('organization.record.ratings')} {r.ratings.mean === null ? '—' : `${r.ratings.mean}/5`} ·{' '}
      <Tooltip title={t('organization.record.trackRecordHelp')}>
        <span className="strong">
          {t('organization.record.trackRecord')} {r.trackRecord.toFixed(2)}
        </span>
      </Tooltip>
    </span>
  );
}
