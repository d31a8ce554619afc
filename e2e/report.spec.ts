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
  await expect(report).toContainText('held back from training');
  const figures = report.getByRole('table', { name: 'Report figures' });
  await expect(figures.getByRole('rowheader', { name: /Exact copies/ })).toContainText('word for word');
  await expect(figures.getByRole('rowheader', { name: /Closer to training rows/ })).toBeVisible();
  await expect(figures).toContainText(/OK|Check|Problem/);
  await expect(report.getByRole('table', { name: 'Column scores' })).toContainText(HOSTILE);
  await expect(report.getByRole('table', { name: 'Worst pairs' }).getByRole('row')).toHaveCount(5);

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

  const json = await studio.download('Download report (JSON)');
  expect(json.name).toBe('people-report.json');
  const data = JSON.parse(json.bytes.toString('utf8'));
  expect(data.overall.headline).toBe(headline);
  expect(data.usefulness.target).toBe('plan');
  for (const f of data.figures) expect(f).toMatchObject({ formula: expect.any(String), explanation: expect.any(String), flag: expect.stringMatching(/^(ok|warn|bad)$/) });

  // Rows download only after a question when the report found something serious, and the question says why.
  await studio.generate(50);
  const csv = await studio.download('Download CSV');
  expect(csv.name).toBe('people-synthetic.csv');
  if (data.serious.length) {
    await expect(report.getByRole('note', { name: 'Before you share' })).toContainText(data.serious[0]);
    expect(csv.asked).toContain(data.serious[0]);
  } else expect(csv.asked).toBeUndefined();
});
