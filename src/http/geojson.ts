/** `?format=geojson` on lists (README, Exchange formats): the same answer as a FeatureCollection. */
import type { FastifyReply } from 'fastify';
import { Type } from 'typebox';
import { type FeatureCollection, GEOJSON_MEDIA_TYPE } from '../interop/geojson';

export const GeoJsonFormat = Type.Optional(
  Type.Enum(['json', 'geojson'], {
    description: 'geojson: the same list as an RFC 7946 FeatureCollection (application/geo+json), [lon, lat]',
  }),
);

/** Sends a collection as GeoJSON. A string is sent as it is: the list's JSON schema does not apply. */
export function sendGeoJson(reply: FastifyReply, collection: FeatureCollection) {
  return reply.type(GEOJSON_MEDIA_TYPE).send(JSON.stringify(collection) as never);
}
