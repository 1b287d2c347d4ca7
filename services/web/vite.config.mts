import { defineConfig } from 'vite';

// Built by `npm run build` into dist/web, which the gateway serves at `/`. `npx vite services/web`
// serves the page with hot reload against a running `npm start` (the proxy forwards the API).
export default defineConfig({
  base: '/',
  build: {
    outDir: '../../dist/web',
    emptyOutDir: true,
    // Every browser that runs this page preloads modules natively: no inline polyfill.
    modulePreload: { polyfill: false },
    reportCompressedSize: true,
  },
  server: {
    proxy: { '/rest': 'http://127.0.0.1:3100' },
  },
});
