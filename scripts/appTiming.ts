// `npm run bench:app -- FILE|TABLE:ROWS [… more] [--no-build]`, e.g. `employees:1000 public/adult.csv`
// A default run as a user meets it: builds and serves the app, opens it in Chromium on WASM,
// gives each file (or the first ROWS rows of a table of the small-table suite) to Upload data, presses Train and times it until Train shows again. Prints
// one JSON line per file: the estimate shown before Train and its basis, seconds to load and to train, and
// the epoch generation uses. A benchmark, not a test: nothing asserts a time.
import { chromium } from '@playwright/test';
import { readFileSync } from 'node:fs';
import { basename } from 'node:path';
import { chromiumPath, CHROMIUM_ARGS } from '../e2e/browser';
import Papa from 'papaparse';
import { smallTables } from '../src/bench/smallTables';
import { buildApp, servePreview } from './browserBench';

const PORT = 4199;

/** The file's name and bytes: a path, or `table:rows` for the first rows of a suite table as CSV. */
function input(arg: string): { name: string; bytes: Buffer } {
  const [table, rows] = arg.split(':');
  const suite = smallTables().find((t) => t.name === table);
  if (!suite || !rows) return { name: basename(arg), bytes: readFileSync(arg) };
  const { names, columns } = suite.table;
  const n = Math.min(Number(rows), suite.table.rowCount);
  const data = Array.from({ length: n }, (_, r) => columns.map((c) => c[r] ?? ''));
  return { name: `${table}-${n}.csv`, bytes: Buffer.from(Papa.unparse({ fields: names, data })) };
}

async function main(): Promise<void> {
  const files = process.argv.slice(2).filter((a) => !a.startsWith('--'));
  if (files.length === 0) throw new Error('Name at least one CSV file to time.');
  if (!process.argv.includes('--no-build')) buildApp();
  const server = await servePreview(PORT);
  try {
    const browser = await chromium.launch({ executablePath: chromiumPath(), args: CHROMIUM_ARGS });
    for (const file of files) {
      const page = await browser.newPage();
      await page.goto(server.url);
      await page.getByLabel('Backend').selectOption('wasm');
      await page.getByTestId('backend-status').filter({ hasText: 'Using wasm' }).waitFor({ timeout: 60_000 });
      const t0 = performance.now();
      const { name, bytes } = input(file);
      await page.getByLabel('Upload data').setInputFiles({ name, mimeType: 'text/csv', buffer: bytes });
      await page.getByTestId('loaded-summary').waitFor();
      // The probe step is timed when the backend starts; the estimate shown once it has come back.
      await page.getByTestId('train-estimate').and(page.locator('[title*="probe"]')).waitFor({ timeout: 10_000 }).catch(() => undefined);
      const estimate = await page.getByTestId('train-estimate').textContent();
      const basis = await page.getByTestId('train-estimate').getAttribute('title');
      const t1 = performance.now();
      await page.getByRole('button', { name: 'Train', exact: true }).click();
      await page.getByRole('button', { name: 'Pause' }).waitFor();
      await page.getByRole('button', { name: 'Train', exact: true }).waitFor({ timeout: 3_600_000 });
      const t2 = performance.now();
      const uses = await page.getByTestId('best-epoch').textContent();
      console.log(JSON.stringify({ file, estimate, basis, loadS: (t1 - t0) / 1000, trainS: (t2 - t1) / 1000, dropToDoneS: (t2 - t0) / 1000, uses }));
      await page.close();
    }
    await browser.close();
  } finally {
    server.stop();
  }
}

main().catch((err: unknown) => {
  console.error(err);
  process.exit(1);
});
