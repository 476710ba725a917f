/** Warehouses and collection points, their stock, and the movements that change it. */

import { Type } from 'typebox';
import { featureCollection, pointOfLatLon } from '../../interop/geojson';
import { actorId, type Deps } from '../../services/context';
import { createWarehouse } from '../../services/inventory/create-warehouse';
import { getWarehouse, listMovements, listWarehouses, warehouseStock } from '../../services/inventory/read-warehouses';
import { recordMovement } from '../../services/inventory/record-movement';
import type { App } from '../app-types';
import { actorOf } from '../auth';
import { IdParams } from '../common-schemas';
import { GeoJsonFormat, sendGeoJson } from '../geojson';
import { idempotencyOf } from '../idempotency-header';
import {
  MovementBody,
  MovementPage,
  MovementQuery,
  RecordedMovementSchema,
  StockSchema,
  WarehouseBody,
  WarehousePage,
  WarehouseQuery,
  WarehouseSchema,
} from './schemas';

const tags = ['warehouses'];

export async function warehouseRoutes(app: App, deps: Deps): Promise<void> {
  app.post(
    '/api/v1/warehouses',
    {
      schema: {
        tags,
        summary:
          'Register a warehouse or collection point of an organization (admins; coordinators in their area; the organization’s admin)',
        body: WarehouseBody,
        response: { 201: WarehouseSchema },
      },
    },
    async (request, reply) => reply.status(201).send(await createWarehouse(deps, actorOf(request), request.body)),
  );

  app.get(
    '/api/v1/warehouses',
    {
      schema: {
        tags,
        summary:
          'Warehouses and collection points by name, with what each holds; filter by owner and by area (places below it included)',
        querystring: Type.Object({ ...WarehouseQuery.properties, format: GeoJsonFormat }, { additionalProperties: false }),
        response: { 200: WarehousePage },
      },
    },
    async (request, reply) => {
      const { limit, cursor, format, ...filter } = request.query;
      const page = await listWarehouses(deps, actorOf(request), filter, { limit, cursor });
      if (format !== 'geojson') return page;
      const { items, ...rest } = page;
      return sendGeoJson(reply, featureCollection(items, pointOfLatLon, { foreign: rest }));
    },
  );

  app.get(
    '/api/v1/warehouses/:id',
    {
      schema: { tags, summary: 'One warehouse with what it holds', params: IdParams, response: { 200: WarehouseSchema } },
    },
    async (request) => getWarehouse(deps, actorOf(request), request.params.id),
  );

  app.get(
    '/api/v1/warehouses/:id/stock',
    {
      schema: {
        tags,
        summary: 'The stock of a warehouse: every item it has held, with the quantity now (in the item’s unit)',
        params: IdParams,
        response: { 200: StockSchema },
      },
    },
    // Every signed-in account reads stock (the hook refuses the anonymous).
    async (request) => warehouseStock(deps, request.params.id),
  );

  app.get(
    '/api/v1/warehouses/:id/movements',
    {
      schema: {
        tags,
        summary: 'Movements in and out of a warehouse, newest first',
        params: IdParams,
        querystring: MovementQuery,
        response: { 200: MovementPage },
      },
    },
    async (request) => listMovements(deps, request.params.id, request.query),
  );

  app.post(
    '/api/v1/warehouses/:id/movements',
    {
      schema: {
        tags,
        summary:
          'Record a movement (receive, issue, transfer, adjust, write_off) with its ledger posting; 409 insufficient_stock names what is available; send Idempotency-Key to retry safely',
        params: IdParams,
        body: MovementBody,
        response: { 201: RecordedMovementSchema },
      },
    },
    async (request, reply) => {
      const actor = actorOf(request);
      const recorded = await recordMovement(deps, actor, request.params.id, request.body, idempotencyOf(request, actorId(actor)));
      return reply.status(201).send(recorded);
    },
  );
}
