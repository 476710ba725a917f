/**
 * GeoJSON (RFC 7946): a list as a FeatureCollection of points, [longitude, latitude] in WGS 84
 * and no `crs` member. Each feature's properties are the record exactly as the JSON list gives
 * it to the same reader (the coordinates taken out into the geometry), so the file never tells
 * more, or more precisely, than the list: the privacy rule has already been applied. A record
 * without a place has a null geometry, as the RFC allows. Pure.
 */

export interface Point {
  lat: number;
  lon: number;
}

export interface Feature {
  type: 'Feature';
  id?: string;
  geometry: { type: 'Point'; coordinates: [number, number] } | null;
  properties: Record<string, unknown>;
}

export interface FeatureCollection {
  type: 'FeatureCollection';
  features: Feature[];
  [foreign: string]: unknown;
}

/** The record's position from its `lat`/`lon` fields (null when either is missing). */
export function pointOfLatLon(record: { lat?: unknown; lon?: unknown }): Point | null {
  return typeof record.lat === 'number' && typeof record.lon === 'number' ? { lat: record.lat, lon: record.lon } : null;
}

/** One record as a feature: the geometry from `point`, the other fields (less `omit`) as properties. */
export function toFeature<T extends object>(record: T, point: Point | null, omit: readonly string[] = ['lat', 'lon']): Feature {
  const properties: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(record)) if (!omit.includes(k)) properties[k] = v;
  const id = (record as { id?: unknown }).id;
  return {
    type: 'Feature',
    ...(typeof id === 'string' ? { id } : {}),
    geometry: point ? { type: 'Point', coordinates: [point.lon, point.lat] } : null,
    properties,
  };
}

/**
 * A list as a FeatureCollection. `foreign` members (a page's `nextCursor` and `total`) ride
 * beside `features`, as RFC 7946 §6.1 allows.
 */
export function featureCollection<T extends object>(
  items: readonly T[],
  point: (item: T) => Point | null = pointOfLatLon,
  options: { omit?: readonly string[]; foreign?: Record<string, unknown> } = {},
): FeatureCollection {
  return {
    type: 'FeatureCollection',
    features: items.map((item) => toFeature(item, point(item), options.omit)),
    ...options.foreign,
  };
}

export const GEOJSON_MEDIA_TYPE = 'application/geo+json';
