import AxeBuilder from '@axe-core/playwright';
import type { Page } from '@playwright/test';
import { expect, test } from './fixtures';

const WIDE = { width: 1280, height: 900 };
const PHONE = { width: 390, height: 844 };

type Panel = 'data' | 'schema' | 'rules' | 'train' | 'live' | 'report' | 'generate' | 'images';

/**
 * axe-core on the screen as it is: every rule at a desktop width and at a phone's 390 px (where
 * nothing may stick out sideways), and contrast again in dark mode, the one thing it changes.
 * `checked`: panels already checked as they are now on an earlier screen, left out (axe takes
 * seconds a run on the full page here, and would find the same in them again).
 */
async function checkScreen(page: Page, screen: string, checked: Panel[] = []): Promise<void> {
  const runs = [
    { name: 'wide', size: WIDE, scheme: 'light', rules: null },
    { name: '390 px', size: PHONE, scheme: 'light', rules: null },
    { name: 'dark', size: WIDE, scheme: 'dark', rules: ['color-contrast'] },
  ] as const;
  for (const run of runs) {
    await page.setViewportSize(run.size);
    await page.emulateMedia({ colorScheme: run.scheme });
    const axe = new AxeBuilder({ page });
    for (const panel of checked) axe.exclude(`section[aria-labelledby="${panel}-heading"]`);
    const { violations } = await (run.rules ? axe.withRules([...run.rules]) : axe).analyze();
    const found = violations.map((v) => `${v.id}: ${v.help} (${v.nodes.map((n) => n.target.join(' ')).slice(0, 3).join(', ')})`);
    expect(found, `axe on ${screen}, ${run.name}`).toEqual([]);
    if (run.size === PHONE) expect(await sticksOut(page, PHONE.width), `${screen} fits 390 px`).toEqual([]);
  }
  await page.setViewportSize(WIDE);
  await page.emulateMedia({ colorScheme: 'light' });
}

/** Elements whose right edge passes `width`, outside the regions that scroll sideways on purpose. */
async function sticksOut(page: Page, width: number): Promise<string[]> {
  return page.evaluate(
    (w) =>
      [...document.querySelectorAll('body *')]
        .filter((e) => e.getBoundingClientRect().right > w + 0.5 && !e.closest('.rows-wrap, .heatmap-wrap'))
        .slice(0, 5)
        .map((e) => `${e.tagName.toLowerCase()}.${e.className} ${Math.round(e.getBoundingClientRect().right)}`),
    width,
  );
}

test('every screen of the flow passes axe at 1280 px, at 390 px and in dark mode, and the download question is a dialog', async ({ studio, page }) => {
  await page.setViewportSize(WIDE);
  await studio.open();
  await studio.chooseBackend('wasm');
  await checkScreen(page, 'the empty page');

  await page.getByRole('button', { name: 'Try a sample' }).click();
  await expect(page.getByTestId('loaded-summary')).toContainText('adult.csv: 32,561 rows');
  await checkScreen(page, 'the loaded sample');

  // One epoch of a tiny model in big batches, its shares left as they come: seconds of training,
  // and rows a classifier tells from real ones at once, so the report has a serious finding and
  // downloads ask first.
  await studio.useTinyModel(1);
  const batch = page.getByLabel('Batch size', { exact: true });
  await batch.fill('500');
  await batch.blur();
  await page.getByLabel("Match the seed's category shares and number spreads after training").uncheck();
  await page.getByRole('button', { name: 'Train', exact: true }).click();
  const progress = page.getByTestId('train-progress');
  // Paused once steps run: the worker has no run to pause while it is still preparing one.
  await expect(progress).toContainText('steps/s');
  await page.getByRole('button', { name: 'Pause' }).click();
  await expect(progress).toContainText('Paused · epoch');
  // A paused run has no time left to count down.
  await expect(progress).not.toContainText(' left');
  await studio.dropFile('other.csv', 'a,b\n1,2\n');
  await expect(page.getByTestId('drop-refused')).toContainText('other.csv was not loaded: a model is training');
  // The live view is checked with the report.
  await checkScreen(page, 'a paused run', ['data', 'schema', 'rules', 'live']);
  await page.getByTestId('drop-refused').getByRole('button', { name: 'Dismiss message' }).click();
  await page.getByRole('button', { name: 'Resume' }).click();
  await expect(page.getByRole('button', { name: 'Generate' })).toBeVisible({ timeout: 120_000 });

  const report = page.getByRole('region', { name: 'Quality report' });
  await expect(report.getByTestId('report-verdict')).toBeVisible({ timeout: 60_000 });
  await expect(progress).toContainText('Finished · epoch');
  await expect(progress).not.toContainText(' left');
  await checkScreen(page, 'the report', ['data', 'schema', 'rules']);

  await studio.generate(50);
  const ask = page.getByRole('button', { name: 'Download CSV' });
  await ask.click();
  const dialog = page.getByRole('alertdialog', { name: 'Download the CSV anyway?' });
  await expect(dialog).toContainText('A classifier tells synthetic rows from real ones');
  await expect(dialog.getByRole('button', { name: 'Cancel' })).toBeFocused();
  await checkScreen(page, 'the download question', ['data', 'schema', 'rules', 'train', 'live', 'report']);
  await page.keyboard.press('Escape');
  await expect(dialog).toHaveCount(0);
  await expect(ask).toBeFocused();
  await ask.press('Enter');
  const [download] = await Promise.all([page.waitForEvent('download'), dialog.getByRole('button', { name: 'Download anyway' }).click()]);
  expect(download.suggestedFilename()).toBe('adult-synthetic.csv');
  await expect(dialog).toHaveCount(0);
  await expect(ask).toBeFocused();
});

test('the image studio passes axe at 1280 px, at 390 px and in dark mode', async ({ studio, page }) => {
  await page.setViewportSize(WIDE);
  await studio.open();
  await studio.chooseBackend('wasm');
  await page.getByRole('button', { name: 'Try an image sample' }).click();
  await expect(page.getByTestId('image-summary')).toContainText('234 images in 10 labels');
  await page.getByLabel('Working size').selectOption('16');
  await checkScreen(page, 'the image sample', ['train']);
  await page.getByLabel('Epochs', { exact: true }).fill('2');
  await page.getByRole('button', { name: 'Train', exact: true }).click();
  await expect(page.getByTestId('image-figures')).toBeVisible({ timeout: 120_000 });
  await checkScreen(page, 'the image report', ['data', 'images']);
});
