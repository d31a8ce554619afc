import { expect, test } from './fixtures';
import { seedCsv } from './seed';

test('a reload mid-training offers Resume, which trains on from the last checkpoint; Forget clears it', async ({ studio, page }) => {
  await studio.open();
  await studio.chooseBackend('wasm');
  await studio.upload('members.csv', seedCsv(120));
  await expect(page.getByTestId('loaded-summary')).toContainText('120 rows');
  await studio.useTinyModel(400);
  await page.getByRole('button', { name: 'Train', exact: true }).click();
  const autosave = page.getByTestId('autosave');
  await expect(autosave).toContainText(/Kept in this browser at epoch \d+/, { timeout: 60_000 });
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
