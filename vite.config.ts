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
  },
  server: {
    fs: { allow: [repoRoot] },
    proxy: {
      '/api': 'http://localhost:8080',
    },
  },
});
