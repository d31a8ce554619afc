import { expect, test } from './fixtures';
import { seedCsv } from './seed';

test('the page is usable at once; timing every backend is asked for, and its winner starts the next visit', async ({ studio, page }) => {
  // Timing every backend took 15–60 s on this machine; the quick pick takes about one.
  const started = Date.now();
  await page.goto('/');
  await expect(page.getByTestId('backend-status')).toContainText(/Using (webgpu|wasm)/, { timeout: 10_000 });
  await studio.upload('members.csv', seedCsv());
  await expect(page.getByTestId('loaded-summary')).toContainText('members.csv: 120 rows');
  expect(Date.now() - started, 'load → table loaded, in ms').toBeLessThan(10_000);
  await expect(page.locator('.backend .note')).toContainText(/Chose (webgpu|wasm)/);

  const time = page.getByRole('button', { name: 'Time backends' });
  await time.click();
  await expect(page.locator('.backend .note')).toContainText('Timing every backend');
  await expect(time).toBeDisabled();
  await expect(page.locator('.backend .note')).toContainText(/^Fastest of (\w+ \d+ ms, )*\w+ \d+ ms per probe step\.$/, { timeout: 180_000 });
  const note = (await page.locator('.backend .note').textContent())!;
  expect(note).toContain('wasm');
  const winner = /^Fastest of (\w+)/.exec(note)![1];
  await expect(page.getByTestId('backend-status')).toContainText(`Using ${winner}`);
  await expect(time).toBeEnabled();

  // The next visit starts on the winner, without timing again.
  await page.reload();
  await expect(page.getByTestId('backend-status')).toContainText(`Using ${winner}`, { timeout: 10_000 });
  await expect(page.locator('.backend .note')).toContainText(`Chose ${winner}: fastest when last timed here.`);

  // An explicit choice stays what it is after a timing.
  await studio.chooseBackend('cpu');
  await time.click();
  await expect(page.locator('.backend .note')).toContainText('Fastest of', { timeout: 180_000 });
  await expect(page.getByTestId('backend-status')).toContainText('Using cpu');
  await expect(page.getByLabel('Backend')).toHaveValue('cpu');
});
