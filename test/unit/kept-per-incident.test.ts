import { describe, expect, it, vi } from 'vitest';
import { KeptPerIncident } from '../../src/projections/kept-per-incident';

describe('read models kept per incident', () => {
  it('makes one per owner and incident, forgets one on request, and lets idle ones go', () => {
    vi.useFakeTimers({ now: Date.parse('2026-07-20T08:00:00Z') });
    try {
      const forgets: (() => void)[] = [];
      let made = 0;
      const kept = new KeptPerIncident((_owner, incidentId, forget) => {
        forgets.push(forget);
        made++;
        return { incidentId, serial: made };
      }, 60_000);
      const one = {};
      const other = {};
      expect(kept.peek(one, 'a')).toBeUndefined();
      const first = kept.of(one, 'a');
      expect(kept.peek(one, 'a')).toBe(first);
      expect(kept.of(one, 'a')).toBe(first);
      expect(kept.of(other, 'a')).not.toBe(first);
      forgets[0]();
      const again = kept.of(one, 'a');
      expect(again.serial).toBe(3);
      // The first model's forget, called late, leaves its successor alone.
      forgets[0]();
      expect(kept.of(one, 'a')).toBe(again);
      vi.advanceTimersByTime(30_000);
      kept.of(one, 'b');
      vi.advanceTimersByTime(40_000);
      expect(kept.of(one, 'b').serial).toBe(4);
      expect(kept.of(one, 'a').serial).toBe(5);
    } finally {
      vi.useRealTimers();
    }
  });
});
