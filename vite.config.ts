import { fileURLToPath } from 'node:url';
import react from '@vitejs/plugin-react';
import { defineConfig } from 'vite';
import { VitePWA } from 'vite-plugin-pwa';

const repoRoot = fileURLToPath(new URL('.', import.meta.url));

// The UI lives in web/ but imports the shared model from src/model, so the dev server
// must be allowed to read the whole repository.
export default defineConfig({
  root: 'web',
  plugins: [
    react(),
    // The installable app: a web app manifest, and the service worker of web/src/offline/sw.ts
    // with the list of files to precache injected into it (registered by web/src/offline/register-sw.ts).
    VitePWA({
      strategies: 'injectManifest',
      srcDir: 'src/offline',
      filename: 'sw.ts',
      injectRegister: false,
      manifest: {
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
      },
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
      output: {
        codeSplitting: {
          groups: [
            // The libraries the first chunk runs on (React, the router, react-query, i18next, Ant
            // Design's core) change far less often than the app: one file that stays cached across
            // releases. Everything else splits by page area (web/src/lazy-pages.ts), so the public
            // report page never downloads the coordinators' tables, drawers or map.
            { name: 'vendor', test: /[\\/]node_modules[\\/]/, tags: ['$initial'] },
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
