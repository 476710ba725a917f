/**
 * Bulletins and situation reports (通报, 简报, 情况报告) of an incident or an area. Written as a
 * draft, edited, then published (`bulletin.published`); a later bulletin may supersede or
 * correct a published one, which then shows it. Who reads which is the bulletin's audience
 * (policy: canReadBulletin); within that, its fields go through the privacy policy.
 */
import { findBulletin, incidentBulletins, insertBulletin, saveBulletin, successorsOf } from '../../db/repositories/bulletins';
import { findIncident } from '../../db/repositories/incidents';
import { findOrganization, findOrganizations } from '../../db/repositories/organizations';
import type { Executor } from '../../db/schema';
import {
  type Attachment,
  type Bulletin,
  type BulletinAudience,
  type BulletinKind,
  type BulletinRelation,
  initialAuthority,
  isSafeLink,
} from '../../model/bulletin';
import { AppError } from '../../model/errors';
import { newId } from '../../model/ids';
import { findJurisdiction } from '../../model/jurisdictions';
import type { Organization } from '../../model/organization';
import { recordChange } from '../audit/record-change';
import { type Actor, actorId, type Deps, nowIso } from '../context';
import { requiredText } from '../declarations';
import { disclose } from '../disclosure';
import { assertCanWriteBulletin, canReadBulletin, canVerifyBulletin, canWriteBulletin } from '../policy';

export interface BulletinInput {
  incidentId?: string | null;
  jurisdiction?: string | null;
  kind?: BulletinKind;
  title: string;
  body: string;
  source?: string | null;
  authorOrganizationId: string;
  audience: BulletinAudience;
  attachments?: Attachment[];
  supersedesId?: string | null;
  relation?: BulletinRelation | null;
}

export type BulletinPatch = Partial<Pick<BulletinInput, 'title' | 'body' | 'source' | 'audience' | 'attachments'>>;

/** A bulletin as its reader gets it: the author's name, the bulletin that superseded it, whether the reader may edit it. */
export type BulletinView = Omit<Bulletin, 'createdBy' | 'verifiedBy'> & {
  createdBy: string | null;
  verifiedBy: string | null;
  authorName: string;
  supersededBy: { id: string; relation: BulletinRelation } | null;
  viewerCanEdit: boolean | null;
  personalDataVisible: boolean;
};

/** The areas a bulletin is about: its incident's, or its own. */
async function areasOf(db: Executor, bulletin: Pick<Bulletin, 'incidentId' | 'jurisdiction'>): Promise<string[]> {
  if (bulletin.incidentId) return (await findIncident(db, bulletin.incidentId))?.jurisdictions ?? [];
  return bulletin.jurisdiction ? [bulletin.jurisdiction] : [];
}

async function authorOf(db: Executor, id: string): Promise<Organization> {
  const org = await findOrganization(db, id);
  if (!org)
    throw new AppError('not_found', {
      field: 'authorOrganizationId',
      detail: 'authorOrganizationId: no organization has this id',
    });
  return org;
}

function checkedAttachments(attachments: Attachment[] | undefined): Attachment[] {
  return (attachments ?? []).map((a, i) => {
    const title = requiredText(a.title, `attachments/${i}/title`);
    if (!isSafeLink(a.url)) {
      throw new AppError('invalid_input', { field: `attachments/${i}/url`, detail: `attachments/${i}/url: only http(s) links` });
    }
    return { title, url: a.url };
  });
}

async function views(
  db: Executor,
  actor: Actor | null,
  bulletins: Bulletin[],
  areas: Map<string, string[]>,
): Promise<BulletinView[]> {
  const names = await findOrganizations(db, [...new Set(bulletins.map((b) => b.authorOrganizationId))]);
  const successors = await successorsOf(
    db,
    bulletins.map((b) => b.id),
  );
  return bulletins.map((b) => {
    const author = names.get(b.authorOrganizationId);
    const record = {
      ...b,
      authorName: author?.name ?? '',
      supersededBy: successors.get(b.id) ?? null,
      viewerCanEdit:
        actor !== null && author !== undefined && b.status === 'draft' && canWriteBulletin(actor, author, areas.get(b.id) ?? []),
    };
    return disclose('bulletin', record, actor === null ? 'public' : 'member') as BulletinView;
  });
}

async function viewOne(db: Executor, actor: Actor | null, bulletin: Bulletin, areas: string[]): Promise<BulletinView> {
  return (await views(db, actor, [bulletin], new Map([[bulletin.id, areas]])))[0] as BulletinView;
}

/** Writes a draft bulletin (or a draft that supersedes or corrects a published one). */
export async function createBulletin(deps: Deps, actor: Actor, input: BulletinInput): Promise<BulletinView> {
  const title = requiredText(input.title, 'title');
  const body = requiredText(input.body, 'body');
  const attachments = checkedAttachments(input.attachments);
  if (Boolean(input.incidentId) === Boolean(input.jurisdiction)) {
    throw new AppError('invalid_input', {
      field: 'incidentId',
      detail: 'a bulletin is of an incident or of an area (jurisdiction): exactly one',
    });
  }
  if (input.jurisdiction && !findJurisdiction(input.jurisdiction)) {
    throw new AppError('unknown_jurisdiction', {
      field: 'jurisdiction',
      detail: `jurisdiction: no GB/T 2260 division has the code ${input.jurisdiction}`,
    });
  }
  return deps.db.transaction().execute(async (trx) => {
    let areas: string[];
    if (input.incidentId) {
      const incident = await findIncident(trx, input.incidentId);
      if (!incident) throw new AppError('not_found', { field: 'incidentId', detail: 'incidentId: no incident has this id' });
      areas = incident.jurisdictions;
    } else areas = [input.jurisdiction as string];
    const author = await authorOf(trx, input.authorOrganizationId);
    assertCanWriteBulletin(actor, author, areas);
    if (input.supersedesId) {
      const earlier = await findBulletin(trx, input.supersedesId);
      if (!earlier || !canReadBulletin(actor, earlier, await areasOf(trx, earlier))) {
        throw new AppError('not_found', { field: 'supersedesId', detail: 'supersedesId: no bulletin has this id' });
      }
      if (
        earlier.status !== 'published' ||
        earlier.incidentId !== (input.incidentId ?? null) ||
        earlier.jurisdiction !== (input.jurisdiction ?? null)
      ) {
        throw new AppError('invalid_input', {
          field: 'supersedesId',
          detail: 'supersedesId: only a published bulletin of the same incident or area is superseded or corrected',
        });
      }
    }
    const at = nowIso(deps);
    const bulletin: Bulletin = {
      id: newId(),
      incidentId: input.incidentId ?? null,
      jurisdiction: input.jurisdiction ?? null,
      kind: input.kind ?? 'bulletin',
      title,
      body,
      source: input.source?.trim() || null,
      authorOrganizationId: author.id,
      authority: initialAuthority(author.kind, actor.kind === 'system' ? 'system' : actor.role),
      audience: input.audience,
      attachments,
      supersedesId: input.supersedesId ?? null,
      relation: input.supersedesId ? (input.relation ?? 'supersedes') : null,
      status: 'draft',
      verifiedBy: null,
      createdBy: actorId(actor),
      createdAt: at,
      updatedAt: at,
      publishedAt: null,
    };
    await insertBulletin(trx, bulletin);
    await recordChange(trx, deps, actor, {
      action: 'bulletin.create',
      entityType: 'bulletin',
      entityId: bulletin.id,
      after: bulletin,
    });
    return viewOne(trx, actor, bulletin, areas);
  });
}

/** Loads a bulletin for a change by someone who may write it; published ones no longer change (except verification). */
async function bulletinToChange(trx: Executor, actor: Actor, id: string) {
  const bulletin = await findBulletin(trx, id);
  const areas = bulletin ? await areasOf(trx, bulletin) : [];
  if (!bulletin || !canReadBulletin(actor, bulletin, areas)) throw new AppError('not_found');
  return { bulletin, areas };
}

export async function editBulletin(deps: Deps, actor: Actor, id: string, patch: BulletinPatch): Promise<BulletinView> {
  return deps.db.transaction().execute(async (trx) => {
    const { bulletin, areas } = await bulletinToChange(trx, actor, id);
    assertCanWriteBulletin(actor, await authorOf(trx, bulletin.authorOrganizationId), areas);
    if (bulletin.status !== 'draft') throw new AppError('bulletin_published');
    const after: Bulletin = {
      ...bulletin,
      title: patch.title !== undefined ? requiredText(patch.title, 'title') : bulletin.title,
      body: patch.body !== undefined ? requiredText(patch.body, 'body') : bulletin.body,
      source: patch.source !== undefined ? patch.source?.trim() || null : bulletin.source,
      audience: patch.audience ?? bulletin.audience,
      attachments: patch.attachments !== undefined ? checkedAttachments(patch.attachments) : bulletin.attachments,
      updatedAt: nowIso(deps),
    };
    await saveBulletin(trx, after);
    await recordChange(trx, deps, actor, {
      action: 'bulletin.edit',
      entityType: 'bulletin',
      entityId: id,
      before: bulletin,
      after,
    });
    return viewOne(trx, actor, after, areas);
  });
}

/** Publishes a draft: its audience reads it from now on; `bulletin.published` is recorded. */
export async function publishBulletin(deps: Deps, actor: Actor, id: string): Promise<BulletinView> {
  return deps.db.transaction().execute(async (trx) => {
    const { bulletin, areas } = await bulletinToChange(trx, actor, id);
    assertCanWriteBulletin(actor, await authorOf(trx, bulletin.authorOrganizationId), areas);
    if (bulletin.status !== 'draft') throw new AppError('bulletin_published');
    const at = nowIso(deps);
    const after: Bulletin = { ...bulletin, status: 'published', publishedAt: at, updatedAt: at };
    await saveBulletin(trx, after);
    await recordChange(trx, deps, actor, {
      action: 'bulletin.publish',
      entityType: 'bulletin',
      entityId: id,
      before: bulletin,
      after,
      event: {
        type: 'bulletin.published',
        incidentId: bulletin.incidentId,
        organizationId: bulletin.authorOrganizationId,
        jurisdiction: bulletin.jurisdiction ?? areas[0] ?? null,
      },
      ...(bulletin.incidentId ? { live: { incidentId: bulletin.incidentId, kind: 'bulletin' as const } } : {}),
    });
    return viewOne(trx, actor, after, areas);
  });
}

/** A coordinator of its area marks an unverified bulletin verified (official ones stay official). */
export async function verifyBulletin(deps: Deps, actor: Actor, id: string): Promise<BulletinView> {
  return deps.db.transaction().execute(async (trx) => {
    const { bulletin, areas } = await bulletinToChange(trx, actor, id);
    if (!canVerifyBulletin(actor, areas)) {
      throw new AppError(actor.kind === 'user' && actor.role === 'coordinator' ? 'out_of_scope' : 'forbidden');
    }
    if (bulletin.authority !== 'unverified') return viewOne(trx, actor, bulletin, areas);
    const after: Bulletin = { ...bulletin, authority: 'verified', verifiedBy: actorId(actor), updatedAt: nowIso(deps) };
    await saveBulletin(trx, after);
    await recordChange(trx, deps, actor, {
      action: 'bulletin.verify',
      entityType: 'bulletin',
      entityId: id,
      before: bulletin,
      after,
    });
    return viewOne(trx, actor, after, areas);
  });
}

/** One bulletin, for a reader its audience includes (`actor` null for the public); others are told it is not found. */
export async function getBulletin(deps: Deps, actor: Actor | null, id: string): Promise<BulletinView> {
  const bulletin = await findBulletin(deps.db, id);
  const areas = bulletin ? await areasOf(deps.db, bulletin) : [];
  if (!bulletin || !canReadBulletin(actor, bulletin, areas)) throw new AppError('not_found');
  return viewOne(deps.db, actor, bulletin, areas);
}

/** An incident's bulletins the reader may read, newest first (`actor` null: the public's, published only). */
export async function listIncidentBulletins(deps: Deps, actor: Actor | null, incidentId: string): Promise<BulletinView[]> {
  const incident = await findIncident(deps.db, incidentId);
  if (!incident) throw new AppError('not_found');
  const all = await incidentBulletins(deps.db, incidentId, actor === null);
  const readable = all.filter((b) => canReadBulletin(actor, b, incident.jurisdictions));
  return views(deps.db, actor, readable, new Map(readable.map((b) => [b.id, incident.jurisdictions])));
}
