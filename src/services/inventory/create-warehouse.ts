/**
 * A warehouse or collection point (仓库, 收集点) of an organization: registered by platform
 * admins, by a coordinator whose area holds its place, or by the organization's own admin.
 */
import { insertWarehouse } from '../../db/repositories/warehouses';
import { AppError } from '../../model/errors';
import { newId } from '../../model/ids';
import type { Warehouse, WarehouseKind } from '../../model/inventory';
import { findJurisdiction } from '../../model/jurisdictions';
import { recordChange } from '../audit/record-change';
import { type Actor, type Deps, nowIso } from '../context';
import { requiredText } from '../declarations';
import { organizationForChange } from '../organizations/load-organization';
import { assertCanCreateWarehouse } from '../policy';
import { presentWarehouses, type WarehouseView } from './read-warehouses';

export interface WarehouseInput {
  name: string;
  organizationId: string;
  jurisdiction: string;
  lat: number;
  lon: number;
  kind?: WarehouseKind;
  address?: string | null;
}

export async function createWarehouse(deps: Deps, actor: Actor, input: WarehouseInput): Promise<WarehouseView> {
  const name = requiredText(input.name, 'name');
  if (!findJurisdiction(input.jurisdiction)) {
    throw new AppError('unknown_jurisdiction', {
      field: 'jurisdiction',
      detail: `jurisdiction: no GB/T 2260 division has the code ${input.jurisdiction}`,
    });
  }
  assertCanCreateWarehouse(actor, input);
  return deps.db.transaction().execute(async (trx) => {
    const owner = await organizationForChange(trx, input.organizationId).catch((error: unknown) => {
      // Name the field: the warehouse's owner is the record at fault, not the warehouse.
      if (error instanceof AppError) throw new AppError(error.code, { field: 'organizationId', detail: error.detail });
      throw error;
    });
    const warehouse: Warehouse = {
      id: newId(),
      name,
      kind: input.kind ?? 'warehouse',
      organizationId: owner.id,
      jurisdiction: input.jurisdiction,
      lat: input.lat,
      lon: input.lon,
      address: input.address?.trim() || null,
      createdAt: nowIso(deps),
      archivedAt: null,
    };
    await insertWarehouse(trx, warehouse);
    await recordChange(trx, deps, actor, {
      action: 'warehouse.create',
      entityType: 'warehouse',
      entityId: warehouse.id,
      after: warehouse,
    });
    const [view] = await presentWarehouses(trx, actor, [warehouse]);
    return view;
  });
}
