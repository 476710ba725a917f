/** Allocation plans and their lines. */
import type { PlanStatus } from '../../model/allocation';
import type { AllocationLinesTable, AllocationPlansTable, Executor } from '../schema';

export interface AllocationLine {
  needId: string;
  supplyKey: string;
  item: string;
  quantity: number;
  distanceKm: number;
}

export interface AllocationPlanRecord {
  id: string;
  incidentId: string;
  status: PlanStatus;
  maxDistanceKm: number;
  score: number;
  /** The solver's certified bound: no plan over the same supplies scores more. Null once edited by hand. */
  upperBound: number | null;
  createdBy: string;
  createdAt: string;
  updatedAt: string;
  decidedBy: string | null;
  decidedAt: string | null;
  lines: AllocationLine[];
}

const toPlan = (r: AllocationPlansTable, lines: AllocationLinesTable[]): AllocationPlanRecord => ({
  id: r.id,
  incidentId: r.incident_id,
  status: r.status as PlanStatus,
  maxDistanceKm: Number(r.max_distance_km),
  score: Number(r.score),
  upperBound: r.upper_bound === null ? null : Number(r.upper_bound),
  createdBy: r.created_by,
  createdAt: r.created_at,
  updatedAt: r.updated_at,
  decidedBy: r.decided_by,
  decidedAt: r.decided_at,
  lines: lines
    .sort((a, b) => a.seq - b.seq)
    .map((l) => ({
      needId: l.need_id,
      supplyKey: l.supply_key,
      item: l.item,
      quantity: Number(l.quantity),
      distanceKm: Number(l.distance_km),
    })),
});

async function writeLines(db: Executor, planId: string, lines: readonly AllocationLine[]): Promise<void> {
  await db.deleteFrom('allocation_lines').where('plan_id', '=', planId).execute();
  // A province's plan has thousands of lines: insert them in chunks the databases take.
  for (let i = 0; i < lines.length; i += 500) {
    await db
      .insertInto('allocation_lines')
      .values(
        lines.slice(i, i + 500).map((l, j) => ({
          plan_id: planId,
          seq: i + j,
          need_id: l.needId,
          supply_key: l.supplyKey,
          item: l.item,
          quantity: l.quantity,
          distance_km: l.distanceKm,
        })),
      )
      .execute();
  }
}

export async function insertPlan(db: Executor, plan: AllocationPlanRecord): Promise<void> {
  await db
    .insertInto('allocation_plans')
    .values({
      id: plan.id,
      incident_id: plan.incidentId,
      status: plan.status,
      max_distance_km: plan.maxDistanceKm,
      score: plan.score,
      upper_bound: plan.upperBound,
      created_by: plan.createdBy,
      created_at: plan.createdAt,
      updated_at: plan.updatedAt,
      decided_by: plan.decidedBy,
      decided_at: plan.decidedAt,
    })
    .execute();
  await writeLines(db, plan.id, plan.lines);
}

/** Replaces a proposed plan's lines (the coordinator's edit). */
export async function replaceLines(
  db: Executor,
  planId: string,
  lines: readonly AllocationLine[],
  fields: { score: number; upperBound: number | null; at: string },
): Promise<void> {
  await db
    .updateTable('allocation_plans')
    .set({ score: fields.score, upper_bound: fields.upperBound, updated_at: fields.at })
    .where('id', '=', planId)
    .execute();
  await writeLines(db, planId, lines);
}

/** Moves a proposed plan to committed or discarded; false when it was not proposed any more (someone else decided). */
export async function decidePlan(
  db: Executor,
  planId: string,
  status: Exclude<PlanStatus, 'proposed'>,
  by: string,
  at: string,
): Promise<boolean> {
  const result = await db
    .updateTable('allocation_plans')
    .set({ status, decided_by: by, decided_at: at, updated_at: at })
    .where('id', '=', planId)
    .where('status', '=', 'proposed')
    .executeTakeFirst();
  return Number(result.numUpdatedRows) === 1;
}

export async function findPlan(db: Executor, id: string): Promise<AllocationPlanRecord | undefined> {
  const row = await db.selectFrom('allocation_plans').selectAll().where('id', '=', id).executeTakeFirst();
  if (!row) return undefined;
  const lines = await db.selectFrom('allocation_lines').selectAll().where('plan_id', '=', id).execute();
  return toPlan(row, lines);
}

/** An incident's plans, newest first, without their lines. */
export async function listPlans(db: Executor, incidentId: string, limit: number): Promise<Omit<AllocationPlanRecord, 'lines'>[]> {
  const rows = await db
    .selectFrom('allocation_plans')
    .selectAll()
    .where('incident_id', '=', incidentId)
    .orderBy('created_at', 'desc')
    .orderBy('id', 'desc')
    .limit(limit)
    .execute();
  return rows.map((r) => {
    const { lines: _lines, ...plan } = toPlan(r, []);
    return plan;
  });
}
