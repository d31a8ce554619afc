import Papa from 'papaparse';
import { parquetReadObjects } from 'hyparquet';
import { expect, test } from './fixtures';
import { COUNTRY_OF, seedCsv } from './seed';

const seed = Papa.parse<Record<string, string>>(seedCsv(), { header: true, skipEmptyLines: true }).data;

test('drop a CSV, train on WebGPU, generate and download it in three formats', async ({ studio, page }) => {
  await studio.open();
  await studio.chooseBackend('webgpu');
  await studio.dropFile('members.csv', seedCsv());
  await expect(page.getByTestId('loaded-summary')).toContainText('members.csv: 120 rows, 8 columns');
  await expect(page.getByLabel('Type of id')).toHaveValue('id');
  await expect(page.getByLabel('Type of joined')).toHaveValue('datetime');
  await expect(page.getByLabel('Type of member')).toHaveValue('boolean');
  await expect(page.getByLabel('Type of fee')).toHaveValue('numeric');
  await expect(page.getByRole('row', { name: /fee/ })).toContainText('written like $1,234.50');
  await expect(page.getByRole('row', { name: /score/ })).toContainText('with notes "pending"');
  await expect(page.getByRole('row', { name: /country/ })).toContainText('follows city, name');

  await studio.useTinyModel(1);
  // A pack of 2 on a 20-row batch of 120 rows: the panel says what training takes instead.
  await expect(page.getByLabel('Pack size (PacGAN)', { exact: true })).toHaveAccessibleDescription(/Training uses 1 for your 120 rows/);
  await studio.trainToEnd();
  await expect(page.getByTestId('fidelity-score')).toHaveText(/^0\.\d{3}$|^1\.000$/);
  await expect(page.getByTestId('best-epoch')).toContainText('Generation uses epoch 1');
  await expect(page.getByRole('table', { name: 'Fresh synthetic rows' })).toBeVisible();
  await expect(page.getByTestId('derived-columns')).toContainText('country (follows city, name)');

  await studio.generate(250);
  const csv = await studio.download('Download CSV');
  expect(csv.name).toBe('members-synthetic.csv');
  const parsed = Papa.parse<Record<string, string>>(csv.bytes.toString('utf8'), { header: true, skipEmptyLines: true });
  expect(parsed.meta.fields).toEqual(['id', 'age', 'city, name', 'country', 'joined', 'score', 'member', 'fee']);
  expect(parsed.data).toHaveLength(250);
  const seedCities = new Set(seed.map((r) => r['city, name']).map((c) => (c.startsWith('=') ? `'${c}` : c)));
  const seedIds = new Set(seed.map((r) => r.id));
  for (const row of parsed.data) {
    expect(seedCities).toContain(row['city, name']);
    expect(row.country).toBe(COUNTRY_OF[row['city, name'].replace(/^'/, '')]);
    expect(['yes', 'no']).toContain(row.member);
    expect(seedIds.has(row.id)).toBe(false);
    expect(row.joined).toMatch(/^2023-\d{2}-\d{2}$/);
    if (row.age !== '') expect(Number(row.age)).toBeGreaterThanOrEqual(20);
    expect(row.fee).toMatch(/^\$\d{1,3}(,\d{3})*\.\d{2}$/);
    expect(row.score).toMatch(/^\d+\.\d{2}$|^pending$/);
  }
  expect(new Set(parsed.data.map((r) => r.id)).size).toBe(250);

  const json = JSON.parse((await studio.download('Download JSON')).bytes.toString('utf8')) as Record<string, unknown>[];
  expect(json).toHaveLength(250);
  expect(json.every((r) => typeof r.score === 'number' || r.score === 'pending')).toBe(true);
  expect(json.some((r) => typeof r.score === 'number')).toBe(true);
  expect(json.every((r) => typeof r.fee === 'number' && r.fee >= 900)).toBe(true);

  const parquet = await studio.download('Download Parquet');
  const buffer = parquet.bytes.buffer.slice(parquet.bytes.byteOffset, parquet.bytes.byteOffset + parquet.bytes.byteLength);
  const rows = await parquetReadObjects({ file: buffer as ArrayBuffer });
  expect(rows).toHaveLength(250);
  expect(Object.keys(rows[0])).toEqual(['id', 'age', 'city, name', 'country', 'joined', 'score', 'member', 'fee']);
});

test('fixing a category gives it to every generated row; pause, resume and stop work on WASM', async ({ studio, page }) => {
  await studio.open();
  await studio.chooseBackend('wasm');
  // Semicolons and CRLF, as much of Europe exports CSV: the download keeps them.
  await studio.upload('members.csv', seedCsv(120, ';'));
  await expect(page.getByTestId('loaded-summary')).toContainText('120 rows');
  await studio.useTinyModel(400, true);
  // A double click on Train starts training and does not go on to pause it.
  await page.getByRole('button', { name: 'Train', exact: true }).dblclick();
  await expect(page.getByTestId('train-progress')).toContainText('epoch');
  await expect(page.getByTestId('train-progress')).not.toContainText('Paused');
  await page.getByRole('button', { name: 'Pause' }).click();
  await expect(page.getByRole('button', { name: 'Resume' })).toBeVisible();
  await expect(page.getByTestId('train-progress')).toContainText('Paused');
  await page.getByRole('button', { name: 'Resume' }).click();
  await expect(page.getByRole('button', { name: 'Pause' })).toBeVisible();
  await page.getByRole('button', { name: 'Stop' }).click();
  await expect(page.getByRole('button', { name: 'Train', exact: true })).toBeVisible({ timeout: 60_000 });

  await page.getByLabel('Fix column').selectOption('city, name');
  await page.getByLabel('Fixed value').selectOption('Lima');
  await studio.generate(300);
  const text = (await studio.download('Download CSV')).bytes.toString('utf8');
  // The seed's CRLF line endings come back too.
  expect(text.slice(0, text.indexOf('\n'))).toBe('id;age;city, name;country;joined;score;member;fee\r');
  expect(text.split('\n').slice(0, -1).every((line) => line.endsWith('\r'))).toBe(true);
  const csv = Papa.parse<Record<string, string>>(text, { header: true, skipEmptyLines: true, delimiter: ';' });
  expect(csv.data).toHaveLength(300);
  expect(csv.data.every((r) => /^\$\d{1,3}(,\d{3})*\.\d{2}$/.test(r.fee))).toBe(true);
  expect(new Set(csv.data.map((r) => r['city, name']))).toEqual(new Set(['Lima']));
  expect(new Set(csv.data.map((r) => r.country))).toEqual(new Set(['Peru']));
});

test('bad files get a clear message and what was loaded stays', async ({ studio, page }) => {
  await studio.open();
  await page.getByRole('button', { name: 'Try a sample' }).click();
  await expect(page.getByTestId('loaded-summary')).toContainText('adult.csv: 32,561 rows, 15 columns', { timeout: 60_000 });
  await expect(page.getByLabel('Type of capital-gain')).toHaveValue('numeric');

  const alert = page.getByRole('alert');
  await studio.upload('ragged.csv', 'a,b\n1,2\n3\n4,5\n');
  await expect(alert).toContainText('Row 3 has 1 fields but the header has 2');
  await expect(page.getByTestId('loaded-summary')).toContainText('adult.csv');

  await studio.upload('image.csv', Buffer.from([0x89, 0x50, 0x4e, 0x47, 0, 0, 0, 0x0d, 1, 2, 3, 0, 0]));
  await expect(alert).toContainText('binary');
  await studio.upload('empty.csv', '');
  await expect(alert).toContainText('empty');
  await studio.upload('one.csv', 'a,b\n1,2\n');
  await expect(alert).toContainText('only one data row');
  await studio.upload('sheet.xlsx', 'whatever');
  await expect(alert).toContainText('not a supported file type');
  await expect(page.getByTestId('loaded-summary')).toContainText('adult.csv: 32,561 rows');

  await page.getByRole('button', { name: 'Dismiss message' }).click();
  await expect(alert).toHaveCount(0);
  await studio.upload('members.csv', seedCsv());
  await expect(page.getByTestId('loaded-summary')).toContainText('members.csv: 120 rows');
});
