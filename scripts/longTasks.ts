import type { Browser } from '@playwright/test';

/**
 * Trains in the real app for up to `seconds` on `backend` and counts main-thread long tasks
 * (> 50 ms, PerformanceObserver 'longtask') from pressing Train until training stops.
 */
export async function measureLongTasks(browser: Browser, origin: string, backend: string, seconds = 30): Promise<number> {
  const page = await browser.newPage();
  try {
    await page.addInitScript(() => {
      const w = window as unknown as { longTasks: number; counting: boolean };
      w.longTasks = 0;
      w.counting = false;
      new PerformanceObserver((list) => {
        if (w.counting) w.longTasks += list.getEntries().length;
      }).observe({ type: 'longtask', buffered: false });
    });
    await page.goto(`${origin}/?sample=adult`);
    await page.getByLabel('Backend').selectOption(backend);
    await page.getByTestId('backend-status').filter({ hasText: `Using ${backend}` }).waitFor({ timeout: 60_000 });
    await page.getByTestId('loaded-summary').waitFor({ timeout: 60_000 });
    await page.getByLabel('Epochs').fill('1');
    await page.evaluate(() => ((window as unknown as { counting: boolean }).counting = true));
    await page.getByRole('button', { name: 'Train', exact: true }).click();
    await page.getByRole('button', { name: 'Generate' }).waitFor({ timeout: seconds * 1000 }).catch(async () => {
      await page.getByRole('button', { name: 'Stop' }).click();
      await page.getByRole('button', { name: 'Train', exact: true }).waitFor({ timeout: 120_000 });
    });
    return await page.evaluate(() => (window as unknown as { longTasks: number }).longTasks);
  } finally {
    await page.close();
  }
}
