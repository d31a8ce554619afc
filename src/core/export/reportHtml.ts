import { HEATMAP_LEGENDS, MEASURE_NAMES, VIEW_NAMES, type HeatmapView } from './heatmap';
import type { StudioReport } from '../metrics/qualityReport';
import type { Figure, Flag } from '../metrics/reportFigures';
import { escapeHtml } from './markup';
import { distributionSvg, heatmapSvg, percent, REAL_FILL, SYNTH_FILL } from './reportSvg';

export { escapeHtml } from './markup';

export type ReportFormat = 'html' | 'json';

export const REPORT_MIME: Record<ReportFormat, string> = { html: 'text/html', json: 'application/json' };

/** Every figure and formula name, for whoever checks the numbers with their own tools. */
export function reportJson(report: StudioReport, title: string): string {
  return JSON.stringify({ title, ...report }, null, 2) + '\n';
}

const FLAG_TEXT: Record<Flag, string> = { ok: 'OK', warn: 'Check', bad: 'Problem' };
const flag = (f: Flag) => `<span class="flag ${f}">${FLAG_TEXT[f]}</span>`;

// Inline and printable: the file is handed over by mail, opened offline, and printed.
const CSS = `body{font:14px/1.45 system-ui,sans-serif;color:#1d2330;max-width:60rem;margin:2rem auto;padding:0 1rem}
h1{font-size:1.5rem}h2{font-size:1.15rem;margin-top:2rem;border-bottom:1px solid #ccd}
table{border-collapse:collapse;width:100%;margin:.5rem 0}th,td{text-align:left;padding:.3rem .5rem;border-bottom:1px solid #e3e6ee;vertical-align:top}
.verdict{font-size:1.3rem;font-weight:600}.help{color:#555;font-size:.9em}.formula{color:#666;font-size:.85em;font-family:ui-monospace,monospace}
.flag{font-weight:600;white-space:nowrap}.ok{color:#1b6e36}.warn{color:#8a5a00}.bad{color:#a3161c}
.serious{border:2px solid #a3161c;padding:.5rem 1rem}
.charts{display:flex;flex-wrap:wrap;gap:1rem}figure{margin:0;max-width:100%}figure svg{max-width:100%;height:auto;display:block}figcaption{font-size:.9em;margin:.25rem 0}
.swatch{display:inline-block;width:.8em;height:.8em;margin:0 .3em 0 .8em;vertical-align:middle}.swatch.real{background:${REAL_FILL}}.swatch.synth{background:${SYNTH_FILL}}
@media (max-width:40rem){th,td{padding:.3rem .2rem;overflow-wrap:anywhere}}
@media print{body{margin:0;max-width:none}h2{break-after:avoid}tr,figure{break-inside:avoid}}`;

const VIEWS: HeatmapView[] = ['difference', 'real', 'synthetic'];

/**
 * The report as one self-contained HTML page: inline CSS, no script, no external request.
 * Every string that can come from the user's data (title, column names, rules) is escaped.
 */
export function reportHtml(report: StudioReport, title: string): string {
  const e = escapeHtml;
  const figureRows = (figures: Figure[]) =>
    figures
      .map((f) => `<tr><td>${e(f.label)}<div class="help">${e(f.explanation)}</div></td><td>${e(f.text)}<div class="help">${e(f.good)}</div></td><td>${flag(f.flag)}</td><td class="formula">${e(f.formula)}</td></tr>`)
      .join('\n');
  const head = '<tr><th>Figure</th><th>Value</th><th>Flag</th><th>Formula</th></tr>';
  const { overall, rows } = report;
  const parts = [
    `<!DOCTYPE html><html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">`,
    `<meta http-equiv="Content-Security-Policy" content="default-src 'none'; style-src 'unsafe-inline'"><title>Quality report: ${e(title)}</title><style>${CSS}</style></head><body>`,
    `<h1>Quality report: ${e(title)}</h1>`,
    `<p class="verdict">Is it good? ${e(overall.headline)}</p>`,
    ...(report.privacy ? [`<p class="verdict">Is it safe? ${e(report.privacy.headline)}</p>`] : []),
    `<p>Overall score <strong>${overall.score.toFixed(3)}</strong> <span class="formula">(${e(overall.formula)})</span>.</p>`,
    `<p>What good looks like: ${e(overall.goodLooksLike)}</p>`,
    `<p>${rows.synthetic} synthetic rows; ${rows.training} training rows. ${e(rows.note)}</p>`,
  ];
  if (report.serious.length) parts.push(`<div class="serious"><strong>Before you share these rows:</strong><ul>${report.serious.map((s) => `<li>${e(s)}</li>`).join('')}</ul></div>`);
  parts.push(`<h2>Figures</h2><table>${head}\n${figureRows(report.figures)}</table>`);
  if (report.usefulness) {
    parts.push(`<h2>Usefulness for predicting ${e(report.usefulness.target)} = ${e(report.usefulness.positive)}</h2><table>${head}\n${figureRows(report.usefulness.figures)}</table>`);
  }
  parts.push(...pairsSection(report), ...columnsSection(report));
  if (report.rules.length) {
    parts.push(
      `<h2>Rules</h2><p class="help">Rows that break each rule your data obeys; 0 is expected.</p>`,
      `<table><tr><th>Rule</th><th>Rows breaking it</th><th>Flag</th></tr>${report.rules.map((r) => `<tr><td>${e(r.rule)}</td><td>${r.breaks}</td><td>${flag(r.flag)}</td></tr>`).join('')}</table>`,
    );
  }
  parts.push('<p class="help">Made by Mitosis Studio. Formulas and thresholds: docs/report.md.</p></body></html>\n');
  return parts.join('\n');
}

/** The association heatmaps (difference first), then the worst pairs with both strengths. */
function pairsSection(report: StudioReport): string[] {
  const e = escapeHtml;
  const map = report.associations;
  const capped = map.columns.length < map.of ? ` Showing the ${map.columns.length} of ${map.of} columns with the strongest relationships; the worst pairs below are chosen from every pair.` : '';
  const maps = map.pairs.length
    ? `<div class="charts">${VIEWS.map((v) => `<figure>${heatmapSvg(map, v)}<figcaption><strong>${VIEW_NAMES[v]}.</strong> ${e(HEATMAP_LEGENDS[v])}</figcaption></figure>`).join('')}</div>`
    : '<p>Fewer than two columns to pair.</p>';
  return [
    `<h2>Pairs</h2><p class="help">How strongly two columns go together, in your data and in the synthetic rows: correlation for two numbers (−1 to 1), Cramér’s V for two categories and the correlation ratio for a number and a category (0 to 1). Hover a cell for its values.${capped}</p>`,
    maps,
    `<h3>Worst pairs</h3><p class="help">The column pairs whose relationship the synthetic rows keep least well (pair trend score, 1 is kept exactly).</p>`,
    `<table><tr><th>Columns</th><th>Score</th><th>Association: your data</th><th>Synthetic</th><th>Flag</th></tr>${report.worstPairs
      .map(
        (p) =>
          `<tr><td>${e(p.a)} × ${e(p.b)}</td><td>${p.score.toFixed(3)} <span class="help">${p.metric}</span></td><td>${p.association.real.toFixed(2)} <span class="help">${MEASURE_NAMES[p.association.measure]}</span></td><td>${p.association.synthetic.toFixed(2)}</td><td>${flag(p.flag)}</td></tr>`,
      )
      .join('')}</table>`,
  ];
}

/** Each column's score and missing shares, then its real and synthetic distribution. */
function columnsSection(report: StudioReport): string[] {
  const e = escapeHtml;
  return [
    `<h2>Columns</h2><p class="help">1 − KS for numbers and dates, 1 − TVD for categories: 1 means the column has the same spread of values as your data, missing cells included.</p>`,
    `<table><tr><th>Column</th><th>Metric</th><th>Score</th><th>Missing: your data</th><th>Synthetic</th><th>Flag</th></tr>${report.columns
      .map((c) => `<tr><td>${e(c.name)}</td><td>${c.metric}</td><td>${c.score.toFixed(3)}</td><td>${percent(c.missing.real)}</td><td>${percent(c.missing.synthetic)}</td><td>${flag(c.flag)}</td></tr>`)
      .join('')}</table>`,
    `<p class="help"><span class="swatch real"></span>Your data<span class="swatch synth"></span>Synthetic rows. Hover a bar for its share.</p>`,
    `<div class="charts">${report.columns.map((c) => `<figure><figcaption><strong>${e(c.name)}</strong> ${c.score.toFixed(3)} ${flag(c.flag)}</figcaption>${distributionSvg(c)}</figure>`).join('')}</div>`,
  ];
}
