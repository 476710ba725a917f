import { fileURLToPath } from 'node:url';
import react from '@vitejs/plugin-react';
import { defineConfig } from 'vite';

const repoRoot = fileURLToPath(new URL('.', import.meta.url));

// The UI lives in web/ but imports the shared model from src/model, so the dev server
// must be allowed to read the whole repository.
export default defineConfig({
  root: 'web',
  plugins: [react()],
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
