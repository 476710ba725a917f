/**
 * Each annual report printed to PDF starts a Chromium, and prints wait their turn one at a
 * time: a client gets only so many a minute, while the HTML report stays as open as any page.
 */
import { beforeAll, expect, it } from 'vitest';
import type { App } from '../../src/http/app-types';
import { call, testApp } from '../support/api';
import { describeEachDatabase } from '../support/databases';
import { buildNetwork, type Network } from '../support/fixtures';

const LIMIT = 2;

describeEachDatabase('printing annual reports over HTTP', (t) => {
  let app: App;
  let network: Network;
  beforeAll(async () => {
    app = await testApp(t().deps, { reportRateLimit: LIMIT });
    network = await buildNetwork(t().deps);
  });

  it('refuses a client more PDF reports a minute than the limit, and never the HTML one', async () => {
    const year = new Date().getUTCFullYear();
    const report = (format?: 'html' | 'pdf') =>
      call(app, 'GET', `/api/v1/analytics/annual-report?jurisdiction=410000&year=${year}${format ? `&format=${format}` : ''}`, {
        token: network.tokens.observer,
      });
    for (let i = 0; i < LIMIT; i++) {
      // Printed, or 503 pdf_unavailable where this machine has no Chromium: either way not limited.
      expect((await report('pdf')).status).not.toBe(429);
    }
    const refused = await report('pdf');
    expect(refused.status).toBe(429);
    expect(refused.json).toMatchObject({ status: 429, code: 'rate_limited' });
    for (const format of [undefined, 'html', undefined] as const) {
      const html = await report(format);
      expect(html.status).toBe(200);
      expect(html.headers['content-type']).toMatch(/text\/html/);
    }
  });
});
