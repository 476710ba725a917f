/** The rules of CAP alerts as the product has them: colour → severity, identifiers, times, rings. */
import { describe, expect, it } from 'vitest';
import {
  alertIdentifier,
  COLOR_SEVERITY,
  capReference,
  capSafe,
  capTime,
  closeRing,
  isCapIdentifier,
  isClosedRing,
  isCurrent,
} from '../../src/model/alert';

describe('CAP alerts', () => {
  it('maps the warning colours to CAP severity by the product’s table', () => {
    expect(COLOR_SEVERITY).toEqual({ red: 'Extreme', orange: 'Severe', yellow: 'Moderate', blue: 'Minor' });
  });

  it('writes times with the China offset and no fraction or Z, and numbers identifiers by the China day', () => {
    expect(capTime('2026-07-20T16:30:05.123Z')).toBe('2026-07-21T00:30:05+08:00');
    expect(alertIdentifier('corespond.example.cn', '2026-07-20T16:30:05Z', 3)).toBe('corespond.example.cn-20260721-3');
    expect(capReference({ sender: 's', identifier: 's-20260721-3', sent: '2026-07-20T16:30:05Z' })).toBe(
      's,s-20260721-3,2026-07-21T00:30:05+08:00',
    );
  });

  it('keeps senders and identifiers free of spaces, commas, < and &', () => {
    expect(capSafe('my host,a<b&c')).toBe('my-host-a-b-c');
    expect(isCapIdentifier('a-1')).toBe(true);
    for (const bad of ['a b', 'a,b', 'a<b', 'a&b', '']) expect(isCapIdentifier(bad), bad).toBe(false);
  });

  it('closes a polygon ring and recognises a closed one', () => {
    const open: [number, number][] = [
      [1, 2],
      [3, 4],
      [5, 6],
    ];
    expect(isClosedRing(open)).toBe(false);
    expect(closeRing(open)).toEqual([...open, [1, 2]]);
    expect(isClosedRing(closeRing(open))).toBe(true);
  });

  it('counts an alert current only while in force and before it expires', () => {
    const now = new Date('2026-07-20T00:00:00Z');
    expect(isCurrent({ state: 'current', msgType: 'Alert', expires: '2026-07-21T00:00:00Z' }, now)).toBe(true);
    expect(isCurrent({ state: 'current', msgType: 'Alert', expires: '2026-07-19T00:00:00Z' }, now)).toBe(false);
    expect(isCurrent({ state: 'updated', msgType: 'Alert', expires: null }, now)).toBe(false);
    expect(isCurrent({ state: 'current', msgType: 'Cancel', expires: null }, now)).toBe(false);
  });
});
