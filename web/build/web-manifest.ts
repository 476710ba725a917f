/**
 * A web app manifest of its own for one part of the site (the checkpoint page), beside the one
 * vite-plugin-pwa writes for the coordinators' app: emitted into the build, where the service
 * worker's precache picks it up (every *.webmanifest), and answered by the dev server. The part
 * gets its own copy of the built page it is served from, linking that manifest from the first
 * byte (the server answers the part's path with it: src/http/web-pages.ts), so a browser that
 * reads the manifest only from the HTML it loaded installs the right app.
 */
import type { Plugin } from 'vite';
import type { ManifestOptions } from 'vite-plugin-pwa';

/** `html` with its manifest link pointing at `href` (added before </head> when it has none). */
export function linkingManifest(html: string, href: string): string {
  const link = /<link rel="manifest" href="[^"]*"/;
  if (link.test(html)) return html.replace(link, `<link rel="manifest" href="${href}"`);
  return html.replace('</head>', `  <link rel="manifest" href="${href}">\n  </head>`);
}

export interface PartManifest {
  /** The manifest's file name in the build, e.g. checkpoint.webmanifest. */
  fileName: string;
  manifest: Partial<ManifestOptions>;
  /** The built page the part is served from, and the name of the part's copy of it. */
  page: { from: string; as: string };
  /** The part's paths, to link its manifest on the dev server too. */
  path: RegExp;
}

export function webManifest({ fileName, manifest, page, path }: PartManifest): Plugin {
  const source = `${JSON.stringify(manifest)}\n`;
  const href = `/${fileName}`;
  return {
    name: 'corespond-web-manifest',
    configureServer(server) {
      server.middlewares.use(href, (_request, response) => {
        response.setHeader('content-type', 'application/manifest+json');
        response.end(source);
      });
    },
    transformIndexHtml: {
      order: 'post',
      handler(html, context) {
        const at = (context.originalUrl ?? '').split('?')[0] ?? '';
        return context.server && path.test(at) ? linkingManifest(html, href) : html;
      },
    },
    generateBundle: {
      order: 'post',
      handler(_options, bundle) {
        this.emitFile({ type: 'asset', fileName, source });
        const built = bundle[page.from];
        if (built?.type !== 'asset') this.error(`${page.from} is not in the build, so ${page.as} cannot be made from it`);
        this.emitFile({ type: 'asset', fileName: page.as, source: linkingManifest(String(built.source), href) });
      },
    },
  };
}
