/**
 * Activating an incident's coordination centre (现场协调中心) with its first seats, and staffing
 * one more seat while it runs. One centre runs per incident at a time; activating again after
 * a stand-down opens a new period.
 */
import { activeCentre, insertCentre, insertCentreSeats } from '../../db/repositories/coordination-centres';
import type { Executor } from '../../db/schema';
import type { Subsystem } from '../../model/embedding';
import { AppError } from '../../model/errors';
import { newId } from '../../model/ids';
import type { Incident } from '../../model/incident';
import { type CentreSeat, type CoordinationCentre, icsSectionOf } from '../../model/incident-command';
import { recordChange, recordChanges } from '../audit/record-change';
import { type Actor, actorId, type Deps, nowIso } from '../context';
import { requiredText } from '../declarations';
import { isKeyConflict } from '../idempotency';
import { incidentToCommand } from './command-incident';
import { type CentreView, centreView } from './read-centre';
import { eligibleStaff, staffingOf } from './staffing';

export interface SeatInput {
  subsystem: Subsystem;
  organizationId: string;
  liaisonName?: string | null;
  liaisonPhone?: string | null;
}

async function staffedSeats(
  trx: Executor,
  deps: Deps,
  actor: Actor,
  incident: Incident,
  centre: { id: string; seats: readonly CentreSeat[] },
  inputs: readonly SeatInput[],
  prefix: (i: number) => string,
): Promise<CentreSeat[]> {
  const at = nowIso(deps);
  const eligible = await eligibleStaff(trx, incident, at.slice(0, 10));
  const taken = new Set(centre.seats.map((s) => `${s.subsystem}:${s.organizationId}`));
  return inputs.map((input, i) => {
    const key = `${input.subsystem}:${input.organizationId}`;
    const field = prefix(i) ? `${prefix(i)}/organizationId` : 'organizationId';
    if (taken.has(key)) {
      throw new AppError('invalid_input', {
        field,
        detail: `${field}: the organization already staffs the ${input.subsystem} seat of this centre`,
      });
    }
    taken.add(key);
    const basis = staffingOf(eligible, input, prefix(i));
    return {
      id: newId(),
      centreId: centre.id,
      subsystem: input.subsystem,
      icsSection: icsSectionOf(input.subsystem),
      organizationId: input.organizationId,
      basisKind: basis.kind,
      basisId: basis.id,
      liaisonName: input.liaisonName?.trim() || null,
      liaisonPhone: input.liaisonPhone?.trim() || null,
      addedBy: actorId(actor),
      addedAt: at,
    };
  });
}

/** Opens a new centre period for the incident; 409 `centre_active` while one runs. */
export async function activateCentre(
  deps: Deps,
  actor: Actor,
  incidentId: string,
  input: { reason: string; location?: string | null; seats: SeatInput[] },
): Promise<CentreView> {
  const reason = requiredText(input.reason, 'reason');
  try {
    const centre = await deps.db.transaction().execute(async (trx) => {
      const incident = await incidentToCommand(trx, actor, incidentId);
      if (await activeCentre(trx, incidentId)) throw new AppError('centre_active');
      const at = nowIso(deps);
      const opened: CoordinationCentre = {
        id: newId(),
        incidentId,
        location: input.location?.trim() || null,
        activatedAt: at,
        activatedBy: actorId(actor),
        activationReason: reason,
        stoodDownAt: null,
        stoodDownBy: null,
        standDownReason: null,
        seats: [],
      };
      opened.seats = await staffedSeats(trx, deps, actor, incident, opened, input.seats, (i) => `seats/${i}`);
      const { seats, ...row } = opened;
      await insertCentre(trx, row);
      await insertCentreSeats(trx, seats);
      // Each seat its own record, so that its liaison's name and phone are sealed by their class.
      await recordChanges(trx, deps, [
        {
          actor,
          change: {
            action: 'centre.activate',
            entityType: 'centre',
            entityId: opened.id,
            live: { incidentId, kind: 'centre' },
            after: row,
          },
        },
        ...seats.map((seat) => ({
          actor,
          change: { action: 'centre.staff', entityType: 'centreSeat', entityId: seat.id, after: seat },
        })),
      ]);
      return { incident, centre: opened };
    });
    return centreView(actor, centre.incident, centre.centre);
  } catch (error) {
    // Two coordinators activating at once: the one-running-centre index lets only one through.
    if (isKeyConflict(error)) throw new AppError('centre_active');
    throw error;
  }
}

/** Staffs one more seat of the running centre. */
export async function staffCentreSeat(deps: Deps, actor: Actor, incidentId: string, input: SeatInput): Promise<CentreView> {
  return deps.db.transaction().execute(async (trx) => {
    const incident = await incidentToCommand(trx, actor, incidentId);
    const centre = await activeCentre(trx, incidentId);
    if (!centre) throw new AppError('centre_not_active');
    const [seat] = await staffedSeats(trx, deps, actor, incident, centre, [input], () => '');
    if (!seat) throw new AppError('invalid_input');
    await insertCentreSeats(trx, [seat]);
    await recordChange(trx, deps, actor, {
      action: 'centre.staff',
      entityType: 'centreSeat',
      entityId: seat.id,
      live: { incidentId, kind: 'centre' },
      after: seat,
    });
    return centreView(actor, incident, { ...centre, seats: [...centre.seats, seat] });
  });
}
