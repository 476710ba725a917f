/**
 * Alerts as answered. A warning published to the public (CAP scope Public) holds nothing
 * personal: every reader gets the same fields, signed-in readers also the incidents it concerns
 * and whether they may update or cancel it.
 */
import { incidentsOfAlerts } from '../../db/repositories/alerts';
import type { Executor } from '../../db/schema';
import { type Alert, isCurrent } from '../../model/alert';
import type { Actor } from '../context';
import { canManageIncident, canPublishAlerts } from '../policy';

/** What every reader, the anonymous included, gets of a public alert. */
export type PublicAlertView = Omit<Alert, 'xml'> & { current: boolean };

export type AlertView = PublicAlertView & {
  incidentIds: string[];
  /** Whether the reader may send an update or a cancellation of it. */
  viewerCanUpdate: boolean;
};

/** Settings of early warnings: our CAP sender and the senders accepted by ingest. */
export interface AlertSettings {
  sender: string;
  /** null: any sender. */
  allowedSenders: string[] | null;
}

export function publicAlertView({ xml: _xml, ...alert }: Alert, now: Date): PublicAlertView {
  return { ...alert, current: isCurrent(alert, now) };
}

export async function presentAlerts(db: Executor, actor: Actor, alerts: readonly Alert[], now: Date): Promise<AlertView[]> {
  const links = await incidentsOfAlerts(
    db,
    alerts.map((a) => a.id),
  );
  return alerts.map((a) => ({
    ...publicAlertView(a, now),
    incidentIds: links.get(a.id) ?? [],
    viewerCanUpdate:
      a.origin === 'published' &&
      a.state === 'current' &&
      a.msgType !== 'Cancel' &&
      canPublishAlerts(actor) &&
      canManageIncident(actor, a.jurisdictions),
  }));
}
