// `npm run bench [-- --backend all|auto|webgpu|webgl|wasm|cpu|node|dawn] [--epochs N] [--max-minutes M] [--rows R] [--config JSON] [--no-build]`
// Builds the app, trains the default model on the 80/20 split of the Adult table on each backend
// in headless Chromium (and under Node), prints one table and writes bench/results/<backend>.json.
// 'dawn' runs tfjs's WebGPU backend under Node on Dawn, for a real GPU where no browser is at hand;
// 'all' leaves it out, since without a Vulkan GPU it falls back to SwiftShader (minutes a step).
import { chromium, type Browser } from '@playwright/test';
import { execFileSync } from 'node:child_process';
import { mkdirSync, writeFileSync } from 'node:fs';
import { cpus } from 'node:os';
import type { BenchResult } from '../src/bench/benchmark';
import type { ModelConfig } from '../src/core/model/config';
import { chromiumPath, CHROMIUM_ARGS } from '../e2e/browser';
import { measureLongTasks } from './longTasks';
import { printTable } from './table';
import { browserVersion, buildApp, servePreview } from './browserBench';

const BROWSER_BACKENDS = ['webgpu', 'webgl', 'wasm', 'cpu'] as const;
const NODE_BACKENDS = new Set(['node', 'dawn']);
const PORT = 4180;

interface Options {
  backends: string[];
  epochs: number;
  maxMinutes: number;
  /** Rows generated and written to CSV for the sampling speed. */
  rows: number;
  build: boolean;
  /** Model settings that differ from the defaults (`--config '{"penaltyEvery":1}'`). */
  config: Partial<ModelConfig>;
}

function parse(argv: string[]): Options {
  const get = (name: string) => {
    const i = argv.indexOf(`--${name}`);
    return i >= 0 ? argv[i + 1] : undefined;
  };
  const backend = get('backend') ?? 'all';
  const backends = backend === 'all' ? [...BROWSER_BACKENDS, 'node'] : backend.split(',');
  return { backends, epochs: Number(get('epochs') ?? 10), maxMinutes: Number(get('max-minutes') ?? 10), rows: Number(get('rows') ?? 100_000), build: !argv.includes('--no-build'), config: parseConfig(get('config') ?? '{}') };
}

// Read once here, so a typo stops the run before the build instead of skipping every backend.
function parseConfig(text: string): Partial<ModelConfig> {
  try {
    const config: unknown = JSON.parse(text);
    if (config && typeof config === 'object' && !Array.isArray(config)) return config as Partial<ModelConfig>;
  } catch {
    // Reported below.
  }
  throw new Error(`--config takes a JSON object of model settings, such as '{"penaltyEvery":1}'; got ${text}`);
}

async function main(): Promise<void> {
  const options = parse(process.argv.slice(2));
  if (options.build) buildApp();
  mkdirSync('bench/results', { recursive: true });
  const server = await servePreview(PORT);
  const results: (BenchResult & { longTasks: number | null })[] = [];
  let browser: Browser | null = null;
  try {
    const chromiumVersion = browserVersion();
    for (const backend of options.backends) {
      let result: BenchResult | null = null;
      let longTasks: number | null = null;
      if (NODE_BACKENDS.has(backend)) result = runNode(backend, options);
      else {
        browser ??= await chromium.launch({ executablePath: chromiumPath(), args: CHROMIUM_ARGS });
        result = await runBrowser(browser, backend, options);
        if (result) longTasks = await measureLongTasks(browser, `http://localhost:${PORT}`, result.backend);
      }
      if (!result) continue;
      const record = { ...result, longTasks, config: options.config, machine: { cpu: cpus()[0]?.model, cores: cpus().length, chromium: NODE_BACKENDS.has(backend) ? null : chromiumVersion, node: process.version }, date: new Date().toISOString() };
      writeFileSync(`bench/results/${backend}.json`, `${JSON.stringify(record, null, 2)}\n`);
      results.push({ ...result, longTasks });
    }
  } finally {
    await browser?.close();
    server.stop();
  }
  printTable(results);
}

async function runBrowser(browser: Browser, backend: string, options: Options): Promise<BenchResult | null> {
  const page = await browser.newPage();
  page.on('console', (m) => console.log(`  ${m.text()}`));
  try {
    await page.goto(`http://localhost:${PORT}/bench.html?backend=${backend}&epochs=${options.epochs}&maxTrainSeconds=${options.maxMinutes * 60}&rows=${options.rows}&config=${encodeURIComponent(JSON.stringify(options.config))}`);
    return await page.evaluate(() => window.benchDone!);
  } catch (err) {
    console.log(`  ${backend}: skipped (${(err as Error).message.split('\n')[0]})`);
    return null;
  } finally {
    await page.close();
  }
}

function runNode(backend: string, options: Options): BenchResult | null {
  let out: Buffer;
  try {
    out = execFileSync('npx', ['tsx', 'src/bench/node.ts', backend, 'public/adult.csv', String(options.epochs), String(options.maxMinutes * 60), String(options.rows), JSON.stringify(options.config)], {
      stdio: ['ignore', 'pipe', 'inherit'],
      maxBuffer: 1 << 26,
    });
  } catch {
    console.log(`  ${backend}: skipped (see its error above)`);
    return null;
  }
  const lines = out.toString().trim().split('\n');
  return JSON.parse(lines[lines.length - 1]) as BenchResult;
}


main().catch((err: unknown) => {
  console.error(err);
  process.exit(1);
});
