/**
 * A web app manifest of its own for one part of the site (the checkpoint page), beside the one
 * vite-plugin-pwa writes for the coordinators' app: emitted into the build, where the service
 * worker's precache picks it up (every *.webmanifest), and answered by the dev server.
 */
import type { Plugin } from 'vite';
import type { ManifestOptions } from 'vite-plugin-pwa';

export function webManifest(fileName: string, manifest: Partial<ManifestOptions>): Plugin {
  const source = `${JSON.stringify(manifest)}\n`;
  return {
    name: 'corespond-web-manifest',
    configureServer(server) {
      server.middlewares.use(`/${fileName}`, (_request, response) => {
        response.setHeader('content-type', 'application/manifest+json');
        response.end(source);
      });
    },
    generateBundle() {
      this.emitFile({ type: 'asset', fileName, source });
    },
  };
}
