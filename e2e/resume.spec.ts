import { expect, test, type StudioPage } from './fixtures';
import { seedCsv } from './seed';

/** Starts a long tiny run on `backend` and waits for its first checkpoint. */
async function trainUntilKept(studio: StudioPage, backend: 'wasm' | 'webgpu', timeout: number): Promise<void> {
  const { page } = studio;
  await studio.open();
  await studio.chooseBackend(backend);
  await studio.upload('members.csv', seedCsv(120));
  await expect(page.getByTestId('loaded-summary')).toContainText('120 rows');
  await studio.useTinyModel(400, true);
  await page.getByRole('button', { name: 'Train', exact: true }).click();
  await expect(page.getByTestId('autosave')).toContainText(/Kept in this browser at epoch \d+/, { timeout });
}

test('a reload mid-training offers Resume, which trains on from the last checkpoint; Forget clears it', async ({ studio, page }) => {
  await trainUntilKept(studio, 'wasm', 60_000);
  const autosave = page.getByTestId('autosave');
  const kept = Number((await autosave.textContent())!.match(/at epoch (\d+)/)![1]);

  // Leaving while training asks first; the user leaves anyway.
  let asked = false;
  page.on('dialog', (dialog) => {
    asked ||= dialog.type() === 'beforeunload';
    void dialog.accept();
  });
  await page.reload();
  expect(asked).toBe(true);
  await expect(page.getByTestId('backend-status')).toContainText('Using', { timeout: 60_000 });
  const offer = page.getByRole('region', { name: 'Kept project' });
  await expect(offer).toContainText('members.csv (120 rows × 8 columns)');
  // The checkpoint may be a later one than the page last showed.
  const offered = Number((await offer.textContent())!.match(/trained to epoch (\d+) of 400/)![1]);
  expect(offered).toBeGreaterThanOrEqual(kept);

  await offer.getByRole('button', { name: 'Resume' }).click();
  await expect(page.getByTestId('loaded-summary')).toContainText('members.csv: 120 rows');
  await expect(autosave).toContainText(`Resumed from epoch ${offered}.`, { timeout: 60_000 });
  const progress = page.getByTestId('train-progress');
  await expect(progress).toContainText(/epoch \d+\.\d \/ 400/);
  const epoch = Number((await progress.textContent())!.match(/epoch (\d+\.\d) \/ 400/)![1]);
  expect(epoch).toBeGreaterThan(offered);
  await page.getByRole('button', { name: 'Stop' }).click();
  await expect(page.getByRole('button', { name: 'Generate' })).toBeVisible({ timeout: 60_000 });

  // Forget: nothing is offered after the next reload.
  await page.getByRole('button', { name: 'Forget this project' }).click();
  await expect(autosave).toHaveCount(0);
  await page.reload();
  await expect(page.getByTestId('backend-status')).toContainText('Using', { timeout: 60_000 });
  await expect(page.getByRole('button', { name: 'Try a sample' })).toBeVisible();
  await expect(page.getByRole('region', { name: 'Kept project' })).toHaveCount(0);
});

test('a lost GPU device moves training to WASM, from the last checkpoint', async ({ studio, page }) => {
  await trainUntilKept(studio, 'webgpu', 120_000);
  // What a driver reset does to the device the studio trains on.
  const worker = page.workers().find((w) => w.url().includes('training.worker'))!;
  await worker.evaluate(() => (self as unknown as { loseGpuDevice(): void }).loseGpuDevice());
  const status = page.getByTestId('backend-status');
  await expect(status).toContainText('Using wasm', { timeout: 60_000 });
  await expect(page.getByText(/The GPU device was lost \(.*\); training went on with wasm from epoch \d+\./)).toBeVisible();
  const from = Number((await page.getByText(/training went on with wasm from epoch/).textContent())!.match(/from epoch (\d+)/)![1]);
  expect(from).toBeGreaterThan(0);
  await expect(page.getByTestId('autosave')).toContainText(`Resumed from epoch ${from}.`, { timeout: 60_000 });
  await page.getByRole('button', { name: 'Stop' }).click();
  await expect(page.getByRole('button', { name: 'Generate' })).toBeVisible({ timeout: 60_000 });
  await studio.generate(50);
});

test('a crashed worker is replaced, and training goes on from the last checkpoint', async ({ studio, page }) => {
  await trainUntilKept(studio, 'wasm', 60_000);
  // An error nothing in the worker catches, as a crash inside tfjs would throw.
  const worker = page.workers().find((w) => w.url().includes('training.worker'))!;
  await worker.evaluate(() => void setTimeout(() => {
    throw new Error('simulated crash');
  }));
  await expect(studio.banner).toContainText(/The studio's worker stopped \(.*simulated crash\)\. It was restarted on wasm and training goes on from its last checkpoint\./);
  await expect(page.getByTestId('autosave')).toContainText(/Resumed from epoch \d+\./, { timeout: 60_000 });
  await page.getByRole('button', { name: 'Stop' }).click();
  await expect(page.getByRole('button', { name: 'Generate' })).toBeVisible({ timeout: 60_000 });
  await studio.generate(50);
});
