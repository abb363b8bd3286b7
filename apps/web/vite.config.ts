import react from '@vitejs/plugin-react';
import { fileURLToPath } from 'node:url';
import { defineConfig } from 'vite';

const here = fileURLToPath(new URL('.', import.meta.url));

// Built to dist/web (outside dist/apps, which tools/build.mjs owns); the gateway serves it at `/`.
export default defineConfig({
  root: here,
  base: '/',
  plugins: [react()],
  build: {
    outDir: fileURLToPath(new URL('../../dist/web', import.meta.url)),
    emptyOutDir: true,
    target: 'es2022',
    sourcemap: false,
    reportCompressedSize: false,
    chunkSizeWarningLimit: 1200,
    rollupOptions: {
      output: {
        // Each page is its own chunk (React.lazy); the chart library and the sign-in client too,
        // so the shell loads only what the first page needs.
        manualChunks: (id) => (id.includes('node_modules/echarts') || id.includes('node_modules/zrender') ? 'charts' : id.includes('node_modules/oidc-client-ts') ? 'oidc' : undefined),
      },
    },
  },
});
