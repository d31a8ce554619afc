import react from '@vitejs/plugin-react';
import { fileURLToPath } from 'node:url';
import { defineConfig, type Plugin } from 'vite';

// Cross-origin isolation lets the WASM backend use threads (SharedArrayBuffer).
const isolation = {
  'Cross-Origin-Opener-Policy': 'same-origin',
  'Cross-Origin-Embedder-Policy': 'require-corp',
};

/**
 * index.html's Content-Security-Policy holds for the built app. The dev server needs what it
 * forbids (React Refresh's inline preamble script, CSS injected as <style> elements), so it
 * serves the page without it.
 */
const devWithoutCsp: Plugin = {
  name: 'dev-without-csp',
  apply: 'serve',
  transformIndexHtml: (html) => html.replace(/\s*<meta\s+http-equiv="Content-Security-Policy"[^>]*>/, ''),
};

export default defineConfig({
  plugins: [react(), devWithoutCsp],
  resolve: {
    alias: [
      // See src/worker/threadedWasmFactory.ts: tfjs's own relative import of its threaded factory.
      {
        find: /^\.\.\/wasm-out\/tfjs-backend-wasm-threaded-simd\.js$/,
        replacement: fileURLToPath(new URL('./src/worker/threadedWasmFactory.ts', import.meta.url)),
      },
    ],
  },
  server: { headers: isolation, port: 5173 },
  preview: { headers: isolation, port: 4173 },
  worker: { format: 'es' },
  build: {
    target: 'es2022',
    chunkSizeWarningLimit: 4000,
    // The benchmark page ships with the app so `npm run bench` measures the built bundle.
    rollupOptions: { input: { main: 'index.html', bench: 'bench.html' } },
  },
  assetsInclude: ['**/*.wasm'],
});
