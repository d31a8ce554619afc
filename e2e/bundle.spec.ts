import Papa from 'papaparse';
import { execFile } from 'node:child_process';
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { expect, test } from './fixtures';

/** Readings by city, made in code. */
function weatherCsv(rows = 120): string {
  const lines = ['city,temp,rain'];
  for (let i = 0; i < rows; i++) lines.push([['Oslo', 'Lima', 'Pune'][i % 3], ((i % 3) * 10 + (i % 7) / 2).toFixed(1), i % 2 ? 'yes' : 'no'].join(','));
  return lines.join('\n') + '\n';
}

test('a saved model loads in a fresh page with no seed data and generates the rows the CLI writes from it', async ({ studio, page }) => {
  await studio.trainTinyOn('weather.csv', weatherCsv(), 120, 2);

  const [download] = await Promise.all([page.waitForEvent('download'), page.getByRole('button', { name: 'Save model' }).click()]);
  expect(download.suggestedFilename()).toBe('weather.mitosis.zip');
  const path = await download.path();

  // A file that is not a bundle is refused, and nothing is loaded.
  await page.reload();
  await expect(page.getByTestId('backend-status')).toContainText('Using', { timeout: 60_000 });
  await studio.chooseBackend('wasm');
  await page.getByLabel('Load model').setInputFiles({ name: 'broken.mitosis.zip', mimeType: 'application/zip', buffer: Buffer.from('PK not really a zip') });
  await expect(studio.banner).toContainText('The model bundle is not a complete zip file');
  await expect(page.getByRole('button', { name: 'Generate' })).toHaveCount(0);
  await studio.dismissMessage();

  await page.getByLabel('Load model').setInputFiles(path!);
  await expect(page.getByTestId('loaded-summary')).toContainText(/Model loaded from .*: trained on \d+ rows, 3 columns/);
  // With no seed rows there is nothing to judge the model against: no report waits for one.
  await expect(page.getByRole('region', { name: 'Quality report' })).toHaveCount(0);
  await studio.generate(200);
  const csv = await studio.download('Download CSV');
  expect(csv.name).toBe('weather-synthetic.csv');
  const parsed = Papa.parse<Record<string, string>>(csv.bytes.toString('utf8'), { header: true, skipEmptyLines: true });
  expect(parsed.meta.fields).toEqual(['city', 'temp', 'rain']);
  expect(parsed.data).toHaveLength(200);
  for (const row of parsed.data) expect(['Oslo', 'Lima', 'Pune']).toContain(row.city);

  // Rows with a category fixed read the calibration by category, which the bundle keeps.
  await page.getByLabel('Fix column').selectOption('city');
  await page.getByLabel('Fixed value').selectOption('Lima');
  await studio.generate(100);
  const fixed = Papa.parse<Record<string, string>>((await studio.download('Download CSV')).bytes.toString('utf8'), { header: true, skipEmptyLines: true }).data;
  expect(fixed).toHaveLength(100);
  expect(new Set(fixed.map((r) => r.city))).toEqual(new Set(['Lima']));
  expect(fixed.every((r) => Number.isFinite(Number(r.temp)))).toBe(true);
  await page.getByLabel('Fix column').selectOption('');

  // The CLI on the same bundle and backend writes the same rows.
  const out = join(mkdtempSync(join(tmpdir(), 'bundle-e2e-')), 'cli.csv');
  await promisify(execFile)(join('node_modules', '.bin', 'tsx'), [join('src', 'cli', 'synth.ts'), '--model', path!, '--out', out, '--rows', '200', '--backend', 'wasm']);
  expect(readFileSync(out, 'utf8')).toBe(csv.bytes.toString('utf8'));
});
