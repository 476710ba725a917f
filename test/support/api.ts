/** The HTTP app on a test database, and a tiny client for it. */

import { buildApp } from '../../src/http/app';
import type { App } from '../../src/http/app-types';
import type { Deps } from '../../src/services/context';

export async function testApp(
  deps: Deps,
  options: {
    bodyLimit?: number;
    webDist?: string;
    publicRateLimit?: number;
    authRateLimit?: number;
    reportRateLimit?: number;
    mapStyleUrl?: string;
    onRoute?: (route: { method: string; url: string }) => void;
    logger?: Parameters<typeof buildApp>[0]['logger'];
    webhooks?: Parameters<typeof buildApp>[0]['webhooks'];
    metricsToken?: string;
  } = {},
): Promise<App> {
  const app = await buildApp({
    deps,
    config: {
      bodyLimit: options.bodyLimit ?? 1024 * 1024,
      authRateLimit: options.authRateLimit ?? 1000,
      applicationRateLimit: 1000,
      publicRateLimit: options.publicRateLimit ?? 100_000,
      reportRateLimit: options.reportRateLimit ?? 1000,
      secureCookies: false,
      mapStyleUrl: options.mapStyleUrl ?? null,
      metricsToken: options.metricsToken ?? null,
    },
    webDist: options.webDist,
    onRoute: options.onRoute,
    logger: options.logger,
    webhooks: options.webhooks,
  });
  await app.ready();
  return app;
}

export interface CallOptions {
  token?: string;
  body?: unknown;
  headers?: Record<string, string>;
}

/** Calls the app like a client would; returns status and parsed JSON. */
export async function call(app: App, method: string, url: string, options: CallOptions = {}) {
  const headers: Record<string, string> = { ...options.headers };
  if (options.token) headers.authorization = `Bearer ${options.token}`;
  const response = await app.inject({
    method: method as 'GET',
    url,
    headers,
    ...(options.body !== undefined ? { payload: options.body as object } : {}),
  });
  let json: unknown;
  try {
    json = response.json();
  } catch {
    json = undefined;
  }
  return {
    status: response.statusCode,
    json: json as Record<string, unknown> & { items?: Record<string, unknown>[] },
    headers: response.headers,
  };
}
