/**
 * Substitution over an incident: day by day and by stage, the share of the work done by social
 * organizations and by government — needs fulfilled and people deployed — the drop from the
 * response peak into recovery, and which social organizations left and when (the study's
 * crowding-out after the peak). Pure.
 */
import type { IncidentStage } from '../model/incident';

export interface Fulfilment {
  day: string;
  organizationId: string;
  government: boolean;
}

export interface Presence {
  organizationId: string;
  government: boolean;
  people: number;
  /** First and last day on the ground (null: still there). */
  from: string;
  to: string | null;
}

export interface Side {
  social: number;
  government: number;
  /** social ÷ (social + government); null with no work at all. */
  socialShare: number | null;
}

export interface SubstitutionDay {
  day: string;
  stage: IncidentStage;
  fulfilled: Side;
  deployed: Side;
}

const side = (social: number, government: number): Side => ({
  social,
  government,
  socialShare: social + government === 0 ? null : Math.round((social / (social + government)) * 10_000) / 10_000,
});

/** Every day from the first to the last, inclusive (YYYY-MM-DD). */
export function daysBetween(first: string, last: string): string[] {
  const out: string[] = [];
  for (let t = Date.parse(`${first}T00:00:00Z`); t <= Date.parse(`${last}T00:00:00Z`); t += 86_400_000) {
    out.push(new Date(t).toISOString().slice(0, 10));
  }
  return out;
}

export function substitutionTimeline(input: {
  /** The incident's stages and the day each began, in order. */
  stages: { stage: IncidentStage; from: string }[];
  /** The last day to show (today, or the day the incident closed). */
  until: string;
  fulfilments: readonly Fulfilment[];
  presences: readonly Presence[];
}) {
  const first = input.stages[0]?.from ?? input.until;
  const stageOn = (day: string): IncidentStage => {
    let stage: IncidentStage = input.stages[0]?.stage ?? 'response';
    for (const s of input.stages) if (s.from <= day) stage = s.stage;
    return stage;
  };
  const onGround = (p: Presence, day: string) => p.from <= day && (p.to === null || p.to >= day);
  const days: SubstitutionDay[] = daysBetween(first, input.until).map((day) => {
    const done = input.fulfilments.filter((f) => f.day === day);
    const here = input.presences.filter((p) => onGround(p, day));
    const people = (gov: boolean) => here.filter((p) => p.government === gov).reduce((n, p) => n + p.people, 0);
    return {
      day,
      stage: stageOn(day),
      fulfilled: side(done.filter((f) => !f.government).length, done.filter((f) => f.government).length),
      deployed: side(people(false), people(true)),
    };
  });
  const byStage = [...new Set(days.map((d) => d.stage))].map((stage) => {
    const these = days.filter((d) => d.stage === stage);
    const sum = (pick: (d: SubstitutionDay) => number) => these.reduce((n, d) => n + pick(d), 0);
    return {
      stage,
      days: these.length,
      fulfilled: side(
        sum((d) => d.fulfilled.social),
        sum((d) => d.fulfilled.government),
      ),
      /** People-days on the ground. */
      deployed: side(
        sum((d) => d.deployed.social),
        sum((d) => d.deployed.government),
      ),
    };
  });
  const response = days.filter((d) => d.stage === 'response');
  const recovery = days.filter((d) => d.stage === 'recovery');
  const peak = response.reduce<SubstitutionDay | null>(
    (best, d) => (!best || d.deployed.social > best.deployed.social ? d : best),
    null,
  );
  const recoveryAverage = recovery.length ? recovery.reduce((n, d) => n + d.deployed.social, 0) / recovery.length : null;
  // Social organizations that worked in the response, and the last day each was seen working.
  const lastSeen = new Map<string, string>();
  const seen = (organizationId: string, day: string) => {
    if ((lastSeen.get(organizationId) ?? '') < day) lastSeen.set(organizationId, day);
  };
  for (const f of input.fulfilments) if (!f.government) seen(f.organizationId, f.day);
  for (const p of input.presences) if (!p.government) seen(p.organizationId, p.to ?? input.until);
  const inResponse = new Set([
    ...input.fulfilments.filter((f) => !f.government && stageOn(f.day) === 'response').map((f) => f.organizationId),
    ...input.presences
      .filter((p) => !p.government && days.some((d) => d.stage === 'response' && onGround(p, d.day)))
      .map((p) => p.organizationId),
  ]);
  const departures = [...inResponse]
    .map((organizationId) => ({ organizationId, lastDay: lastSeen.get(organizationId) as string }))
    .filter((d) => d.lastDay < input.until)
    .map((d) => ({ ...d, stage: stageOn(d.lastDay) }))
    .sort((a, b) => a.lastDay.localeCompare(b.lastDay) || a.organizationId.localeCompare(b.organizationId));
  return {
    days,
    byStage,
    peak: peak && peak.deployed.social > 0 ? { day: peak.day, socialDeployed: peak.deployed.social } : null,
    recoveryAverageSocialDeployed: recoveryAverage === null ? null : Math.round(recoveryAverage * 100) / 100,
    /** 1 − recovery average ÷ response peak of social people on the ground. */
    drop:
      peak && peak.deployed.social > 0 && recoveryAverage !== null
        ? Math.round((1 - recoveryAverage / peak.deployed.social) * 10_000) / 10_000
        : null,
    departures,
  };
}

export type Substitution = ReturnType<typeof substitutionTimeline>;
