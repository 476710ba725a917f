import { describe, expect, it } from 'vitest';
import { SUBSYSTEMS } from '../../src/model/embedding';
import {
  commandChanges,
  ICS_SECTIONS,
  icsSectionOf,
  mayAnswerStandby,
  mergeTimeline,
  rosterOpen,
} from '../../src/model/incident-command';

const base = {
  level: 3 as const,
  warningColor: 'yellow' as const,
  jurisdictions: ['410100', '410700'],
  policy: { invitationRequired: true, checkInIntervalMinutes: 240 },
};
const stamp = { at: '2026-07-20T08:00:00.000Z', actor: 'coord', reason: '升级' };

describe('incident command rules', () => {
  it('records one change per particular that changed, none for the same areas in another order', () => {
    expect(commandChanges(base, { ...base, jurisdictions: ['410700', '410100'] }, stamp)).toEqual([]);
    expect(commandChanges(base, { ...base, level: 2, policy: { ...base.policy, invitationRequired: false } }, stamp)).toEqual([
      { kind: 'level', from: 3, to: 2, ...stamp },
      {
        kind: 'policy',
        from: base.policy,
        to: { invitationRequired: false, checkInIntervalMinutes: 240 },
        ...stamp,
      },
    ]);
    expect(commandChanges(base, { ...base, warningColor: null }, stamp)).toEqual([
      { kind: 'warning_color', from: 'yellow', to: null, ...stamp },
    ]);
  });

  it('merges stage moves and changes by time, a stage move first at the same moment', () => {
    const stages = [
      { from: null, to: 'preparedness' as const, at: '2026-07-20T07:00:00.000Z', actor: 'a', reason: null },
      { from: 'preparedness' as const, to: 'response' as const, at: stamp.at, actor: 'a', reason: '启动' },
    ];
    const changes = commandChanges(base, { ...base, level: 1 }, stamp);
    expect(mergeTimeline(stages, changes).map((c) => c.kind)).toEqual(['stage', 'stage', 'level']);
    const earlier = commandChanges(base, { ...base, level: 2 }, { ...stamp, at: '2026-07-20T07:30:00.000Z' });
    expect(mergeTimeline(stages, earlier).map((c) => [c.kind, c.to])).toEqual([
      ['stage', 'preparedness'],
      ['level', 2],
      ['stage', 'response'],
    ]);
  });

  it('places every subsystem in an ICS section', () => {
    for (const s of SUBSYSTEMS) expect(ICS_SECTIONS).toContain(icsSectionOf(s));
    expect(icsSectionOf('decision')).toBe('command');
    expect(icsSectionOf('command')).toBe('operations');
  });

  it('keeps the roster open only in preparedness, and answers until the incident closes', () => {
    expect(rosterOpen('preparedness')).toBe(true);
    expect(rosterOpen('response')).toBe(false);
    expect(mayAnswerStandby('recovery')).toBe(true);
    expect(mayAnswerStandby('closed')).toBe(false);
  });
});
