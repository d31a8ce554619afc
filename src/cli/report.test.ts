import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { parseArgs } from './args';
import { runSynth } from './run';

const dir = mkdtempSync(join(tmpdir(), 'report-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

// A header a user could not be trusted with, and a rule (end ≥ start) the seed obeys.
function seed(): string {
  const lines = ['<script>city</script>,start,end'];
  for (let i = 0; i < 60; i++) lines.push(`${['Oslo', 'Lima'][i % 2]},${i % 9},${(i % 9) + 1 + (i % 4)}`);
  const path = join(dir, 'seed.csv');
  writeFileSync(path, lines.join('\n'));
  return path;
}

async function synth(report: string, rows = 20): Promise<string[]> {
  const lines: string[] = [];
  const code = await runSynth(['--input', seed(), '--out', join(dir, 'out.csv'), '--report', report, '--epochs', '1', '--rows', String(rows), '--batch', '10', '--rules', rulesFile()], { log: (l) => lines.push(l) });
  expect(code, lines.join('\n')).toBe(0);
  return lines;
}

function rulesFile(): string {
  const path = join(dir, 'rules.json');
  writeFileSync(path, JSON.stringify([{ kind: 'order', low: 'start', high: 'end' }]));
  return path;
}

describe('npm run synth --report', () => {
  it('writes a self-contained HTML report with the verdict and the hostile name escaped', async () => {
    const path = join(dir, 'report.html');
    const lines = await synth(path);
    expect(lines).toContainEqual(expect.stringMatching(/^wrote the quality report to .*report\.html: (Good|Fair|Poor): /));
    const html = readFileSync(path, 'utf8');
    expect(html).toMatch(/<p class="verdict">Is it good\? (Good|Fair|Poor): /);
    expect(html).not.toMatch(/<script/i);
    expect(html).toContain('&lt;script&gt;city&lt;/script&gt;');
    expect(html).toContain('end ≥ start');
    // 60 rows are too few to hold any back: the report says what it compared with.
    expect(html).toContain('too small to hold rows back');
  });

  it('writes the same report as JSON by the extension, every figure with its formula', async () => {
    const path = join(dir, 'report.json');
    await synth(path);
    const report = JSON.parse(readFileSync(path, 'utf8'));
    expect(report.title).toBe('seed.csv');
    // As in the app: rows generated for the report, as many as the seed's training rows (at most 2,000), not the 20 written.
    expect(report.rows).toMatchObject({ synthetic: 60, comparedWith: 'training' });
    expect(report.figures.map((f: { key: string }) => f.key)).toEqual(expect.arrayContaining(['columnShapes', 'pairTrends', 'detection', 'exactCopies', 'ruleBreaks']));
    for (const f of report.figures) expect(f.formula).toEqual(expect.any(String));
    expect(report.rules).toEqual([{ rule: 'end ≥ start', breaks: 0, flag: 'ok' }]);
  });

  it('judges the first rows the file holds when it wrote enough of them', async () => {
    const path = join(dir, 'written.json');
    await synth(path, 100);
    const report = JSON.parse(readFileSync(path, 'utf8'));
    expect(report.rows.synthetic).toBe(60);
    const cities = readFileSync(join(dir, 'out.csv'), 'utf8').trim().split('\n').slice(1, 61).map((l) => l.split(',')[0]);
    const city = report.columns.find((c: { name: string }) => c.name === '<script>city</script>');
    const oslo = city.distribution.labels.indexOf('Oslo');
    expect(city.distribution.synth[oslo]).toBeCloseTo(cities.filter((c) => c === 'Oslo').length / 60, 10);
  });

  it('refuses a report name it cannot write in either form', () => {
    expect(() => parseArgs(['--input', 'a.csv', '--out', 'b.csv', '--report', 'r.txt'])).toThrow(/--report must end in \.html or \.json/);
    expect(parseArgs(['--input', 'a.csv', '--out', 'b.csv', '--report', 'R.HTML'])).toMatchObject({ report: 'R.HTML' });
  });
});
