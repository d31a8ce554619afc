import { describe, expect, it } from 'vitest';
import type { StudioReport } from '../metrics/qualityReport';
import { escapeHtml, reportHtml, reportJson } from './reportHtml';

const HOSTILE = '<script>alert("x")</script>';
const IMG = `"><img src=x onerror='fetch(1)'>`;

// A report as the metrics write it, with every string that comes from the user's file hostile.
const report: StudioReport = {
  rows: { training: 400, compared: 100, synthetic: 100, comparedWith: 'held-out', note: 'Compared with 100 rows held back from training.' },
  overall: { score: 0.82, formula: 'mean of column shapes, pair trends, detection', verdict: 'Good', headline: 'Good: hard to tell from your data', goodLooksLike: 'No copies.' },
  privacy: { verdict: 'Safe', headline: 'Safe to share by these checks: no copies of your rows, and no nearer to them than to real rows the model never saw' },
  figures: [
    { key: 'columnShapes', label: 'Column shapes', value: 0.9, text: '0.900', formula: '1 − KS', explanation: 'Spread of each column.', good: 'ok from 0.85', flag: 'ok' },
    { key: 'exactCopies', label: 'Exact copies', value: 0.01, text: '1 of 100 rows (1.0 %)', formula: 'share', explanation: 'Copies.', good: '0', flag: 'bad' },
  ],
  columns: [
    {
      name: HOSTILE, metric: 'TVD', score: 0.5, flag: 'bad', missing: { real: 0.1, synthetic: 0.25 },
      distribution: { name: HOSTILE, kind: 'bars', labels: [IMG, 'b'], edges: [], real: [0.6, 0.3], synth: [0.2, 0.55] },
    },
    { name: 'age', metric: 'KS', score: 0.9, flag: 'ok', missing: { real: 0, synthetic: 0 }, distribution: { name: 'age', kind: 'histogram', labels: ['17.0', '30.0', '43.0'], edges: [17, 30, 43], real: [0.5, 0.3, 0.2], synth: [0.3, 0.4, 0.3] } },
  ],
  worstPairs: [{ a: HOSTILE, b: IMG, metric: 'contingency', score: 0.4, flag: 'bad', association: { measure: 'cramersV', real: 0.61, synthetic: 0.12 } }],
  associations: {
    columns: [HOSTILE, IMG, 'age'],
    of: 4,
    pairs: [
      { a: HOSTILE, b: IMG, measure: 'cramersV', real: 0.61, synthetic: 0.12, difference: 0.49, rows: 100 },
      { a: HOSTILE, b: 'age', measure: 'correlationRatio', real: 0.3, synthetic: 0.3, difference: 0, rows: 100 },
      { a: IMG, b: 'age', measure: 'correlationRatio', real: 0.2, synthetic: 0.5, difference: 0.3, rows: 100 },
    ],
  },
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
    expect(html).toContain('Is it good? Good: hard to tell from your data');
    expect(html).toContain('Is it safe? Safe to share by these checks');
    expect(html).toContain('<span class="flag bad">Problem</span>');
    expect(html).toContain('Before you share these rows');
    // Quoted attribute values hold escaped user text ("&lt;img src=x"), which is not an attribute.
    expect(html.replace(/"[^"]*"/g, '""')).not.toMatch(/<[a-z][^>]*\s(src|href)=/i);
    expect(html).not.toMatch(/@import|url\(/i);
  });

  it('draws the pairs as three heatmaps and each column as paired bars, inline and named for screen readers', () => {
    const svgs = html.match(/<svg [^>]*>/g)!;
    expect(svgs.filter((t) => t.includes('class="heatmap"'))).toHaveLength(3);
    expect(svgs.filter((t) => t.includes('class="distribution"'))).toHaveLength(2);
    for (const tag of svgs) expect(tag).toMatch(/role="img" aria-label="[^"]{20,}"/);
    // Three pairs in each of three views, and two bars per value of each column.
    expect(html.match(/<rect [^>]*stroke="#ffffff"/g)).toHaveLength(9);
    expect(html.match(/<rect [^>]*fill="#(3b73d1|d9534f)"/g)).toHaveLength(10);
    expect(html).toContain('Showing the 3 of 4 columns with the strongest relationships');
    expect(html).toContain('Difference in association between your data and the synthetic rows, for the 3 of 4 columns');
    expect(html).toContain('0.61 <span class="help">Cramér’s V</span>');
    expect(html).toContain('<td>10.0 %</td><td>25.0 %</td>');
    expect(html).toContain('Largest gap at 17.0: 50.0 % of your data, 30.0 % of synthetic rows.');
  });

  it('writes JSON that reads back to the same figures', () => {
    const back = JSON.parse(reportJson(report, 'seed.csv'));
    expect(back.title).toBe('seed.csv');
    expect(back.figures[1]).toEqual(report.figures[1]);
    expect(escapeHtml(`a&b`)).toBe('a&amp;b');
  });
});
