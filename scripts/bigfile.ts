// `npm run bench:bigfile [-- --no-build] [--rows N] [--keep]`
// Writes two Adult-like CSVs to a temp folder (N rows, about 58 MB at the default 1,000,000, and
// 3.5 N rows, about 200 MB), loads each through the app's Upload data input in headless Chromium
// and through the CLI's loadTable + inferSchema under Node, and records the time and the peak
// memory of each. Prints one table and writes bench/results/bigfile.json.
//
// Memory in the browser is read from /proc: VmHWM (the kernel's peak resident set) of each
// Chromium process, found through CDP's SystemInfo.getProcessInfo. The worker runs inside the
// page's renderer process, so the renderer's VmHWM covers page and worker together; each file
// gets a fresh browser so no peak carries over. JS heaps (page and worker) are sampled over CDP
// every 100 ms, so they are lower bounds. File sizes are in MB (10^6 bytes), memory in MiB.
// The browser's time runs from the upload to the loaded summary, so it includes the worker's
// findRules as well as parse and schema; Node's findRules is timed apart for comparison.
import { chromium, type Browser, type CDPSession, type Page } from '@playwright/test';
import { spawnSync } from 'node:child_process';
import { closeSync, mkdirSync, mkdtempSync, openSync, readFileSync, rmSync, statSync, writeFileSync, writeSync } from 'node:fs';
import { cpus, loadavg, tmpdir } from 'node:os';
import { basename, join } from 'node:path';
import { chromiumPath, CHROMIUM_ARGS } from '../e2e/browser';
import { findRules } from '../src/core/data/findRules';
import { loadTable } from '../src/core/data/load';
import { inferSchema } from '../src/core/data/schema';
import { Rng } from '../src/core/util/rng';
import { browserVersion, buildApp, servePreview } from './browserBench';

const PORT = 4181;
const MIB = 1024 * 1024;
const SAMPLE_MS = 100;
const LOAD_TIMEOUT_MS = 15 * 60_000;

interface NodeFigures {
  /** loadTable (read, decode, parse) + inferSchema: what the CLI does before it fits. */
  seconds: number;
  loadSeconds: number;
  schemaSeconds: number;
  /** findRules, which the worker also runs before it reports the table loaded. */
  rulesSeconds: number;
  /** process.resourceUsage().maxRSS after inferSchema, and after findRules. */
  peakMiB: number;
  peakWithRulesMiB: number;
}

interface BrowserFigures {
  seconds: number;
  /** VmHWM of the renderer that hosts the page and its worker. */
  rendererPeakMiB: number;
  /** That renderer's VmRSS once the app was ready, before the upload. */
  rendererBeforeMiB: number;
  gpuPeakMiB: number;
  /** Sum of VmHWM over every Chromium process (browser, renderers, GPU, utilities). */
  allProcessesPeakMiB: number;
  pageHeapPeakMiB: number;
  workerHeapPeakMiB: number | null;
  summary: string;
}

interface FileResult {
  file: string;
  rows: number;
  bytes: number;
  browser: BrowserFigures | { error: string; seconds: number; rendererPeakMiB: number | null };
  node: NodeFigures | { error: string };
}

const arg = (name: string) => {
  const i = process.argv.indexOf(`--${name}`);
  return i >= 0 ? process.argv[i + 1] : undefined;
};

// ---- The CSVs ---------------------------------------------------------------------------------

const WORKCLASS = ['Private', 'Private', 'Private', 'Private', 'Self-emp', 'Local-gov', 'State-gov', 'Federal'];
const EDUCATION = ['HS', 'HS', 'College', 'College', 'BSc', 'MSc', 'Assoc', '11th', 'PhD'];
const REGION = ['North', 'South', 'East', 'West'];
const HEADER = 'age,workclass,education,children,sex,hours,wage,gain,score,hired,region,income';

/** One Adult-like row: ints, decimals, categories, a date and a few missing cells. */
function row(rng: Rng): string {
  const pick = <T>(xs: T[]) => xs[rng.int(xs.length)];
  const age = Math.min(90, Math.max(17, Math.round(38 + 13 * rng.normal())));
  const education = rng.int(EDUCATION.length);
  const hours = Math.min(99, Math.max(1, Math.round(40 + 11 * rng.normal())));
  const wage = Math.exp(2.7 + 0.15 * education + 0.45 * rng.normal());
  const gain = rng.next() < 0.92 ? 0 : Math.round(Math.exp(7 + 1.5 * rng.normal()));
  const day = new Date(Date.UTC(1990, 0, 1) + rng.int(35 * 365) * 86_400_000).toISOString().slice(0, 10);
  return [
    age,
    rng.next() < 0.05 ? '' : pick(WORKCLASS),
    EDUCATION[education],
    age < 22 ? 0 : Math.min(6, Math.floor(-1.4 * Math.log(1 - rng.next()))),
    rng.next() < 0.67 ? 'M' : 'F',
    hours,
    rng.next() < 0.01 ? '' : wage.toFixed(2),
    gain,
    rng.next().toFixed(2),
    rng.next() < 0.01 ? '' : day,
    rng.next() < 0.02 ? '' : pick(REGION),
    wage * hours * 52 + gain > 50_000 ? '>50K' : '<=50K',
  ].join(',');
}

/** The same bytes for the same (rows, seed) on every machine. */
function writeCsv(path: string, rows: number, seed: number): number {
  const rng = new Rng(seed);
  const fd = openSync(path, 'w');
  try {
    writeSync(fd, `${HEADER}\n`);
    for (let done = 0; done < rows; ) {
      const n = Math.min(20_000, rows - done);
      const lines: string[] = [];
      for (let i = 0; i < n; i++) lines.push(row(rng));
      writeSync(fd, `${lines.join('\n')}\n`);
      done += n;
    }
  } finally {
    closeSync(fd);
  }
  return statSync(path).size;
}

// ---- Under Node (run as a child, so each file's peak RSS is its own) ---------------------------

async function nodeChild(path: string): Promise<void> {
  const t0 = performance.now();
  const table = await loadTable(basename(path), readFileSync(path));
  const t1 = performance.now();
  const schema = inferSchema(table);
  const t2 = performance.now();
  const peakMiB = process.resourceUsage().maxRSS / 1024;
  findRules(table, schema, new Rng(1));
  const t3 = performance.now();
  const figures: NodeFigures = {
    seconds: (t2 - t0) / 1000,
    loadSeconds: (t1 - t0) / 1000,
    schemaSeconds: (t2 - t1) / 1000,
    rulesSeconds: (t3 - t2) / 1000,
    peakMiB,
    peakWithRulesMiB: process.resourceUsage().maxRSS / 1024,
  };
  console.log(JSON.stringify({ rows: table.rowCount, ...figures }));
}

function runNode(path: string): NodeFigures | { error: string } {
  const child = spawnSync('npx', ['tsx', 'scripts/bigfile.ts', '--node', path], { encoding: 'utf8', maxBuffer: 1 << 24 });
  const last = child.stdout.trim().split('\n').pop() ?? '';
  if (child.status === 0 && last.startsWith('{')) return JSON.parse(last) as NodeFigures;
  const why = (child.stderr || child.stdout).trim().split('\n').slice(-6).join(' | ');
  return { error: `exit ${child.status ?? child.signal}: ${why}` };
}

// ---- In Chromium --------------------------------------------------------------------------------

interface ProcessInfo {
  type: string;
  id: number;
}

/** VmRSS and VmHWM of a process, in MiB; null once it has gone. */
function procMemory(pid: number): { rss: number; hwm: number } | null {
  try {
    const status = readFileSync(`/proc/${pid}/status`, 'utf8');
    const kb = (key: string) => Number(new RegExp(`^${key}:\\s+(\\d+) kB`, 'm').exec(status)?.[1] ?? 0);
    return { rss: kb('VmRSS') / 1024, hwm: kb('VmHWM') / 1024 };
  } catch {
    return null;
  }
}

async function processes(browser: Browser): Promise<ProcessInfo[]> {
  const session = await browser.newBrowserCDPSession();
  const { processInfo } = (await session.send('SystemInfo.getProcessInfo')) as { processInfo: ProcessInfo[] };
  await session.detach();
  return processInfo;
}

/**
 * Reads the worker's heap over the page's CDP session: auto-attach (not flattened, since
 * Playwright's session cannot address a child session) and Runtime.getHeapUsage through
 * Target.sendMessageToTarget. The inspector answers between the worker's JS, so a long parse
 * delays the reply; a sample that waits is skipped.
 */
async function workerHeap(cdp: CDPSession): Promise<() => Promise<number | null>> {
  let sessionId: string | null = null;
  let next = 1;
  const waiting = new Map<number, (used: number) => void>();
  cdp.on('Target.attachedToTarget', (e: { sessionId: string; targetInfo: { type: string } }) => {
    if (e.targetInfo.type === 'worker') sessionId = e.sessionId;
  });
  cdp.on('Target.receivedMessageFromTarget', (e: { message: string }) => {
    const reply = JSON.parse(e.message) as { id?: number; result?: { usedSize: number } };
    if (reply.id !== undefined && reply.result) waiting.get(reply.id)?.(reply.result.usedSize);
    if (reply.id !== undefined) waiting.delete(reply.id);
  });
  await cdp.send('Target.setAutoAttach', { autoAttach: true, waitForDebuggerOnStart: false, flatten: false });
  return async () => {
    if (!sessionId || waiting.size > 0) return null;
    const id = next++;
    const used = new Promise<number>((resolve) => waiting.set(id, resolve));
    await cdp.send('Target.sendMessageToTarget', { sessionId, message: JSON.stringify({ id, method: 'Runtime.getHeapUsage' }) }).catch(() => undefined);
    return Promise.race([used, new Promise<null>((r) => setTimeout(() => r(null), SAMPLE_MS * 5))]);
  };
}

async function runBrowser(path: string, rows: number): Promise<FileResult['browser']> {
  const browser = await chromium.launch({ executablePath: chromiumPath(), args: CHROMIUM_ARGS });
  let page: Page | null = null;
  const t0 = { at: 0 };
  const peaks = { pageHeap: 0, workerHeap: null as number | null };
  let renderer: number | null = null;
  try {
    page = await browser.newPage();
    let crashed = false;
    page.on('crash', () => (crashed = true));
    page.on('console', (m) => {
      if (m.type() === 'error') console.log(`  console: ${m.text()}`);
    });
    await page.goto(`http://localhost:${PORT}/`);
    await page.getByTestId('backend-status').filter({ hasText: 'Using' }).waitFor({ timeout: 120_000 });
    const cdp = await page.context().newCDPSession(page);
    await cdp.send('Performance.enable');
    const readWorkerHeap = await workerHeap(cdp);
    const all = await processes(browser);
    // The page's renderer: of the renderers, the one that holds the most now (the app and tfjs).
    const renderers = all.filter((p) => p.type === 'renderer');
    renderer = renderers.map((p) => ({ id: p.id, rss: procMemory(p.id)?.rss ?? 0 })).sort((a, b) => b.rss - a.rss)[0]?.id ?? null;
    const gpu = all.find((p) => p.type === 'GPU')?.id ?? null;
    const rendererBeforeMiB = renderer === null ? 0 : (procMemory(renderer)?.rss ?? 0);

    let sampling = true;
    const sampler = (async () => {
      while (sampling) {
        const metrics = (await cdp.send('Performance.getMetrics').catch(() => null)) as { metrics: { name: string; value: number }[] } | null;
        const used = metrics?.metrics.find((m) => m.name === 'JSHeapUsedSize')?.value;
        if (used) peaks.pageHeap = Math.max(peaks.pageHeap, used / MIB);
        void readWorkerHeap().then((w) => {
          if (w !== null) peaks.workerHeap = Math.max(peaks.workerHeap ?? 0, w / MIB);
        });
        await new Promise((r) => setTimeout(r, SAMPLE_MS));
      }
    })();

    const summary = page.getByTestId('loaded-summary');
    // The error banner, as e2e/fixtures.ts finds it: the alert that can be dismissed.
    const banner = page.getByRole('alert').filter({ has: page.getByRole('button', { name: 'Dismiss message' }) });
    t0.at = performance.now();
    await page.getByLabel('Upload data').setInputFiles(path);
    const outcome = await Promise.race([
      summary.filter({ hasText: /rows/ }).waitFor({ timeout: LOAD_TIMEOUT_MS }).then(() => 'loaded' as const),
      banner.first().waitFor({ timeout: LOAD_TIMEOUT_MS }).then(() => 'error' as const),
      new Promise<'crash'>((resolve) => page!.on('crash', () => resolve('crash'))),
    ]);
    const seconds = (performance.now() - t0.at) / 1000;
    sampling = false;
    await sampler;
    const rendererPeakMiB = renderer === null ? 0 : (procMemory(renderer)?.hwm ?? 0);
    if (outcome !== 'loaded' || crashed) {
      const text = outcome === 'error' ? await banner.first().innerText() : 'the page crashed (renderer gone; out of memory?)';
      return { error: text, seconds, rendererPeakMiB };
    }
    const text = await summary.innerText();
    const counted = Number(/([\d,.\s\u202f]+) rows/.exec(text)?.[1].replace(/\D/g, ''));
    if (counted !== rows) return { error: `the summary says "${text}", expected ${rows} rows`, seconds, rendererPeakMiB };
    const after = await processes(browser);
    return {
      seconds,
      rendererPeakMiB,
      rendererBeforeMiB,
      gpuPeakMiB: gpu === null ? 0 : (procMemory(gpu)?.hwm ?? 0),
      allProcessesPeakMiB: after.reduce((sum, p) => sum + (procMemory(p.id)?.hwm ?? 0), 0),
      pageHeapPeakMiB: peaks.pageHeap,
      workerHeapPeakMiB: peaks.workerHeap,
      summary: text,
    };
  } catch (err) {
    const seconds = t0.at ? (performance.now() - t0.at) / 1000 : 0;
    return { error: (err as Error).message.split('\n')[0], seconds, rendererPeakMiB: renderer === null ? null : (procMemory(renderer)?.hwm ?? null) };
  } finally {
    await browser.close();
  }
}

// ---- The run ------------------------------------------------------------------------------------

async function main(): Promise<void> {
  const rows = Number(arg('rows') ?? 1_000_000);
  const build = !process.argv.includes('--no-build');
  const before = loadavg();
  const folder = mkdtempSync(join(tmpdir(), 'mitosis-bigfile-'));
  let server: { stop(): void } | null = null;
  const results: FileResult[] = [];
  try {
    const files = [
      { name: `rows-${rows}.csv`, rows, seed: 1 },
      { name: `rows-${Math.round(rows * 3.5)}.csv`, rows: Math.round(rows * 3.5), seed: 2 },
    ];
    for (const f of files) {
      const t = performance.now();
      const bytes = writeCsv(join(folder, f.name), f.rows, f.seed);
      console.log(`wrote ${f.name}: ${(bytes / 1e6).toFixed(1)} MB in ${((performance.now() - t) / 1000).toFixed(1)} s`);
    }
    if (build) buildApp();
    server = await servePreview(PORT);
    for (const f of files) {
      const path = join(folder, f.name);
      console.log(`${f.name}: browser…`);
      const browser = await runBrowser(path, f.rows);
      console.log(`  ${JSON.stringify(browser)}`);
      console.log(`${f.name}: node…`);
      const node = runNode(path);
      console.log(`  ${JSON.stringify(node)}`);
      results.push({ file: f.name, rows: f.rows, bytes: statSync(path).size, browser, node });
    }
  } finally {
    server?.stop();
    if (!process.argv.includes('--keep')) rmSync(folder, { recursive: true, force: true });
  }
  const machine = { cpu: cpus()[0]?.model, cores: cpus().length, chromium: browserVersion(), node: process.version, loadAverageBefore: before, loadAverageAfter: loadavg() };
  mkdirSync('bench/results', { recursive: true });
  writeFileSync('bench/results/bigfile.json', `${JSON.stringify({ date: new Date().toISOString(), machine, memory: MEMORY_NOTE, results }, null, 2)}\n`);
  print(results);
  console.log(`load average (1, 5, 15 min): before ${before.map((x) => x.toFixed(2)).join(' ')}, after ${machine.loadAverageAfter.map((x) => x.toFixed(2)).join(' ')}`);
}

const MEMORY_NOTE =
  'browser: VmHWM from /proc/<pid>/status of the renderer hosting the page and its worker (pids from CDP SystemInfo.getProcessInfo), a fresh browser per file; ' +
  'heaps: CDP Performance.getMetrics JSHeapUsedSize (page) and Runtime.getHeapUsage (worker) sampled every 100 ms, lower bounds; ' +
  'node: process.resourceUsage().maxRSS of a child running loadTable + inferSchema.';

function print(results: FileResult[]): void {
  const f = (x: number | null | undefined, d = 1) => (x === null || x === undefined ? '–' : x.toFixed(d));
  const header = ['file', 'rows', 'MB', 'browser s', 'renderer peak MiB', 'GPU peak MiB', 'heap page / worker MiB', 'node s (load + schema)', 'node peak MiB', 'node rules s'];
  const rows = results.map(({ file, rows: n, bytes, browser: b, node: c }) => [
    file,
    n.toLocaleString('en-US'),
    f(bytes / 1e6),
    'error' in b ? `failed after ${f(b.seconds)}` : f(b.seconds),
    f(b.rendererPeakMiB, 0),
    'error' in b ? '–' : f(b.gpuPeakMiB, 0),
    'error' in b ? '–' : `${f(b.pageHeapPeakMiB, 0)} / ${f(b.workerHeapPeakMiB, 0)}`,
    'error' in c ? 'failed' : `${f(c.seconds)} (${f(c.loadSeconds)} + ${f(c.schemaSeconds)})`,
    'error' in c ? '–' : f(c.peakMiB, 0),
    'error' in c ? '–' : f(c.rulesSeconds),
  ]);
  const widths = header.map((h, c) => Math.max(h.length, ...rows.map((r) => r[c].length)));
  const line = (cells: string[]) => `| ${cells.map((c, i) => c.padEnd(widths[i])).join(' | ')} |`;
  console.log([line(header), line(widths.map((w) => '-'.repeat(w))), ...rows.map(line)].join('\n'));
  for (const r of results) {
    if ('error' in r.browser) console.log(`${r.file} in the browser: ${r.browser.error}`);
    if ('error' in r.node) console.log(`${r.file} under Node: ${r.node.error}`);
  }
}


const nodeFile = arg('node');
(nodeFile ? nodeChild(nodeFile) : main()).catch((err: unknown) => {
  console.error(err);
  process.exit(1);
});
