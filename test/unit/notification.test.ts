/** Which events a subscription follows, and notification words made of non-personal facts. */
import { describe, expect, it } from 'vitest';
import { mailText, noteTitle, type Subscription, subscriptionMatches } from '../../src/model/notification';
import type { PlatformEvent } from '../../src/model/platform-event';

const sub = (over: Partial<Subscription>): Subscription => ({
  id: 's',
  userId: 'u',
  incidentId: null,
  jurisdiction: null,
  category: null,
  kinds: null,
  channels: ['in_app'],
  language: null,
  createdAt: '2026-01-01T00:00:00Z',
  ...over,
});
const need: PlatformEvent = {
  seq: 1,
  type: 'need.created',
  entityId: 'n',
  incidentId: 'i',
  jurisdiction: '410105',
  category: 'shelter',
  at: '2026-01-01T00:00:00Z',
};

describe('subscriptionMatches', () => {
  it('contains areas by GB/T 2260 prefix: a province and a city cover their counties, not the reverse or a neighbour', () => {
    expect(subscriptionMatches(sub({ jurisdiction: '410000' }), need, ['410105'])).toBe(true);
    expect(subscriptionMatches(sub({ jurisdiction: '410100' }), need, ['410105'])).toBe(true);
    expect(subscriptionMatches(sub({ jurisdiction: '410105' }), need, ['410105'])).toBe(true);
    expect(subscriptionMatches(sub({ jurisdiction: '410103' }), need, ['410105'])).toBe(false);
    expect(subscriptionMatches(sub({ jurisdiction: '440000' }), need, ['410105'])).toBe(false);
  });

  it('matches an event without an exact area by its incident’s areas sharing ground', () => {
    const statement: PlatformEvent = { ...need, type: 'statement.published', jurisdiction: null, category: null };
    expect(subscriptionMatches(sub({ jurisdiction: '410105' }), statement, ['410100'])).toBe(true);
    expect(subscriptionMatches(sub({ jurisdiction: '410000' }), statement, ['410100'])).toBe(true);
    expect(subscriptionMatches(sub({ jurisdiction: '440100' }), statement, ['410100'])).toBe(false);
  });

  it('filters by incident, category and kind', () => {
    expect(subscriptionMatches(sub({ incidentId: 'other' }), need, [])).toBe(false);
    expect(subscriptionMatches(sub({ incidentId: 'i' }), need, [])).toBe(true);
    expect(subscriptionMatches(sub({ category: 'food' }), need, [])).toBe(false);
    expect(subscriptionMatches(sub({ kinds: ['need.claimed'] }), need, [])).toBe(false);
    expect(subscriptionMatches(sub({ kinds: ['need.created', 'need.claimed'] }), need, [])).toBe(true);
  });
});

describe('notification words', () => {
  it('are the kind and the facts, in the language asked for', () => {
    expect(noteTitle('need.created', { category: 'shelter', areaName: '金水区', incidentName: '郑州暴雨' }, null)).toBe(
      '新需求：避难安置 · 金水区 · 郑州暴雨',
    );
    expect(noteTitle('dispatch.created', { category: 'shelter', organizationName: '蓝天' }, 'en')).toBe(
      'New dispatch: Shelter · 蓝天',
    );
    expect(noteTitle('statement.published', {}, null)).toBe('新的权威发布');
    const mail = mailText('New need', '/incidents/i', 'https://x.example/', 'en');
    expect(mail.subject).toBe('[CoRespond] New need');
    expect(mail.body).toContain('https://x.example/incidents/i');
    expect(mailText('新需求', null, 'https://x.example', null).subject).toBe('[协应] 新需求');
  });
});
