import { fileURLToPath } from 'node:url';
import { defineConfig } from 'vite';
import { precompress } from './vite-precompress';
import { routePreloads } from './vite-route-preloads';

const root = fileURLToPath(new URL('.', import.meta.url));
const projectRoot = fileURLToPath(new URL('../..', import.meta.url));

/**
 * The single-page app served by the api at `/`. Vite 8 transforms TSX itself (oxc), so no React
 * plugin: the automatic JSX runtime is all React needs. Output goes to dist/web at the package root.
 */
export default defineConfig({
  root,
  base: '/',
  publicDir: false,
  oxc: { jsx: { runtime: 'automatic' } },
  // dist/web's text files also as .br and .gz, compressed once at build time (see apps/api/src/web-app.ts).
  // The participant page's code is named in index.html for /live/:code (see vite-route-preloads.ts).
  plugins: [routePreloads([{ path: '^/live/(?!new/?$)[^/]+/?$', module: 'src/pages/live/ParticipantPage.tsx' }]), precompress()],
  resolve: {
    alias: { '@balai/contracts': `${projectRoot}libs/contracts/src/index.ts` },
  },
  build: {
    outDir: `${projectRoot}dist/web`,
    emptyOutDir: true,
    target: 'es2022',
    sourcemap: false,
    // Every browser the app supports (ES2022) has <link rel="modulepreload">: no polyfill in the phone's bundle.
    modulePreload: { polyfill: false },
    rolldownOptions: {
      onwarn(warning, warn) {
        // react-router marks its modules "use client" for React Server Components; meaningless in an SPA bundle.
        if (warning.code === 'MODULE_LEVEL_DIRECTIVE') return;
        warn(warning);
      },
    },
  },
  server: {
    // `npm start` serves on :3000; the dev server forwards the API and the /live sockets to it.
    proxy: { '/api': 'http://localhost:3000', '/socket.io': { target: 'http://localhost:3000', ws: true } },
  },
});
