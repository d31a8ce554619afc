import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { expect, test } from './fixtures';

/** Readings by city, made in code. */
function weatherCsv(rows = 60): string {
  const lines = ['city,temp,rain'];
  for (let i = 0; i < rows; i++) lines.push([['Oslo', 'Lima', 'Pune'][i % 3], ((i % 3) * 10 + (i % 7) / 2).toFixed(1), i % 2 ? 'yes' : 'no'].join(','));
  return lines.join('\n') + '\n';
}

test('nothing the studio does breaks its Content-Security-Policy, and the policy is in force', async ({ studio, page }) => {
  const violations: string[] = [];
  await page.addInitScript(() => {
    const seen: string[] = [];
    (window as unknown as { cspViolations: string[] }).cspViolations = seen;
    document.addEventListener('securitypolicyviolation', (e) => seen.push(`${e.violatedDirective} ${e.blockedURI}`));
  });
  page.on('console', (message) => {
    if (/Content Security Policy/i.test(message.text())) violations.push(message.text());
  });
  await studio.open();
  await studio.upload('weather.csv', weatherCsv());
  await expect(page.getByTestId('loaded-summary')).toContainText('weather.csv: 60 rows');
  await studio.useTinyModel(1);
  await studio.trainToEnd();
  await studio.generate(100);
  await studio.download('Download CSV');
  violations.push(...(await page.evaluate(() => (window as unknown as { cspViolations: string[] }).cspViolations)));
  expect(violations).toEqual([]);

  // The policy is in force: an inline script added to the page is refused, and the refusal is seen.
  const ran = await page.evaluate(async () => {
    const script = document.createElement('script');
    script.textContent = 'window.inlineRan = true';
    document.head.append(script);
    await new Promise((resolve) => setTimeout(resolve, 100));
    return (window as unknown as { inlineRan?: boolean }).inlineRan ?? false;
  });
  expect(ran).toBe(false);
  expect(await page.evaluate(() => (window as unknown as { cspViolations: string[] }).cspViolations)).toEqual([expect.stringMatching(/^script-src/)]);
});

test('the built bundle evaluates no strings as code', () => {
  const assets = join(import.meta.dirname, '..', 'dist', 'assets');
  const found: string[] = [];
  for (const file of readdirSync(assets).filter((f) => f.endsWith('.js'))) {
    const text = readFileSync(join(assets, file), 'utf8');
    // `eval(` and `Function(` as calls, not as the end of a longer name (`evaluate(`, `makeTrainFunction(`).
    for (const match of text.matchAll(/(?<![\w$.])(eval|Function)\s*\(/g)) found.push(`${file}: …${text.slice(Math.max(0, match.index - 60), match.index + 60)}…`);
  }
  expect(found).toEqual([]);
});
