/**
 * Reading an incident's coordination centre: the running period and the earlier ones, every
 * seat with its ICS section. A liaison's name and phone are personal: shown to the incident's
 * coordinators (as for its deployments' team leaders) and to the staffing organization.
 */
import { centresOf } from '../../db/repositories/coordination-centres';
import type { Incident } from '../../model/incident';
import type { CentreSeat, CoordinationCentre, StaffingBasis } from '../../model/incident-command';
import type { Actor, Deps } from '../context';
import { audienceOf, type DisclosureMarks, disclose } from '../disclosure';
import { canManageIncident } from '../policy';
import { incidentToCommand, incidentToRead } from './command-incident';
import { eligibleStaff } from './staffing';

/** A seat as one reader sees it: the liaison's name and phone are null for those who may not see them. */
export type SeatView = CentreSeat & DisclosureMarks;

/** A centre period with its seats; every field of the period itself is internal, so every signed-in reader sees it whole. */
export type CentreView = Omit<CoordinationCentre, 'seats'> & { active: boolean; seats: SeatView[] };

/** A centre period as one reader sees it. */
export function centreView(actor: Actor, incident: Incident, centre: CoordinationCentre): CentreView {
  const { seats, ...row } = centre;
  const { personalDataVisible: _, ...shown } = disclose('centre', row, 'member') as typeof row & DisclosureMarks;
  return {
    ...shown,
    active: centre.stoodDownAt === null,
    seats: seats.map(
      (seat) =>
        disclose(
          'centreSeat',
          seat,
          // A staffed seat is the organization's presence at the incident, like a deployed team.
          audienceOf(actor, { kind: 'deployment', organizationId: seat.organizationId, incidentAreas: incident.jurisdictions }),
        ) as SeatView,
    ),
  };
}

export interface IncidentCentres {
  active: CentreView | null;
  /** Earlier periods, newest first. */
  past: CentreView[];
  viewerCanCommand: boolean;
}

/** The running centre of an incident and its earlier periods; every signed-in reader may look. */
export async function getIncidentCentres(deps: Deps, actor: Actor, incidentId: string): Promise<IncidentCentres> {
  const incident = await incidentToRead(deps.db, incidentId);
  const views = (await centresOf(deps.db, incidentId)).map((c) => centreView(actor, incident, c));
  return {
    active: views.find((c) => c.active) ?? null,
    past: views.filter((c) => !c.active).reverse(),
    viewerCanCommand: incident.stage !== 'closed' && canManageIncident(actor, incident.jurisdictions),
  };
}

export interface EligibleView {
  organizationId: string;
  name: string;
  kind: string;
  membershipStatus: string;
  bases: StaffingBasis[];
}

/** The organizations that may staff the centre today, for those who command the incident. */
export async function listEligibleStaff(deps: Deps, actor: Actor, incidentId: string): Promise<EligibleView[]> {
  const incident = await incidentToCommand(deps.db, actor, incidentId);
  const eligible = await eligibleStaff(deps.db, incident, deps.now().toISOString().slice(0, 10));
  return eligible.map(({ organization, bases }) => ({
    organizationId: organization.id,
    name: organization.name,
    kind: organization.kind,
    membershipStatus: organization.membership.status,
    bases,
  }));
}
