import { describe, expect, it } from 'vitest';
import { featureCollection } from '../../src/interop/geojson';

describe('GeoJSON shaping (RFC 7946)', () => {
  it('puts [lon, lat] in the geometry, the rest of the record in the properties, and no crs', () => {
    const out = featureCollection(
      [
        { id: 'a', title: '帐篷', lat: 34.775, lon: 113.665, locationPrecision: 'grid' },
        { id: 'b', title: '待定位', lat: null, lon: null },
      ],
      undefined,
      { foreign: { nextCursor: null } },
    );
    expect(out).toEqual({
      type: 'FeatureCollection',
      nextCursor: null,
      features: [
        {
          type: 'Feature',
          id: 'a',
          geometry: { type: 'Point', coordinates: [113.665, 34.775] },
          properties: { id: 'a', title: '帐篷', locationPrecision: 'grid' },
        },
        { type: 'Feature', id: 'b', geometry: null, properties: { id: 'b', title: '待定位' } },
      ],
    });
    expect(out).not.toHaveProperty('crs');
  });

  it('takes the point from elsewhere when told (an organization’s base)', () => {
    const out = featureCollection([{ id: 'o', base: { lat: 1, lon: 2 } }], (o) => o.base, { omit: ['base'] });
    expect(out.features[0]).toEqual({
      type: 'Feature',
      id: 'o',
      geometry: { type: 'Point', coordinates: [2, 1] },
      properties: { id: 'o' },
    });
  });
});
