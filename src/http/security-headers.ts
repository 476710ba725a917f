/**
 * The security headers every answer carries (pages, assets, API, problems, 404s), set by
 * @fastify/helmet from the configuration: a Content-Security-Policy that allows no inline
 * script, framing refused, no MIME sniffing, a referrer kept to our origin, and HSTS once the
 * platform is served over TLS (which secure cookies imply).
 */
import type { FastifyHelmetOptions } from '@fastify/helmet';
import type { Config } from '../config';

/** The origin of the map style when it lives on another server; null for a path on this one. */
function mapStyleOrigin(mapStyleUrl: string | null): string | null {
  if (!mapStyleUrl || mapStyleUrl.startsWith('/')) return null;
  return new URL(mapStyleUrl).origin;
}

/** The Content-Security-Policy directives of the web UI and the API. */
export function contentSecurityPolicy(config: Pick<Config, 'mapStyleUrl' | 'secureCookies'>): Record<string, string[]> {
  const mapHost = mapStyleOrigin(config.mapStyleUrl);
  const mapSources = mapHost ? [mapHost] : [];
  return {
    'default-src': ["'self'"],
    // Vite's build loads every script from a file under /assets: no inline script is needed.
    'script-src': ["'self'"],
    'script-src-attr': ["'none'"],
    // Ant Design's CSS-in-JS writes <style> elements at run time; a nonce would have to be
    // made per answer and handed to it, which a static single-page app served as files
    // cannot do, so inline styles stay allowed (styles cannot run code).
    'style-src': ["'self'", "'unsafe-inline'"],
    // MapLibre draws in a worker it starts from a blob: URL (child-src for older browsers).
    'worker-src': ["'self'", 'blob:'],
    'child-src': ['blob:'],
    // The favicon and placeholders are data: URLs; photo previews and map images are blobs.
    'img-src': ["'self'", 'data:', 'blob:', ...mapSources],
    // The map style, its tiles, glyphs and sprites are fetched from its server.
    'connect-src': ["'self'", ...mapSources],
    'font-src': ["'self'", 'data:'],
    'object-src': ["'none'"],
    'base-uri': ["'self'"],
    'frame-ancestors': ["'none'"],
    'form-action': ["'self'"],
    // Only over TLS: on a plain-HTTP install (a LAN address) it would send every asset
    // request to an https:// address that does not answer.
    ...(config.secureCookies ? { 'upgrade-insecure-requests': [] } : {}),
  };
}

/** The options of @fastify/helmet for this configuration. */
export function securityHeaders(config: Pick<Config, 'mapStyleUrl' | 'secureCookies'>): FastifyHelmetOptions {
  return {
    global: true,
    contentSecurityPolicy: { useDefaults: false, directives: contentSecurityPolicy(config) },
    referrerPolicy: { policy: 'strict-origin-when-cross-origin' },
    xFrameOptions: { action: 'deny' },
    // HSTS on a plain-HTTP install would lock browsers out of it for a year.
    strictTransportSecurity: config.secureCookies ? { maxAge: 31_536_000, includeSubDomains: false } : false,
  };
}
