import { describe, expect, it } from 'vitest';
import { daysBetween, substitutionTimeline } from '../../src/analysis/substitution';

describe('substitution over an incident', () => {
  it('follows the share of social organizations from the response peak into recovery, worked by hand', () => {
    const result = substitutionTimeline({
      stages: [
        { stage: 'response', from: '2025-07-20' },
        { stage: 'recovery', from: '2025-07-23' },
      ],
      until: '2025-07-25',
      presences: [
        { organizationId: 'S1', government: false, people: 10, from: '2025-07-20', to: '2025-07-22' },
        { organizationId: 'S2', government: false, people: 5, from: '2025-07-20', to: null },
        { organizationId: 'G', government: true, people: 20, from: '2025-07-21', to: null },
      ],
      fulfilments: [
        { day: '2025-07-21', organizationId: 'S1', government: false },
        { day: '2025-07-21', organizationId: 'S1', government: false },
        { day: '2025-07-21', organizationId: 'G', government: true },
        { day: '2025-07-24', organizationId: 'S2', government: false },
      ],
    });
    expect(
      result.days.map((d) => [d.day.slice(5), d.stage, d.deployed.social, d.deployed.government, d.deployed.socialShare]),
    ).toEqual([
      ['07-20', 'response', 15, 0, 1],
      ['07-21', 'response', 15, 20, 0.4286],
      ['07-22', 'response', 15, 20, 0.4286],
      ['07-23', 'recovery', 5, 20, 0.2],
      ['07-24', 'recovery', 5, 20, 0.2],
      ['07-25', 'recovery', 5, 20, 0.2],
    ]);
    expect(result.days[1].fulfilled).toEqual({ social: 2, government: 1, socialShare: 0.6667 });
    expect(result.days[0].fulfilled.socialShare).toBeNull();
    expect(result.byStage).toEqual([
      {
        stage: 'response',
        days: 3,
        fulfilled: { social: 2, government: 1, socialShare: 0.6667 },
        deployed: { social: 45, government: 40, socialShare: 0.5294 },
      },
      {
        stage: 'recovery',
        days: 3,
        fulfilled: { social: 1, government: 0, socialShare: 1 },
        deployed: { social: 15, government: 60, socialShare: 0.2 },
      },
    ]);
    // Peak 15 social people in the response, 5 on average in recovery: a drop of two thirds; S1 left on the 22nd.
    expect(result).toMatchObject({
      peak: { day: '2025-07-20', socialDeployed: 15 },
      recoveryAverageSocialDeployed: 5,
      drop: 0.6667,
    });
    expect(result.departures).toEqual([{ organizationId: 'S1', lastDay: '2025-07-22', stage: 'response' }]);
  });

  it('counts days inclusively', () => {
    expect(daysBetween('2025-02-27', '2025-03-01')).toEqual(['2025-02-27', '2025-02-28', '2025-03-01']);
  });
});
