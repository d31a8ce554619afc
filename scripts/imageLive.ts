// `npx tsx scripts/imageLive.ts [--seconds 60] [--seed S] [--out FILE] [--no-build]` (or `npm run bench:images -- --set none --live`)
// The image studio's live view in the built app in Chromium: uploads 2,000 drawn grey 32 × 32
// digits as a zip through Upload data, picks the WASM backend, presses Train and, over
// `seconds` of training from the first view, counts how often the sample grid's pixels changed
// (its data-checksum), the worker's imageGrid and imageEpoch messages, and main-thread long tasks.
import { chromium } from '@playwright/test';
import { mkdirSync, writeFileSync } from 'node:fs';
import { cpus, loadavg } from 'node:os';
import { dirname } from 'node:path';
import { pathToFileURL } from 'node:url';
import { parseArgs } from 'node:util';
import { zipSync } from 'fflate';
import { chromiumPath, CHROMIUM_ARGS } from '../e2e/browser';
import { drawDigits } from '../src/core/data/images/drawnDigits';
import { imageAt } from '../src/core/data/images/imageSet';
import { encodePng } from '../src/core/data/images/png';
import { browserVersion, buildApp, servePreview } from './browserBench';

const PORT = 4195;
const DIGITS = 2000;

/** The drawn digits as a user's zip: `digits/<label>/<n>.png`, grey PNGs. */
export function digitsZip(count: number, size: 16 | 32 | 64, seed: number): Uint8Array {
  const set = drawDigits(count, size, seed);
  const files: Record<string, Uint8Array> = {};
  for (let i = 0; i < set.count; i++) {
    const grey = Uint8Array.from(imageAt(set, i), (v) => Math.round((v + 1) * 127.5));
    files[`digits/${set.labels[set.labelOf[i]]}/${i}.png`] = encodePng(grey, size, size, 1);
  }
  return zipSync(files);
}

export interface LiveResult {
  chromium: string;
  backend: string;
  /** Seconds from pressing Train to the first view (the judging classifier is trained meanwhile). */
  firstViewSeconds: number;
  /** The window measured, from the first view. */
  seconds: number;
  gridChanges: number;
  gridChangesPerSecond: number;
  /** Longest wait between two grid changes in the window, in seconds. */
  longestGapSeconds: number;
  messages: { imageGrid: number; imageEpoch: number; progress: number };
  /** Training steps taken in the window, and per second: what the redraws cost shows here. */
  steps: number;
  stepsPerSecond: number;
  /** Epoch shown at the window's end. */
  epochReached: number;
  longTasks: { training: number; total: number; longestMs: number; durationsMs: number[] };
  load: { before: number[]; after: number[] };
}

interface PageProbe {
  changes: number[];
  messages: Record<string, number[]>;
  /** Each progress message's time and step. */
  steps: [number, number][];
  longTasks: { start: number; duration: number }[];
}

/** Builds (unless `build` is false) and serves the app, and measures its live view for `seconds`. */
export async function measureImageLive({ seconds, build, seed }: { seconds: number; build: boolean; seed: number }): Promise<LiveResult> {
  if (build) buildApp();
  const zip = Buffer.from(digitsZip(DIGITS, 32, seed));
  const server = await servePreview(PORT);
  const browser = await chromium.launch({ executablePath: chromiumPath(), args: CHROMIUM_ARGS }).catch((err: unknown) => {
    server.stop();
    throw err;
  });
  try {
    const page = await browser.newPage();
    await page.addInitScript(() => {
      const probe: PageProbe = { changes: [], messages: {}, steps: [], longTasks: [] };
      (window as unknown as { probe: PageProbe }).probe = probe;
      new PerformanceObserver((list) => {
        for (const e of list.getEntries()) probe.longTasks.push({ start: e.startTime, duration: e.duration });
      }).observe({ type: 'longtask', buffered: false });
      // Every message the worker posts, by type: what was sent, beside what was drawn.
      const Native = window.Worker;
      window.Worker = class extends Native {
        constructor(url: string | URL, options?: WorkerOptions) {
          super(url, options);
          this.addEventListener('message', (e: MessageEvent<{ type?: string; progress?: { step: number } }>) => {
            const type = e.data?.type;
            if (typeof type === 'string') (probe.messages[type] ??= []).push(performance.now());
            if (type === 'progress' && e.data.progress) probe.steps.push([performance.now(), e.data.progress.step]);
          });
        }
      };
      new MutationObserver((records) => {
        for (const r of records) {
          const el = r.target as Element;
          if (el.getAttribute('data-testid') === 'sample-grid' && r.oldValue !== el.getAttribute('data-checksum')) probe.changes.push(performance.now());
        }
      }).observe(document, { subtree: true, attributes: true, attributeOldValue: true, attributeFilter: ['data-checksum'] });
    });
    await page.goto(`http://localhost:${PORT}/`);
    await page.getByTestId('backend-status').filter({ hasText: 'Using' }).waitFor({ timeout: 60_000 });
    await page.getByLabel('Backend').selectOption('wasm');
    await page.getByTestId('backend-status').filter({ hasText: 'Using wasm' }).waitFor({ timeout: 60_000 });
    const backend = (await page.getByTestId('backend-status').textContent()) ?? '';
    await page.getByLabel('Upload data').setInputFiles({ name: 'digits.zip', mimeType: 'application/zip', buffer: zip });
    await page.getByTestId('image-summary').filter({ hasText: /2,?000 images in 10 labels/ }).waitFor({ timeout: 120_000 });
    const before = loadavg();
    const pressed = await page.evaluate(() => performance.now());
    await page.getByRole('button', { name: 'Train', exact: true }).click();
    await page.getByTestId('sample-grid').waitFor({ timeout: 300_000 });
    const first = await page.evaluate(() => performance.now());
    await page.waitForTimeout(seconds * 1000);
    const end = await page.evaluate(() => performance.now());
    const epochReached = Number(await page.getByTestId('image-epoch').getAttribute('data-epoch'));
    await page.getByRole('button', { name: 'Stop' }).click();
    await page.getByRole('button', { name: 'Train', exact: true }).waitFor({ timeout: 300_000 });
    const probe = await page.evaluate(() => (window as unknown as { probe: PageProbe }).probe);
    const inWindow = (t: number) => t >= first && t <= end;
    const changes = probe.changes.filter(inWindow);
    const gaps = [first, ...changes, end].slice(1).map((t, i) => t - [first, ...changes][i]);
    const countIn = (type: string) => (probe.messages[type] ?? []).filter(inWindow).length;
    const steps = probe.steps.filter(([t]) => inWindow(t));
    const stepped = steps.length > 1 ? steps[steps.length - 1][1] - steps[0][1] : 0;
    const training = probe.longTasks.filter((l) => inWindow(l.start));
    const total = probe.longTasks.filter((l) => l.start >= pressed);
    return {
      chromium: browserVersion(),
      backend,
      firstViewSeconds: (first - pressed) / 1000,
      seconds: (end - first) / 1000,
      gridChanges: changes.length,
      gridChangesPerSecond: changes.length / ((end - first) / 1000),
      longestGapSeconds: Math.max(...gaps) / 1000,
      messages: { imageGrid: countIn('imageGrid'), imageEpoch: countIn('imageEpoch'), progress: countIn('progress') },
      steps: stepped,
      stepsPerSecond: steps.length > 1 ? stepped / ((steps[steps.length - 1][0] - steps[0][0]) / 1000) : 0,
      epochReached,
      longTasks: { training: training.length, total: total.length, longestMs: Math.max(0, ...total.map((l) => l.duration)), durationsMs: total.map((l) => Math.round(l.duration)) },
      load: { before, after: loadavg() },
    };
  } finally {
    await browser.close();
    server.stop();
  }
}

async function main(): Promise<void> {
  const { values } = parseArgs({
    options: {
      seconds: { type: 'string', default: '60' },
      seed: { type: 'string', default: '1' },
      out: { type: 'string', default: 'bench/results/images-live.json' },
      'no-build': { type: 'boolean', default: false },
    },
  });
  const live = await measureImageLive({ seconds: Number(values.seconds), build: !values['no-build'], seed: Number(values.seed) });
  console.log(JSON.stringify(live, null, 2));
  mkdirSync(dirname(values.out!), { recursive: true });
  const machine = { cpu: cpus()[0]?.model, cores: cpus().length, node: process.version };
  writeFileSync(values.out!, `${JSON.stringify({ date: new Date().toISOString(), machine, live }, null, 2)}\n`);
}

if (import.meta.url === pathToFileURL(process.argv[1]).href) {
  main().catch((err: unknown) => {
    console.error(err);
    process.exit(1);
  });
}
