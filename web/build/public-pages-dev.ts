/**
 * The dev server answers the light public pages' paths with public-pages.html, as the
 * server does in production (src/http/web-pages.ts), instead of the coordinators' index.html.
 */
import type { Plugin } from 'vite';
import { PUBLIC_PAGE_PATH } from '../../src/http/web-pages';

export function publicPagesInDev(): Plugin {
  return {
    name: 'corespond-public-pages-dev',
    apply: 'serve',
    configureServer(server) {
      server.middlewares.use((req, _res, next) => {
        const path = req.url?.split('?')[0] ?? '';
        if (PUBLIC_PAGE_PATH.test(path)) req.url = '/public-pages.html';
        next();
      });
    },
  };
}
