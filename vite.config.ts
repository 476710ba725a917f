import { fileURLToPath } from 'node:url';
import react from '@vitejs/plugin-react';
import { defineConfig } from 'vite';
import { type ManifestOptions, VitePWA } from 'vite-plugin-pwa';
import { CHECKPOINT_MANIFEST, CHECKPOINT_PAGE_PATH } from './src/http/web-pages';
import { publicCatalogues } from './web/build/public-catalogues';
import { publicPagesBudget } from './web/build/public-pages-budget';
import { publicPagesInDev } from './web/build/public-pages-dev';
import { webManifest } from './web/build/web-manifest';

const repoRoot = fileURLToPath(new URL('.', import.meta.url));
const web = (path: string) => fileURLToPath(new URL(`./web/${path}`, import.meta.url));

/** The coordinators' app as installed: the whole site, opening on the start page. */
const APP_MANIFEST = {
  name: '协应 CoRespond',
  short_name: '协应',
  description: '政府应急部门与社会组织协同网络 — an open cooperation network for emergency response',
  lang: 'zh-Hans',
  start_url: '/',
  scope: '/',
  display: 'standalone',
  background_color: '#ffffff',
  theme_color: '#0b3a82',
  icons: [
    { src: '/icons/icon-192.png', sizes: '192x192', type: 'image/png', purpose: 'any' },
    { src: '/icons/icon-512.png', sizes: '512x512', type: 'image/png', purpose: 'any' },
    { src: '/icons/icon-512.png', sizes: '512x512', type: 'image/png', purpose: 'maskable' },
  ],
} satisfies Partial<ManifestOptions>;

/**
 * The checkpoint page (通行证核验, /checkpoint) installed on a checkpoint officer's phone: an app
 * of its own (its own id, name and start), opening on the page that verifies passes offline.
 * Linked from checkpoint.html, the build's copy of public-pages.html the server answers /checkpoint with.
 */
const checkpointManifest: Partial<ManifestOptions> = {
  ...APP_MANIFEST,
  id: '/checkpoint',
  name: '协应 通行证核验',
  short_name: '通行证核验',
  description: '核验救援队伍通行证，断网后仍可在本机核验 — check deployment passes, offline too',
  start_url: '/checkpoint',
  scope: '/checkpoint',
};

// The UI lives in web/ but imports the shared model from src/model, so the dev server
// must be allowed to read the whole repository.
export default defineConfig({
  root: 'web',
  plugins: [
    react(),
    publicCatalogues(web('src/i18n')),
    publicPagesBudget(['public-pages.html']),
    publicPagesInDev(),
    webManifest({
      fileName: CHECKPOINT_MANIFEST,
      manifest: checkpointManifest,
      page: { from: 'public-pages.html', as: 'checkpoint.html' },
      path: CHECKPOINT_PAGE_PATH,
    }),
    // The installable app: a web app manifest, and the service worker of web/src/offline/sw.ts
    // with the list of files to precache injected into it (registered by web/src/offline/register-sw.ts).
    VitePWA({
      strategies: 'injectManifest',
      srcDir: 'src/offline',
      filename: 'sw.ts',
      injectRegister: false,
      manifest: APP_MANIFEST,
      injectManifest: {
        // The app shell and every chunk up to 2 MB; larger ones (map, charts) are cached when first used.
        globPatterns: ['**/*.{js,css,html,png,webmanifest}'],
        globIgnores: ['map-styles/**'],
        maximumFileSizeToCacheInBytes: 2 * 1024 * 1024,
        rollupFormat: 'iife',
      },
    }),
  ],
  build: {
    outDir: 'dist',
    emptyOutDir: true,
    chunkSizeWarningLimit: 2000,
    rolldownOptions: {
      // Two pages: the coordinators' app, and the light public pages (report, receipt, join,
      // checkpoint) without Ant Design, charts or maps (web/src/public-entry).
      input: { main: web('index.html'), public: web('public-pages.html') },
      output: {
        codeSplitting: {
          groups: [
            // React and the i18n libraries both pages run on: one file, cached across releases
            // and across the two pages.
            {
              name: 'react',
              test: /[\\/]node_modules[\\/](react|react-dom|scheduler|i18next|react-i18next|void-elements|html-parse-stringify|@tanstack)[\\/]/,
              tags: ['$initial'],
              priority: 2,
            },
            // IndexedDB for the outbox, which the public pages share through the session module:
            // a file of its own, so they do not load the coordinators' vendor chunk.
            { name: 'offline', test: /[\\/]node_modules[\\/]idb[\\/]/, tags: ['$initial'], priority: 3 },
            // The other libraries the coordinators' first chunk runs on (the router, Ant Design's
            // core) change far less often than the app. Everything else splits by page area
            // (web/src/lazy-pages.ts).
            { name: 'vendor', test: /[\\/]node_modules[\\/]/, tags: ['$initial'], priority: 1 },
          ],
        },
      },
    },
  },
  server: {
    fs: { allow: [repoRoot] },
    proxy: {
      '/api': 'http://localhost:8080',
    },
  },
});
