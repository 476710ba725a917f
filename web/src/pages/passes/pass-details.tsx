/** What a pass says, laid out the same on the leader's phone, the printed page and the checkpoint. */
import { useTranslation } from 'react-i18next';
import { useDateTime } from '../../format';
import type { PassClaims } from '../../types';

export function PassDetails({ claims }: { claims: PassClaims }) {
  const { t } = useTranslation();
  const dateTime = useDateTime();
  return (
    <dl className="fact-list pass-facts" data-testid="pass-details">
      <dt>{t('passes.incident')}</dt>
      <dd>{claims.incident.name}</dd>
      <dt>{t('passes.organization')}</dt>
      <dd>{claims.organization.name}</dd>
      <dt>{t('passes.team')}</dt>
      <dd data-testid="pass-team">{claims.team}</dd>
      <dt>{t('passes.headcount')}</dt>
      <dd data-testid="pass-headcount">{t('deployments.people', { count: claims.headcount })}</dd>
      <dt>{t('passes.vehicles')}</dt>
      <dd>{t('deployments.vehicleCount', { count: claims.vehicles })}</dd>
      <dt>{t('passes.zone')}</dt>
      <dd>{claims.zone ?? t('passes.noZone')}</dd>
      <dt>{t('passes.leader')}</dt>
      <dd data-testid="pass-leader">{t('passes.leaderLine', { name: claims.leader.name, last4: claims.leader.phoneLast4 })}</dd>
      <dt>{t('passes.validUntil')}</dt>
      <dd>{dateTime(new Date(claims.exp * 1000).toISOString())}</dd>
    </dl>
  );
}
