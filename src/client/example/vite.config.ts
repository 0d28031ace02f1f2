import { fileURLToPath } from 'node:url';
import { defineConfig } from 'vite';

// The example app: `npm run dev:example` serves it on :5173 and forwards the API and the socket to
// a jobpulse on :9080 (mvn liberty:run); `npm run build:example` writes a static build whose
// assets load relative to the page, so it can be served from any folder.
const jobpulse = process.env.JOBPULSE_URL ?? 'http://localhost:9080';

export default defineConfig({
  root: fileURLToPath(new URL('.', import.meta.url)),
  base: './',
  resolve: {
    // The import paths of the usage examples ('@/services/...', '@/hooks/...') point at the package source.
    alias: { '@': fileURLToPath(new URL('../src', import.meta.url)) },
  },
  esbuild: { jsx: 'automatic' },
  build: {
    // The Maven build writes it to target/client-example (CLIENT_EXAMPLE_OUT_DIR).
    outDir: process.env.CLIENT_EXAMPLE_OUT_DIR ?? fileURLToPath(new URL('./dist', import.meta.url)),
    emptyOutDir: true,
    rollupOptions: {
      // TanStack Query marks its modules "use client" for server components; a browser bundle ignores it.
      onwarn(warning, warn) {
        if (warning.code !== 'MODULE_LEVEL_DIRECTIVE') warn(warning);
      },
    },
  },
  server: {
    proxy: {
      '/api': jobpulse,
      '/socket.io': { target: jobpulse, ws: true },
    },
  },
});
