import { expect, it } from 'vitest';
import { call, testApp } from '../support/api';
import { corespond } from '../support/cli';
import { describeEachDatabase } from '../support/databases';
import { buildNetwork } from '../support/fixtures';

describeEachDatabase('corespond retention sweep', (t) => {
  it('erases an incident closed longer ago than CORESPOND_PERSONAL_DATA_DAYS, and the chain still verifies', async () => {
    const { deps, env } = t();
    const app = await testApp(deps);
    const n = await buildNetwork(deps);
    const incident = await call(app, 'POST', '/api/v1/incidents', {
      token: n.tokens.coordHenan,
      body: { name: '命令行保留期', category: 'natural_disaster', type: '洪涝', level: 3, jurisdictions: ['410100'] },
    });
    const id = incident.json.id as string;
    const need = await call(app, 'POST', `/api/v1/incidents/${id}/needs`, {
      token: n.tokens.coordHenan,
      body: {
        title: '命令行求助',
        category: 'food',
        jurisdiction: '410105',
        lat: 34.76,
        lon: 113.61,
        contactName: 'CLI-CANARY',
        contactPhone: '13977770001',
      },
    });
    expect(need.status, JSON.stringify(need.json)).toBe(201);
    const needId = (need.json.need as { id: string }).id;
    await call(app, 'POST', `/api/v1/incidents/${id}/stage`, {
      token: n.tokens.coordHenan,
      body: { to: 'closed', reason: '结束' },
    });
    await app.close();

    // Closed today: kept.
    const kept = await corespond(['retention', 'sweep'], { ...env, CORESPOND_PERSONAL_DATA_DAYS: '30' });
    expect(kept.stdout).toContain('personal data erased for 0 incidents closed more than 30 days ago');
    expect(kept.code).toBe(0);
    // The incident closed 31 days ago, as far as the database knows.
    const longAgo = new Date(Date.now() - 31 * 86_400_000).toISOString();
    await deps.db.updateTable('incident_stages').set({ at: longAgo }).where('incident_id', '=', id).execute();
    const swept = await corespond(['retention', 'sweep'], { ...env, CORESPOND_PERSONAL_DATA_DAYS: '30' });
    expect(swept.stdout).toContain('personal data erased for 1 incidents closed more than 30 days ago: 1 needs, 0 offers');
    expect(swept.code).toBe(0);
    const row = await deps.db
      .selectFrom('needs')
      .select(['contact_name', 'contact_phone'])
      .where('id', '=', needId)
      .executeTakeFirstOrThrow();
    expect(row).toEqual({ contact_name: null, contact_phone: null });
    const verified = await corespond(['audit', 'verify'], env);
    expect(verified.stdout).toMatch(/audit chain intact/);
    expect(verified.code).toBe(0);

    const refused = await corespond(['retention', 'sweep'], { ...env, CORESPOND_PERSONAL_DATA_DAYS: 'half a year' });
    expect(refused.stderr).toContain('CORESPOND_PERSONAL_DATA_DAYS must be a positive whole number');
    expect(refused.code).not.toBe(0);
  });
});
