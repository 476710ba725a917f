/**
 * Alerts' areas as GeoJSON (RFC 7946): one Feature per alert, its polygon as a Polygon of
 * [lon, lat] positions in a closed ring; an alert given only by GB/T 2260 geocodes has a null
 * geometry (the codes are in its properties: we hold no boundaries of the divisions).
 */
import type { Alert } from '../model/alert';

export interface AlertFeature {
  type: 'Feature';
  id: string;
  geometry: { type: 'Polygon'; coordinates: [number, number][][] } | null;
  properties: {
    identifier: string;
    sender: string;
    event: string;
    headline: string | null;
    severity: string;
    warningColor: string | null;
    msgType: string;
    state: string;
    sent: string;
    expires: string | null;
    areaDesc: string;
    geocodes: string[];
  };
}

/** A FeatureCollection of the alerts' areas. */
export function alertsGeoJson(alerts: readonly Omit<Alert, 'xml'>[]): { type: 'FeatureCollection'; features: AlertFeature[] } {
  return {
    type: 'FeatureCollection',
    features: alerts.map((a) => ({
      type: 'Feature',
      id: a.id,
      geometry: a.polygon
        ? { type: 'Polygon', coordinates: [a.polygon.map(([lat, lon]) => [lon, lat] as [number, number])] }
        : null,
      properties: {
        identifier: a.identifier,
        sender: a.sender,
        event: a.event,
        headline: a.headline,
        severity: a.severity,
        warningColor: a.warningColor,
        msgType: a.msgType,
        state: a.state,
        sent: a.sent,
        expires: a.expires,
        areaDesc: a.areaDesc,
        geocodes: a.jurisdictions,
      },
    })),
  };
}
