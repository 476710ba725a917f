/**
 * Personal data stays out of the audit log's clear text and out of the server's log: unique
 * canaries go into every personal and sensitive field of every entity through the API, then
 * the audit table and every log line the server wrote are searched for them.
 */
import { beforeAll, expect, it } from 'vitest';
import type { App } from '../../src/http/app-types';
import { loggerOptions } from '../../src/http/log-privacy';
import { openSealed } from '../../src/services/audit/open-sealed';
import { call, testApp } from '../support/api';
import { describeEachDatabase } from '../support/databases';
import { buildNetwork, type Network } from '../support/fixtures';

const CANARIES = [
  'AUDIT-CANARY-USER-NAME',
  'audit-canary-user@example.cn',
  'AUDIT-CANARY-APPLICANT',
  '13922220001',
  'audit-canary-applicant@example.cn',
  'AUDIT-CANARY-VOLUNTEER',
  '13922220002',
  'AUDIT-CANARY-VOLUNTEER-AMENDED',
  'AUDIT-CANARY-LIAISON',
  'AUDIT-CANARY-LEADER',
  '13922220003',
  'AUDIT-CANARY-NEED-DESCRIPTION',
  'AUDIT-CANARY-NEED-CONTACT',
  '13922220004',
  'AUDIT-CANARY-NEED-ADDRESS',
  '34.7654321',
  '113.6123456',
  'AUDIT-CANARY-PUBLIC-DESCRIPTION',
  'AUDIT-CANARY-PUBLIC-CONTACT',
  '13922220005',
  '34.7345678',
  'AUDIT-CANARY-PROGRESS',
  'AUDIT-CANARY-CLOSE-NOTE',
  'AUDIT-CANARY-RELEASE-REASON',
];
/** Vulnerable groups are words of a fixed list: found by their place in a record. */
const GROUPS = /"vulnerableGroups":\[/;

describeEachDatabase('personal data in the audit log and the server log', (t) => {
  let app: App;
  let n: Network;
  const logLines: string[] = [];
  let receipt = '';

  beforeAll(async () => {
    app = await testApp(t().deps, {
      logger: { ...(loggerOptions('debug') as object), stream: { write: (line: string) => logLines.push(line) } },
    });
    n = await buildNetwork(t().deps);
    const as = (who: keyof Network['tokens']) => ({ token: n.tokens[who] });
    const ok = async (answer: Promise<{ status: number; json: Record<string, unknown> }>) => {
      const { status, json } = await answer;
      expect(status, JSON.stringify(json)).toBeLessThan(300);
      return json;
    };
    const team = n.orgs.zhengzhouTeam;
    await ok(
      call(app, 'POST', '/api/v1/users', {
        ...as('admin'),
        body: {
          email: 'audit-canary-user@example.cn',
          displayName: 'AUDIT-CANARY-USER-NAME',
          password: 'correct-horse-42',
          role: 'org_member',
          organizationId: team,
        },
      }),
    );
    await ok(
      call(app, 'POST', '/api/v1/applications', {
        body: {
          organization: { kind: 'grassroots_group', name: '审计互助队', jurisdictions: ['410105'] },
          contact: { name: 'AUDIT-CANARY-APPLICANT', phone: '13922220001', email: 'audit-canary-applicant@example.cn' },
        },
      }),
    );
    const volunteer = await ok(
      call(app, 'POST', `/api/v1/organizations/${team}/volunteers`, {
        ...as('orgAdmin'),
        body: { name: 'AUDIT-CANARY-VOLUNTEER', phone: '13922220002' },
      }),
    );
    await ok(
      call(app, 'PATCH', `/api/v1/volunteers/${volunteer.id}`, {
        ...as('orgAdmin'),
        body: { name: 'AUDIT-CANARY-VOLUNTEER-AMENDED' },
      }),
    );
    await ok(
      call(app, 'POST', '/api/v1/seats', {
        ...as('orgAdmin'),
        body: {
          organizationId: team,
          structure: '防汛指挥部',
          subsystem: 'assessment',
          liaisonName: 'AUDIT-CANARY-LIAISON',
          from: '2025-01-01',
        },
      }),
    );
    const incident = await ok(
      call(app, 'POST', '/api/v1/incidents', {
        ...as('coordHenan'),
        body: { name: '审计演练', category: 'natural_disaster', type: '洪涝', level: 3, jurisdictions: ['410100'] },
      }),
    );
    await ok(
      call(app, 'POST', `/api/v1/incidents/${incident.id}/deployments`, {
        ...as('orgAdmin'),
        body: {
          organizationId: team,
          teamName: '审计分队',
          leaderName: 'AUDIT-CANARY-LEADER',
          leaderPhone: '13922220003',
          headcount: 5,
          origin: '410102',
        },
      }),
    );
    const reported = await ok(
      call(app, 'POST', `/api/v1/incidents/${incident.id}/needs`, {
        ...as('coordHenan'),
        body: {
          title: '审计测试求助',
          category: 'food',
          quantity: 4,
          jurisdiction: '410105',
          lat: 34.7654321,
          lon: 113.6123456,
          description: 'AUDIT-CANARY-NEED-DESCRIPTION',
          contactName: 'AUDIT-CANARY-NEED-CONTACT',
          contactPhone: '13922220004',
          address: 'AUDIT-CANARY-NEED-ADDRESS',
          vulnerableGroups: ['pregnant', 'elderly'],
        },
      }),
    );
    const need = reported.need as { id: string };
    const claim = await ok(
      call(app, 'POST', `/api/v1/needs/${need.id}/claims`, { ...as('orgAdmin'), body: { organizationId: team, quantity: 1 } }),
    );
    const claimId = (claim.claim as { id: string }).id;
    await ok(
      call(app, 'POST', `/api/v1/claims/${claimId}/progress`, { ...as('orgAdmin'), body: { note: 'AUDIT-CANARY-PROGRESS' } }),
    );
    const second = await ok(
      call(app, 'POST', `/api/v1/needs/${need.id}/claims`, { ...as('orgAdmin'), body: { organizationId: team, quantity: 1 } }),
    );
    await ok(
      call(app, 'POST', `/api/v1/claims/${(second.claim as { id: string }).id}/release`, {
        ...as('orgAdmin'),
        body: { reason: 'AUDIT-CANARY-RELEASE-REASON' },
      }),
    );
    const publicNeed = await ok(
      call(app, 'POST', '/api/v1/public/needs', {
        body: {
          incidentId: incident.id,
          title: '群众审计求助',
          category: 'shelter',
          jurisdiction: '410105',
          lat: 34.7345678,
          lon: 113.6,
          description: 'AUDIT-CANARY-PUBLIC-DESCRIPTION',
          contactName: 'AUDIT-CANARY-PUBLIC-CONTACT',
          contactPhone: '13922220005',
          vulnerableGroups: ['children'],
        },
      }),
    );
    receipt = publicNeed.receiptCode as string;
    await ok(call(app, 'GET', `/api/v1/public/receipts/${receipt}`));
    await ok(
      call(app, 'POST', `/api/v1/needs/${(publicNeed.need as { id: string }).id}/close`, {
        ...as('coordHenan'),
        body: { reason: 'done_by_others', note: 'AUDIT-CANARY-CLOSE-NOTE' },
      }),
    );
  });

  it('keeps every canary out of the audit table’s clear text, sealed with the key’s id', async () => {
    const rows = await t().deps.db.selectFrom('audit_log').select(['action', 'before', 'after']).execute();
    const text = rows.map((r) => `${r.action} ${r.before ?? ''} ${r.after ?? ''}`).join('\n');
    expect(CANARIES.filter((canary) => text.includes(canary))).toEqual([]);
    expect(text).not.toMatch(GROUPS);
    expect(text).not.toContain(receipt);
    // The values are there, sealed: the key opens them.
    const report = rows.find((r) => r.action === 'need.report' && r.after?.includes('审计测试求助'));
    const after = JSON.parse(report?.after ?? '{}') as Record<string, unknown> & {
      sealed: { kid: string; fields: string[]; enc: string };
    };
    expect(after).toMatchObject({ title: '审计测试求助', category: 'food' });
    expect(after.contactPhone).toBeUndefined();
    // A need's values are sealed with its own data key (crypto-shredding erases it), not the audit key.
    expect(after.sealed.kid).toMatch(/^pd-[0-9a-f]{16}$/);
    expect(after.sealed.fields.sort()).toEqual(
      ['address', 'contactName', 'contactPhone', 'description', 'lat', 'lon', 'vulnerableGroups'].sort(),
    );
    expect(await openSealed(t().deps.db, t().deps, after)).toMatchObject({
      contactPhone: '13922220004',
      vulnerableGroups: ['pregnant', 'elderly'],
      lat: 34.7654321,
    });
  });

  it('keeps every canary and receipt code out of the server’s log', () => {
    expect(logLines.length).toBeGreaterThan(20);
    const text = logLines.join('');
    expect(text).toContain('/api/v1/public/receipts/…');
    expect(CANARIES.filter((canary) => text.includes(canary))).toEqual([]);
    expect(text).not.toContain(receipt);
  });
});
