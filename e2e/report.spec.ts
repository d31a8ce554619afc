import { expect, test } from './fixtures';

const HOSTILE = '<img src=x onerror=alert(1)>tier';

/** 600 people, enough for the studio to hold rows back: spend follows income, the plan follows spend. */
function peopleCsv(rows = 600): string {
  const lines = [`age,income,spend,plan,"${HOSTILE}"`];
  for (let i = 0; i < rows; i++) {
    const income = 20 + ((i * 37) % 80) + ((i * 7) % 10) / 10;
    const spend = income * 0.4 + ((i * 13) % 5);
    lines.push([18 + ((i * 11) % 60), income.toFixed(1), spend.toFixed(1), spend > 25 ? 'gold' : 'basic', ['a', 'b', 'c'][i % 3]].join(','));
  }
  return lines.join('\n') + '\n';
}

test('training ends in a quality report that reads plainly, takes a target, and downloads as HTML and JSON', async ({ studio, page }) => {
  await studio.trainTinyOn('people.csv', peopleCsv(), 600, 1);

  const report = page.getByRole('region', { name: 'Quality report' });
  const verdict = report.getByTestId('report-verdict');
  await expect(verdict).toHaveText(/^(Good|Fair|Poor): /, { timeout: 60_000 });
  // Is it safe, answered apart from is it good.
  await expect(report.getByTestId('privacy-verdict')).toHaveText(/^(Safe to share by these checks|Check before you share|Not safe to share as they are)/);
  await expect(report).toContainText('held back from training');
  const figures = report.getByRole('table', { name: 'Report figures' });
  await expect(figures.getByRole('rowheader', { name: /Exact copies/ })).toContainText('word for word');
  await expect(figures.getByRole('rowheader', { name: /Closer to training rows/ })).toBeVisible();
  await expect(figures).toContainText(/OK|Check|Problem/);
  await expect(report.getByRole('table', { name: 'Column scores' })).toContainText(HOSTILE);
  await expect(report.getByRole('table', { name: 'Worst pairs' }).getByRole('rowheader')).toHaveCount(5);
  // The pairs heatmap: the difference first, each view named by its summary in words.
  await expect(report.getByRole('img', { name: /^Difference in association between your data and the synthetic rows, for 5 columns\. Largest: / })).toBeVisible();
  await report.getByRole('radio', { name: 'Your data' }).check();
  const realMap = report.getByRole('img', { name: /^Association in your data, for 5 columns\. Largest: / });
  await expect(realMap).toContainText(HOSTILE);
  await expect(realMap.locator('title').filter({ hasText: /^income × spend: correlation [01]\.\d\d in your data/ })).toHaveCount(1);
  const score = (await report.getByTestId('overall-score').textContent())!;

  await report.getByLabel('Target column').selectOption('plan');
  await expect(report.getByRole('table', { name: 'Usefulness figures' })).toContainText('Prediction quality kept (F1)', { timeout: 60_000 });
  const headline = (await verdict.textContent())!;

  const html = await studio.download('Download report');
  expect(html.name).toBe('people-report.html');
  const text = html.bytes.toString('utf8');
  expect(text).toContain(headline);
  expect(text).toContain('Usefulness for predicting plan');
  expect(text).not.toMatch(/<script/i);
  expect(text).not.toMatch(/<img/i);
  expect(text).toContain('&lt;img src=x onerror=alert(1)&gt;tier');
  expect(text).toContain(`Overall score <strong>${score}</strong>`);
  // Three heatmap views and one chart per column, inline.
  expect(text.match(/<svg [^>]*class="heatmap"/g)).toHaveLength(3);
  expect(text.match(/<svg [^>]*class="distribution"/g)).toHaveLength(5);

  const json = await studio.download('Download report (JSON)');
  expect(json.name).toBe('people-report.json');
  const data = JSON.parse(json.bytes.toString('utf8'));
  expect(data.overall.headline).toBe(headline);
  expect(data.usefulness.target).toBe('plan');
  for (const f of data.figures) expect(f).toMatchObject({ formula: expect.any(String), explanation: expect.any(String), flag: expect.stringMatching(/^(ok|warn|bad)$/) });

  expect(data.associations.pairs).toHaveLength(10);
  expect(data.columns[0].distribution.real.length).toBeGreaterThan(1);

  // Rows download only after a question in the page when the report found something serious; the question says why.
  await studio.generate(50);
  const downloadCsv = page.getByRole('button', { name: 'Download CSV', exact: true });
  const question = page.getByRole('alertdialog', { name: 'Download the CSV anyway?' });
  if (data.serious.length) {
    await expect(report.getByRole('note', { name: 'Before you share' })).toContainText(data.serious[0]);
    await downloadCsv.click();
    await expect(question).toContainText(data.serious[0]);
    await question.getByRole('button', { name: 'Cancel' }).click();
    await expect(question).toHaveCount(0);
    await expect(downloadCsv).toBeFocused();
    await downloadCsv.click();
    const [download] = await Promise.all([page.waitForEvent('download'), question.getByRole('button', { name: 'Download anyway' }).click()]);
    expect(download.suggestedFilename()).toBe('people-synthetic.csv');
    await expect(downloadCsv).toBeFocused();
  } else {
    const csv = await studio.download('Download CSV');
    expect(csv.name).toBe('people-synthetic.csv');
    await expect(question).toHaveCount(0);
  }
});
