import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { extname, join, relative } from 'node:path';
import { CACHE_PREFIX, type Precache } from '../src/sw/precache';
import { expect, test } from './fixtures';

const DIST = join(import.meta.dirname, '..', 'dist');

/** The file list and version the build wrote into dist/sw.js. */
function builtPrecache(): Precache {
  const match = /\{"version":"\w+","files":\[[^\]]*\]\}/.exec(readFileSync(join(DIST, 'sw.js'), 'utf8'));
  expect(match, 'dist/sw.js holds its precache list').not.toBeNull();
  return JSON.parse(match![0]) as Precache;
}

test('the built service worker lists every other file of the build, and evaluates no strings as code', () => {
  const built = readdirSync(DIST, { recursive: true, withFileTypes: true })
    .filter((entry) => entry.isFile())
    .map((entry) => relative(DIST, join(entry.parentPath, entry.name)).split('\\').join('/'));
  const { version, files } = builtPrecache();
  expect(version).toMatch(/^[0-9a-f]{16}$/);
  expect(files).toEqual(built.filter((file) => file !== 'sw.js').sort());
  expect(files).toEqual(expect.arrayContaining(['index.html', 'adult.csv', expect.stringMatching(/^assets\/training\.worker-.*\.js$/), expect.stringMatching(/\.wasm$/)]));
  expect(readFileSync(join(DIST, 'sw.js'), 'utf8')).not.toMatch(/(?<![\w$.])(eval|Function)\s*\(|__PRECACHE__|^\s*(import|export)\b/m);
});

test('after one visit the app opens, loads the sample, trains and generates with the network cut', async ({ studio, page, context }) => {
  // Every request of the context, the service worker's own included.
  const requests: string[] = [];
  const failed: string[] = [];
  context.on('request', (request) => requests.push(request.url()));
  context.on('requestfailed', (request) => failed.push(`${request.url()}: ${request.failure()?.errorText}`));

  await studio.open();
  await page.waitForFunction(() => navigator.serviceWorker.controller !== null, undefined, { timeout: 60_000 });
  const { version, files } = builtPrecache();
  const cached = await page.evaluate(async () => Promise.all((await caches.keys()).map(async (name) => ({ name, paths: (await (await caches.open(name)).keys()).map((r) => new URL(r.url).pathname) }))));
  expect(cached).toEqual([{ name: CACHE_PREFIX + version, paths: expect.arrayContaining(files.map((file) => `/${file}`)) }]);
  expect(cached[0].paths).toHaveLength(files.length);
  // Nothing but the app's own files was asked for, by the page, its workers or the service worker
  // (whose requests are seen here: only it asks for the benchmark page).
  const origin = new URL(page.url()).origin;
  expect(requests).toContain(`${origin}/bench.html`);
  const own = new Set(['/', '/sw.js', ...files.map((file) => `/${file}`)]);
  expect(requests.filter((url) => !/^(data|blob):/.test(url) && !(new URL(url).origin === origin && own.has(new URL(url).pathname)))).toEqual([]);

  await context.setOffline(true);
  await page.reload();
  await expect(page.getByTestId('backend-status')).toContainText('Using', { timeout: 60_000 });
  // Served from the cache with the headers it was fetched with (COOP, COEP): WASM threads still work.
  expect(await page.evaluate(() => [navigator.onLine, crossOriginIsolated])).toEqual([false, true]);
  await studio.chooseBackend('wasm');
  await page.getByRole('button', { name: 'Try a sample' }).click();
  await expect(page.getByTestId('loaded-summary')).toContainText('adult.csv: 32,561 rows', { timeout: 60_000 });
  await studio.useTinyModel(1);
  await studio.trainToEnd();
  await studio.generate(100);
  expect(failed).toEqual([]);
});

/**
 * The built app served as `vite preview` serves it (same headers), but with sw.js's version
 * given by `version()`: a new build, as browsers see one, without building again.
 */
async function serveBuild(version: () => string): Promise<{ url: string; close: () => Promise<void> }> {
  const types: Record<string, string> = { '.html': 'text/html', '.js': 'text/javascript', '.css': 'text/css', '.wasm': 'application/wasm', '.csv': 'text/csv' };
  const built = builtPrecache().version;
  const server = createServer((request, response) => {
    const path = new URL(request.url!, 'http://localhost').pathname;
    const file = join(DIST, path === '/' ? 'index.html' : path);
    if (!file.startsWith(DIST) || !existsSync(file) || !statSync(file).isFile()) return void response.writeHead(404).end();
    let body: Buffer | string = readFileSync(file);
    if (path === '/sw.js') body = body.toString('utf8').replace(`"version":"${built}"`, `"version":"${version()}"`);
    response.writeHead(200, { 'Content-Type': types[extname(file)] ?? 'application/octet-stream', 'Cache-Control': 'no-cache', ...ISOLATION });
    response.end(body);
  });
  await new Promise<void>((resolve) => server.listen(0, 'localhost', resolve));
  return { url: `http://localhost:${(server.address() as AddressInfo).port}/`, close: () => new Promise((resolve) => server.close(() => resolve())) };
}

const ISOLATION = { 'Cross-Origin-Opener-Policy': 'same-origin', 'Cross-Origin-Embedder-Policy': 'require-corp' };

test("a new build's service worker takes over and replaces the cached app", async ({ page }) => {
  const first = builtPrecache().version;
  const next = first.replace(/^./, (c) => (c === 'f' ? '0' : 'f'));
  let version = first;
  const app = await serveBuild(() => version);
  try {
    await page.goto(app.url);
    await page.waitForFunction(() => navigator.serviceWorker.controller !== null, undefined, { timeout: 60_000 });
    expect(await page.evaluate(() => caches.keys())).toEqual([CACHE_PREFIX + first]);
    version = next;
    await page.evaluate(async () => (await navigator.serviceWorker.getRegistration())!.update());
    await expect.poll(() => page.evaluate(() => caches.keys()), { timeout: 60_000 }).toEqual([CACHE_PREFIX + next]);
    // The page is now the new worker's, and opens from its cache with the network cut.
    await page.context().setOffline(true);
    await page.reload();
    await expect(page.getByTestId('backend-status')).toContainText('Using', { timeout: 60_000 });
    expect(await page.evaluate(() => navigator.serviceWorker.controller?.state)).toBe('activated');
  } finally {
    await app.close();
  }
});
