/**
 * The service worker (dist/sw.js): keeps every file of the built app in one cache named by the
 * build's hash, so the app opens and trains offline after the first visit. It fetches nothing
 * but those files, and serves nothing else: any other request goes on to the network untouched.
 * A new build has a new hash, so a new sw.js: it installs beside the old one, takes over at once
 * and deletes the old cache. Pages already open keep the code they started with.
 */
import { CACHE_PREFIX, type Precache } from './precache';

declare const self: ServiceWorkerGlobalScope;
/** Replaced by the build (vite.config.ts); see `Precache`. */
declare const __PRECACHE__: Precache;

const PRECACHE = __PRECACHE__;
const CACHE = CACHE_PREFIX + PRECACHE.version;
/** The folder sw.js is served from: the app's root, which the file names are relative to. */
const ROOT = new URL('./', self.location.href);
const FILES = new Set(PRECACHE.files);

self.addEventListener('install', (event) => {
  event.waitUntil(precache().then(() => self.skipWaiting()));
});

self.addEventListener('activate', (event) => {
  event.waitUntil(dropOtherCaches().then(() => self.clients.claim()));
});

self.addEventListener('fetch', (event) => {
  const file = fileOf(event.request);
  if (file !== null) event.respondWith(fromCache(file, event.request));
});

/** Every file, fetched past the HTTP cache; a failure leaves no half-filled cache behind. */
async function precache(): Promise<void> {
  const cache = await caches.open(CACHE);
  try {
    await Promise.all(
      PRECACHE.files.map(async (file) => {
        const url = new URL(file, ROOT);
        const response = await fetch(new Request(url, { cache: 'reload' }));
        if (!response.ok) throw new Error(`The service worker could not fetch ${file} (HTTP ${response.status}).`);
        // A redirected response cannot answer a navigation; a copy of it can. Headers (COOP, COEP, content types) stay.
        await cache.put(url, response.redirected ? new Response(response.body, response) : response);
      }),
    );
  } catch (err) {
    await caches.delete(CACHE);
    throw err;
  }
}

async function dropOtherCaches(): Promise<void> {
  const names = await caches.keys();
  await Promise.all(names.filter((name) => name.startsWith(CACHE_PREFIX) && name !== CACHE).map((name) => caches.delete(name)));
}

/** The build's file a request asks for (the page for the app's root, any query ignored), or null. */
function fileOf(request: Request): string | null {
  if (request.method !== 'GET' || !request.url.startsWith(ROOT.href)) return null;
  const path = new URL(request.url).pathname.slice(ROOT.pathname.length);
  const file = path === '' ? 'index.html' : path;
  return FILES.has(file) ? file : null;
}

/** The cached file, or the network's answer should the browser have dropped the cache. */
async function fromCache(file: string, request: Request): Promise<Response> {
  const cached = await caches.match(new URL(file, ROOT), { cacheName: CACHE });
  return cached ?? fetch(request);
}
