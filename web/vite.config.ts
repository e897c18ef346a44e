import react from '@vitejs/plugin-react';
import { defineConfig } from 'vite';

// The gateway serves web/dist at / and the API (HTTP and graphql-ws) at /graphql on the same
// origin; in development the dev server forwards /graphql to a running `npm start`.
export default defineConfig({
  root: import.meta.dirname,
  plugins: [react()],
  server: {
    proxy: {
      '/graphql': { target: 'http://127.0.0.1:4000', ws: true, changeOrigin: true },
    },
  },
  build: {
    outDir: 'dist',
    emptyOutDir: true,
    manifest: true,
    sourcemap: false,
  },
});
