import { describe, expect, it } from 'vitest';
import type { StudioReport } from '../metrics/qualityReport';
import { escapeHtml, reportHtml, reportJson } from './reportHtml';

const HOSTILE = '<script>alert("x")</script>';
const IMG = `"><img src=x onerror='fetch(1)'>`;

// A report as the metrics write it, with every string that comes from the user's file hostile.
const report: StudioReport = {
  rows: { training: 400, compared: 100, synthetic: 100, comparedWith: 'held-out', note: 'Compared with 100 rows held back from training.' },
  overall: { score: 0.82, formula: 'mean of column shapes, pair trends, detection', verdict: 'Good', headline: 'Good: hard to tell from your data', goodLooksLike: 'No copies.' },
  figures: [
    { key: 'columnShapes', label: 'Column shapes', value: 0.9, text: '0.900', formula: '1 − KS', explanation: 'Spread of each column.', good: 'ok from 0.85', flag: 'ok' },
    { key: 'exactCopies', label: 'Exact copies', value: 0.01, text: '1 of 100 rows (1.0 %)', formula: 'share', explanation: 'Copies.', good: '0', flag: 'bad' },
  ],
  columns: [{ name: HOSTILE, metric: 'TVD', score: 0.5, flag: 'bad' }],
  worstPairs: [{ a: HOSTILE, b: IMG, metric: 'contingency', score: 0.4, flag: 'bad' }],
  rules: [{ rule: `${IMG} ≥ start`, breaks: 2, flag: 'bad' }],
  targets: [HOSTILE],
  usefulness: { target: HOSTILE, positive: IMG, figures: [] },
  serious: [`2 rows break the rule ${IMG} ≥ start.`],
};

describe('reportHtml', () => {
  const html = reportHtml(report, `${HOSTILE}.csv`);

  it('escapes every string from the data, so a hostile column name stays text', () => {
    expect(html).not.toMatch(/<script/i);
    expect(html).not.toMatch(/<img/i);
    expect(html).toContain('&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt;');
    expect(html).toContain('&quot;&gt;&lt;img src=x onerror=&#39;fetch(1)&#39;&gt;');
  });

  it('is one page with the verdict, flags in words, and nothing fetched', () => {
    expect(html).toMatch(/^<!DOCTYPE html>/);
    expect(html).toContain('Good: hard to tell from your data');
    expect(html).toContain('<span class="flag bad">Problem</span>');
    expect(html).toContain('Before you share these rows');
    expect(html).not.toMatch(/<[a-z][^>]*\s(src|href)=/i);
    expect(html).not.toMatch(/@import|url\(/i);
  });

  it('writes JSON that reads back to the same figures', () => {
    const back = JSON.parse(reportJson(report, 'seed.csv'));
    expect(back.title).toBe('seed.csv');
    expect(back.figures[1]).toEqual(report.figures[1]);
    expect(escapeHtml(`a&b`)).toBe('a&amp;b');
  });
});
