/**
 * Seeds a province's year of cooperation for the analytics benchmark, with bulk inserts
 * (fixtures, not the use cases): recognitions, applications, three incidents with stages,
 * needs with claims and fulfilments, deployments in zones, and normal-time programs.
 */
import type { Insertable } from 'kysely';
import { areaRow } from '../src/db/areas';
import { insertInChunks } from '../src/db/bulk';
import type { Tables } from '../src/db/schema';
import { SUBSYSTEMS } from '../src/model/embedding';
import { newId } from '../src/model/ids';
import { childJurisdictions } from '../src/model/jurisdictions';
import { URGENCIES } from '../src/model/need';
import { COOPERATION_TYPES, PROGRAM_KINDS } from '../src/model/program';
import { allCells, SERVICE_CATEGORIES } from '../src/model/taxonomy';
import type { BenchContext } from './harness';
import { needRow, seeded } from './seed';

const DAY = 86_400_000;

export interface ActivityPlan {
  province: string;
  needs: number;
  programs: number;
  deployments: number;
}

type Row<T extends keyof Tables> = Insertable<Tables[T]>;

/**
 * Seeds once: a database that already has the plan's needs and programs is left as it is; one
 * left half-seeded by an interrupted run is refused (seeding again would double what is there).
 */
export async function seedActivity({ database, log }: BenchContext, plan: ActivityPlan): Promise<void> {
  const { db } = database;
  const count = async (table: 'programs' | 'needs') =>
    Number(
      (
        await db
          .selectFrom(table)
          .select((eb) => eb.fn.countAll().as('n'))
          .executeTakeFirstOrThrow()
      ).n,
    );
  const [needs, programs] = [await count('needs'), await count('programs')];
  if (needs >= plan.needs && programs >= plan.programs) return;
  if (needs > 0 || programs > 0) {
    throw new Error(
      `the benchmark database holds ${needs} needs and ${programs} programs, not the plan's ${plan.needs} and ${plan.programs}: an interrupted seeding? Start from an empty database (a new BENCH_DATA_DIR or PostgreSQL database).`,
    );
  }
  const started = Date.now();
  const random = seeded(8_1208);
  const pick = <T>(list: readonly T[]) => list[Math.floor(random() * list.length)];
  const now = Date.now();
  const iso = (ms: number) => new Date(ms).toISOString();
  const day = (ms: number) => iso(ms).slice(0, 10);
  const counties = childJurisdictions(plan.province).flatMap((city) =>
    city.level === 'city' ? childJurisdictions(city.code).map((c) => c.code) : [city.code],
  );
  // The province's organizations (the database may hold others').
  const orgs = await db
    .selectFrom('organizations')
    .select(['id', 'kind'])
    .where('id', 'in', (eb) =>
      eb.selectFrom('organization_jurisdictions').select('organization_id').where('province', '=', plan.province.slice(0, 2)),
    )
    .execute();
  const government = orgs.filter((o) => o.kind === 'government_agency').map((o) => o.id);
  const social = orgs.filter((o) => o.kind !== 'government_agency').map((o) => o.id);
  const anyOrg = () => (random() < 0.2 ? pick(government) : pick(social));
  const at = iso(now);
  const insert = async <T extends keyof Tables & string>(table: T, rows: Row<T>[]) => {
    for (let i = 0; i < rows.length; i += 20_000) {
      await db.transaction().execute((trx) => insertInChunks(trx, table, rows.slice(i, i + 20_000)));
    }
    log(`  ${rows.length} ${table} (${((Date.now() - started) / 1000).toFixed(0)} s)`);
  };
  const verified = (p: number) =>
    random() < p ? { verified_by: 'system:bench', verified_at: at } : { verified_by: null, verified_at: null };
  log(`seeding a year of activity in ${plan.province} on ${database.dialect}…`);

  await insert(
    'filings',
    social.slice(0, Math.floor(social.length * 0.2)).map((organization_id) => ({
      id: newId(),
      organization_id,
      department: '应急管理局',
      filed_on: day(now - random() * 700 * DAY),
      reference: null,
      declared_by: 'system:bench',
      created_at: at,
      ...verified(0.7),
    })),
  );
  await insert(
    'agreements',
    Array.from({ length: Math.floor(social.length * 0.15) }, () => ({
      id: newId(),
      organization_id: pick(social),
      counterpart_id: pick(government),
      type: pick(['mou', 'service_contract', 'emergency_plan']),
      valid_from: day(now - random() * 700 * DAY),
      valid_to: random() < 0.5 ? null : day(now + (random() - 0.3) * 400 * DAY),
      reference: null,
      declared_by: 'system:bench',
      created_at: at,
      ...verified(0.7),
    })),
  );
  await insert(
    'seats',
    Array.from({ length: Math.floor(social.length * 0.05) }, () => ({
      id: newId(),
      organization_id: pick(social),
      structure: '防汛抗旱指挥部',
      subsystem: pick(SUBSYSTEMS),
      liaison_name: '联络员',
      from_on: day(now - random() * 700 * DAY),
      to_on: null,
      declared_by: 'system:bench',
      created_at: at,
      ...verified(0.6),
    })),
  );
  await insert(
    'applications',
    social.slice(0, Math.floor(social.length * 0.1)).map((organization_id) => {
      const submitted = now - random() * 360 * DAY;
      const decided = random() < 0.8;
      return {
        id: newId(),
        organization_id,
        home_jurisdiction: pick(counties),
        contact_name: '联系人',
        contact_phone: '13800000000',
        contact_email: null,
        status: decided ? 'decided' : 'pending',
        decision: decided ? pick(['admit', 'admit_provisional', 'cultivate', 'decline']) : null,
        reason: null,
        decided_by: decided ? 'system:bench' : null,
        decided_at: decided ? iso(submitted + random() * 30 * DAY) : null,
        created_at: iso(submitted),
      };
    }),
  );

  // Three incidents: one long over, one in recovery since the spring, one in response now.
  const incidents = [330, 200, 25].map((ago, i) => ({
    id: newId(),
    start: now - ago * DAY,
    recovery: now - ago * DAY + 20 * DAY,
    closed: i < 2 ? now - ago * DAY + 120 * DAY : null,
  }));
  await insert(
    'incidents',
    incidents.map((incident, i) => ({
      id: incident.id,
      name: `基准事件 ${i + 1}`,
      category: 'natural_disaster',
      type: '洪涝',
      level: 1 + i,
      warning_color: null,
      jurisdictions: JSON.stringify([plan.province]),
      stage: incident.closed ? 'closed' : incident.recovery < now ? 'recovery' : 'response',
      policy: '{}',
      description: null,
      declared_by: 'system:bench',
      created_at: iso(incident.start),
      updated_at: at,
    })),
  );
  await insert(
    'incident_stages',
    incidents.flatMap((incident) =>
      (
        [
          ['response', incident.start],
          ['recovery', incident.recovery],
          ['closed', incident.closed],
        ] as const
      )
        .filter(([, when]) => when !== null && when < now)
        .map(([stage, when], seq) => ({
          incident_id: incident.id,
          seq: seq + 1,
          from_stage: seq === 0 ? null : seq === 1 ? 'response' : 'recovery',
          to_stage: stage,
          actor_id: 'system:bench',
          reason: null,
          at: iso(when as number),
        })),
    ),
  );

  // Deployments: teams in one of six hundred zones of an incident, most of them home again.
  await insert(
    'deployments',
    Array.from({ length: plan.deployments }, () => {
      const incident = pick(incidents);
      const filed = incident.start + random() ** 2 * 60 * DAY;
      const stayed = filed + (1 + random() * 40) * DAY;
      const home = stayed < now && random() < 0.8;
      return {
        id: newId(),
        incident_id: incident.id,
        organization_id: anyOrg(),
        team_name: '救援分队',
        leader_name: '队长',
        leader_phone: '13900000000',
        headcount: 3 + Math.floor(random() * 28),
        specialties: '[]',
        equipment: '[]',
        vehicles: 1,
        origin: pick(counties),
        eta: null,
        invitation_reference: null,
        status: home ? pick(['withdrawn', 'returned']) : 'working',
        zone: `Z${1 + Math.floor(random() * 600)}`,
        reason: null,
        last_check_in_at: null,
        created_at: iso(filed),
        updated_at: iso(home ? stayed : filed),
      };
    }),
  );

  // Needs of the incidents, half of them claimed, most claimed ones served.
  for (let done = 0; done < plan.needs; ) {
    const needs: Row<'needs'>[] = [];
    const claims: Row<'need_claims'>[] = [];
    const events: Row<'need_events'>[] = [];
    for (let i = 0; i < 50_000 && done < plan.needs; i++, done++) {
      const incident = pick(incidents);
      const reported = Math.min(now - 60_000, incident.start + random() ** 2 * 90 * DAY);
      const lat = 32.5 + random() * 3;
      const lon = 112 + random() * 3;
      const claimed = random() < 0.5;
      const served = claimed && random() < 0.8;
      const servedAt = reported + random() * 72 * 3_600_000;
      const closed = !claimed && random() < 0.1;
      const id = newId();
      needs.push(
        needRow({
          id,
          incident_id: incident.id,
          title: `需求 ${done}`,
          category: pick(SERVICE_CATEGORIES),
          jurisdiction: pick(counties),
          lat,
          lon,
          urgency: pick(URGENCIES),
          vulnerable_groups: random() < 0.2 ? '["elderly"]' : '[]',
          status: served ? 'fulfilled' : claimed ? 'claimed' : closed ? 'closed' : 'open',
          claimed_quantity: claimed ? 1 : 0,
          fulfilled_quantity: served ? 1 : 0,
          close_reason: closed ? pick(['resolved_by_reporter', 'duplicate', 'not_found']) : null,
          created_at: iso(reported),
          updated_at: iso(served ? servedAt : reported),
        }),
      );
      if (!claimed) continue;
      const claimers = random() < 0.1 ? [anyOrg(), anyOrg()] : [anyOrg()];
      for (const organization_id of claimers) {
        claims.push({
          id: newId(),
          need_id: id,
          organization_id,
          quantity: 1,
          status: served ? 'fulfilled' : 'active',
          dispatched_by: null,
          note: null,
          claimed_by: 'system:bench',
          claimed_at: iso(reported + 600_000),
          progress_at: null,
          expires_at: iso(reported + 7 * DAY),
          ended_at: served ? iso(servedAt) : null,
        });
      }
      if (served) {
        events.push({ need_id: id, seq: 1, kind: 'fulfilled', detail: '{}', actor_id: 'system:bench', at: iso(servedAt) });
      }
    }
    await insert('needs', needs);
    await insert('need_claims', claims);
    await insert('need_events', events);
  }

  // Normal-time programs over the last two years, each in one county, some with partners.
  const cells = allCells();
  for (let done = 0; done < plan.programs; ) {
    const programs: Row<'programs'>[] = [];
    const areas: Row<'program_areas'>[] = [];
    const partners: Row<'program_partners'>[] = [];
    for (let i = 0; i < 50_000 && done < plan.programs; i++, done++) {
      const id = newId();
      const cell = pick(cells);
      const county = pick(counties);
      const starts = now - random() * 730 * DAY;
      programs.push({
        id,
        title: `项目 ${done}`,
        kind: pick(PROGRAM_KINDS),
        recovery_focus: null,
        strategy: cell.strategy,
        phase: cell.phase,
        stage: cell.phase === 'risk' ? 'preparedness' : cell.phase === 'crisis' ? 'response' : 'recovery',
        lead_organization_id: anyOrg(),
        jurisdictions: JSON.stringify([county]),
        starts_on: day(starts),
        ends_on: day(starts + (10 + random() * 170) * DAY),
        people_reached: Math.floor(random() * 500),
        cooperation_type: pick(COOPERATION_TYPES),
        description: null,
        created_by: 'system:bench',
        created_at: at,
        updated_at: at,
      });
      areas.push({ program_id: id, ...areaRow(county) });
      const joined = random() < 0.4 ? 1 + Math.floor(random() * 2) : 0;
      for (let p = 0; p < joined; p++) partners.push({ program_id: id, organization_id: anyOrg() });
    }
    await insert('programs', programs);
    await insert('program_areas', areas);
    await insert('program_partners', [...new Map(partners.map((p) => [`${p.program_id}${p.organization_id}`, p])).values()]);
  }
  log(`activity seeded in ${((Date.now() - started) / 1000).toFixed(0)} s`);
}
