import react from '@vitejs/plugin-react';
import { createHash } from 'node:crypto';
import { readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join, relative, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { defineConfig, type Plugin } from 'vite';
import type { Precache } from './src/sw/precache';

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

/**
 * Writes into dist/sw.js (src/sw/serviceWorker.ts, an entry of its own at the root, so that its
 * scope is the whole app) every other file of the build, public/ included, and a hash of their
 * names and bytes, in place of `__PRECACHE__`. A change to any file makes a new sw.js, which
 * browsers then install.
 */
function precacheList(): Plugin {
  let outDir = '';
  return {
    name: 'precache-list',
    apply: 'build',
    configResolved: (config) => void (outDir = resolve(config.root, config.build.outDir)),
    writeBundle: {
      order: 'post',
      sequential: true,
      handler() {
        const files = filesUnder(outDir)
          .filter((file) => file !== 'sw.js')
          .sort();
        const hash = createHash('sha256');
        for (const file of files) {
          const bytes = readFileSync(join(outDir, file));
          hash.update(`${file}\0${bytes.length}\0`).update(bytes);
        }
        const precache: Precache = { version: hash.digest('hex').slice(0, 16), files };
        const sw = join(outDir, 'sw.js');
        const parts = readFileSync(sw, 'utf8').split('__PRECACHE__');
        if (parts.length !== 2) throw new Error(`dist/sw.js should name __PRECACHE__ once, not ${parts.length - 1} times.`);
        writeFileSync(sw, parts.join(JSON.stringify(precache)));
      },
    },
  };
}

/** Every file under `dir`, as a URL path relative to it. */
function filesUnder(dir: string): string[] {
  return readdirSync(dir, { recursive: true, withFileTypes: true })
    .filter((entry) => entry.isFile())
    .map((entry) => relative(dir, join(entry.parentPath, entry.name)).split('\\').join('/'));
}

export default defineConfig({
  plugins: [react(), devWithoutCsp, precacheList()],
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
    rollupOptions: {
      // The benchmark page ships with the app so `npm run bench` measures the built bundle.
      input: { main: 'index.html', bench: 'bench.html', sw: 'src/sw/serviceWorker.ts' },
      // The service worker keeps its name, at the root: its scope is its folder, and browsers look for updates at one address.
      output: { entryFileNames: (chunk) => (chunk.name === 'sw' ? 'sw.js' : 'assets/[name]-[hash].js') },
    },
  },
  assetsInclude: ['**/*.wasm'],
});
