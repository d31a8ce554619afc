import { unzipSync, zipSync } from 'fflate';
import { readFile } from 'node:fs/promises';
import { decodePng, encodePng } from '../src/core/data/images/png';
import { drawDigits } from '../src/core/data/images/drawnDigits';
import { imageAt } from '../src/core/data/images/imageSet';
import { expect, test } from './fixtures';

/** Drawn digits as a user's zip: `digits/<label>/<n>.png`, 16 × 16 grey; extra files added as given. */
function digitsZip(count: number, extra: Record<string, Uint8Array> = {}): Buffer {
  const set = drawDigits(count, 16, 9);
  const files: Record<string, Uint8Array> = { ...extra };
  for (let i = 0; i < set.count; i++) {
    const grey = Uint8Array.from(imageAt(set, i), (v) => Math.round((v + 1) * 127.5));
    files[`digits/${set.labels[set.labelOf[i]]}/${i}.png`] = encodePng(grey, 16, 16, 1);
  }
  return Buffer.from(zipSync(files));
}

test('a zip of labelled images trains live and downloads as labelled PNGs with a manifest', async ({ studio, page }) => {
  await studio.open();
  await studio.chooseBackend('wasm');
  const broken = new TextEncoder().encode('\x89PNG\r\n\x1a\n not really a png');
  await page.getByLabel('Upload data').setInputFiles({ name: 'digits.zip', mimeType: 'application/zip', buffer: digitsZip(60, { 'digits/4/broken.png': broken }) });
  await expect(page.getByTestId('image-summary')).toContainText('60 images in 10 labels');
  await expect(page.getByTestId('image-notes')).toContainText('digits/4/broken.png');
  await page.getByLabel('Working size').selectOption('16');
  await expect(page.getByTestId('seed-grid')).toBeVisible();
  await page.getByLabel('Epochs', { exact: true }).fill('4');
  await page.getByRole('button', { name: 'Train', exact: true }).click();
  const grid = page.getByTestId('sample-grid');
  await expect(page.getByTestId('image-epoch')).toHaveAttribute('data-epoch', '0', { timeout: 120_000 });
  const before = await grid.getAttribute('data-checksum');
  await expect(page.getByTestId('image-epoch')).not.toHaveAttribute('data-epoch', '0', { timeout: 120_000 });
  expect(await grid.getAttribute('data-checksum')).not.toBe(before);
  await expect(page.getByTestId('image-figures')).toBeVisible({ timeout: 120_000 });

  await page.getByLabel('Images', { exact: true }).fill('30');
  const downloading = page.waitForEvent('download');
  await page.getByRole('button', { name: 'Download images' }).click();
  const download = await downloading;
  const entries = unzipSync(await readFile((await download.path())!));
  const pngs = Object.keys(entries).filter((n) => n.endsWith('.png'));
  expect(pngs).toHaveLength(30);
  const manifest = new TextDecoder().decode(entries['manifest.csv']).trim().split(/\r?\n/);
  expect(manifest[0]).toBe('file,label');
  expect(manifest).toHaveLength(31);
  for (const line of manifest.slice(1)) {
    const [file, label] = line.split(',');
    expect('0123456789').toContain(label);
    expect(file.startsWith(`${label}/`)).toBe(true);
    const image = decodePng(entries[file]);
    expect([image.width, image.height]).toEqual([16, 16]);
  }

  // The model as a bundle, loaded in a fresh page without the images, makes the same images.
  const saving = page.waitForEvent('download');
  await page.getByRole('button', { name: 'Save model' }).click();
  const bundle = await readFile((await (await saving).path())!);
  await page.goto('/');
  await page.getByLabel('Load model').setInputFiles({ name: 'digits.mitosis.zip', mimeType: 'application/zip', buffer: bundle });
  await expect(page.getByTestId('image-notes')).toContainText('A model loaded from digits.mitosis.zip');
  await expect(page.getByRole('button', { name: 'Train', exact: true })).toHaveCount(0);
  await page.getByLabel('Images', { exact: true }).fill('30');
  const again = page.waitForEvent('download');
  await page.getByRole('button', { name: 'Download images' }).click();
  const reloaded = unzipSync(await readFile((await (await again).path())!));
  expect(Object.keys(reloaded).sort()).toEqual(Object.keys(entries).sort());
  for (const name of Object.keys(entries)) expect(Buffer.from(reloaded[name]).equals(Buffer.from(entries[name])), name).toBe(true);
});

test('a zip with a path that leaves its folder is refused, and what was loaded stays', async ({ studio, page }) => {
  await studio.open();
  await page.getByLabel('Upload data').setInputFiles({ name: 'digits.zip', mimeType: 'application/zip', buffer: digitsZip(20) });
  await expect(page.getByTestId('image-summary')).toContainText('20 images');
  const evil = Buffer.from(zipSync({ 'a/one.png': encodePng(new Uint8Array(64), 8, 8, 1), '../evil.png': encodePng(new Uint8Array(64), 8, 8, 1) }));
  await page.getByLabel('Upload data').setInputFiles({ name: 'evil.zip', mimeType: 'application/zip', buffer: evil });
  await expect(studio.banner).toContainText('"../evil.png"');
  await expect(studio.banner).toContainText('zip slip');
  await expect(page.getByTestId('image-summary')).toContainText('20 images');
});
