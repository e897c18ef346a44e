import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { defineConfig } from 'vite';

const here = path.dirname(fileURLToPath(import.meta.url));

// GraphiQL 5 bundled locally (Monaco and its workers included): /playground works offline.
// Build: `npm run build -w gateway` → gateway/playground/dist (git-ignored).
export default defineConfig({
  root: here,
  base: '/playground/',
  logLevel: 'warn',
  build: {
    outDir: path.join(here, 'dist'),
    emptyOutDir: true,
    chunkSizeWarningLimit: 8_000,
    sourcemap: false,
    rollupOptions: {
      // framer-motion's "use client" directives are meaningless in a client-only bundle.
      onwarn(warning, warn) {
        if (warning.code === 'MODULE_LEVEL_DIRECTIVE') return;
        warn(warning);
      },
    },
  },
  worker: { format: 'es' },
});
