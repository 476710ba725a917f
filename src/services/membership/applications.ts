/** Applying to join the network without an account, and the coordinator's decision. */

import {
  type Application,
  findApplication,
  insertApplication,
  listApplicationRows,
  saveApplication,
} from '../../db/repositories/membership';
import { findOrganization } from '../../db/repositories/organizations';
import { AppError } from '../../model/errors';
import { newId } from '../../model/ids';
import { type ApplicationDecision, type CultivationPlan, decisionOutcome } from '../../model/membership';
import type { Organization } from '../../model/organization';
import { recordChange } from '../audit/record-change';
import { type Actor, actorId, type Deps, nowIso } from '../context';
import { audienceOf, disclose } from '../disclosure';
import { registerOrganization } from '../organizations/create-organization';
import { organizationForWrite } from '../organizations/load-organization';
import { normalizeOrganizationFields, type OrganizationInput } from '../organizations/organization-input';
import { decodeCursor, encodeCursor } from '../pagination';
import { assertCanDecideMembership, assertCanReadApplications, canDecideMembership } from '../policy';
import { changeMembership } from './change-membership';

export interface ApplicationInput {
  organization: OrganizationInput;
  contact: { name: string; phone: string; email?: string | null };
}

const PUBLIC: Actor = { kind: 'system', label: 'public' };
// Mainland mobile numbers, or a landline with its area code.
const PHONE = /^(1[3-9]\d{9}|0\d{2,3}-?\d{7,8})$/;

/** Files an application: the organization enters the registry under review. */
export async function submitApplication(
  deps: Deps,
  input: ApplicationInput,
): Promise<{ application: Application; organization: Organization }> {
  if (input.organization.kind === 'government_agency') {
    throw new AppError('forbidden', { field: 'organization/kind', detail: 'government agencies are registered by coordinators' });
  }
  const fields = normalizeOrganizationFields(input.organization);
  const name = input.contact.name.trim();
  if (!name) throw new AppError('invalid_input', { field: 'contact/name', detail: 'contact/name must not be blank' });
  const phone = input.contact.phone.replace(/[\s()]/g, '');
  if (!PHONE.test(phone)) {
    throw new AppError('invalid_input', { field: 'contact/phone', detail: 'contact/phone must be a mobile or landline number' });
  }
  return deps.db.transaction().execute(async (trx) => {
    const organization = await registerOrganization(trx, deps, PUBLIC, fields, { status: 'under_review', reason: 'applied' });
    const application: Application = {
      id: newId(),
      organizationId: organization.id,
      homeJurisdiction: organization.jurisdictions[0],
      contact: { name, phone, email: input.contact.email?.trim() || null },
      status: 'under_review',
      decision: null,
      reason: null,
      decidedBy: null,
      decidedAt: null,
      createdAt: nowIso(deps),
    };
    await insertApplication(trx, application);
    await recordChange(trx, deps, PUBLIC, {
      action: 'application.submit',
      entityType: 'application',
      entityId: application.id,
      after: {
        ...application,
        contact: undefined,
        contactName: name,
        contactPhone: phone,
        contactEmail: application.contact.email,
      },
    });
    return { application, organization };
  });
}

/** A coordinator of the applicant's home area admits, cultivates or declines it. */
export async function decideApplication(
  deps: Deps,
  actor: Actor,
  id: string,
  input: { decision: ApplicationDecision; reason: string; plan?: CultivationPlan },
): Promise<{ application: Application; organization: Organization }> {
  return deps.db.transaction().execute(async (trx) => {
    const before = await findApplication(trx, id);
    if (!before) throw new AppError('not_found');
    const org = await organizationForWrite(trx, deps.dialect, before.organizationId);
    assertCanDecideMembership(actor, org);
    if (before.status !== 'under_review' || org.membership.status !== 'under_review') throw new AppError('already_decided');
    const outcome = decisionOutcome(input.decision);
    const organization = await changeMembership(trx, deps, actor, org, {
      to: outcome.status,
      tier: outcome.tier,
      reason: input.reason,
      plan: input.plan,
    });
    const application: Application = {
      ...before,
      status: 'decided',
      decision: input.decision,
      reason: input.reason.trim(),
      decidedBy: actorId(actor),
      decidedAt: nowIso(deps),
    };
    await saveApplication(trx, application);
    await recordChange(trx, deps, actor, {
      action: 'application.decide',
      entityType: 'application',
      entityId: id,
      after: { decision: application.decision, reason: application.reason },
    });
    return { application, organization };
  });
}

/** An application as a reader may see it: contact details only for those who decide. */
export type ApplicationView = Omit<Application, 'contact'> & {
  contact: Application['contact'] | null;
  organization: Organization | null;
  viewerCanDecide: boolean;
  personalDataVisible: boolean;
};

function viewOf(actor: Actor, application: Application, organization: Organization | undefined): ApplicationView {
  const audience = audienceOf(actor, {
    kind: 'organization',
    id: application.organizationId,
    home: application.homeJurisdiction,
  });
  const decides = organization ? canDecideMembership(actor, organization) : false;
  return disclose(
    'application',
    { ...application, organization: organization ?? null, viewerCanDecide: decides && application.status === 'under_review' },
    audience,
  ) as ApplicationView;
}

export async function getApplication(deps: Deps, actor: Actor, id: string): Promise<ApplicationView> {
  assertCanReadApplications(actor);
  const application = await findApplication(deps.db, id);
  if (!application) throw new AppError('not_found');
  return viewOf(actor, application, await findOrganization(deps.db, application.organizationId));
}

/** The review queue (or decided applications), newest first. */
export async function listApplications(
  deps: Deps,
  actor: Actor,
  query: { status?: Application['status']; limit: number; cursor?: string },
): Promise<{ items: ApplicationView[]; total: number; nextCursor: string | null }> {
  assertCanReadApplications(actor);
  let before: { createdAt: string; id: string } | undefined;
  if (query.cursor) {
    const [createdAt, id] = decodeCursor(query.cursor, 2);
    before = { createdAt: String(createdAt), id: String(id) };
  }
  const page = await listApplicationRows(deps.db, { status: query.status }, { limit: query.limit, before });
  const items: ApplicationView[] = [];
  for (const application of page.items) {
    items.push(viewOf(actor, application, await findOrganization(deps.db, application.organizationId)));
  }
  return { items, total: page.total, nextCursor: page.next ? encodeCursor([page.next.createdAt, page.next.id]) : null };
}
