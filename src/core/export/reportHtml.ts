import type { StudioReport } from '../metrics/qualityReport';
import type { Figure, Flag } from '../metrics/reportFigures';

export type ReportFormat = 'html' | 'json';

export const REPORT_MIME: Record<ReportFormat, string> = { html: 'text/html', json: 'application/json' };

/** Every figure and formula name, for whoever checks the numbers with their own tools. */
export function reportJson(report: StudioReport, title: string): string {
  return JSON.stringify({ title, ...report }, null, 2) + '\n';
}

/** Text safe inside HTML elements and quoted attributes: column names and values come from the user's file. */
export function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (ch) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[ch]!);
}

const FLAG_TEXT: Record<Flag, string> = { ok: 'OK', warn: 'Check', bad: 'Problem' };

// Inline and printable: the file is handed over by mail, opened offline, and printed.
const CSS = `body{font:14px/1.45 system-ui,sans-serif;color:#1d2330;max-width:60rem;margin:2rem auto;padding:0 1rem}
h1{font-size:1.5rem}h2{font-size:1.15rem;margin-top:2rem;border-bottom:1px solid #ccd}
table{border-collapse:collapse;width:100%;margin:.5rem 0}th,td{text-align:left;padding:.3rem .5rem;border-bottom:1px solid #e3e6ee;vertical-align:top}
.verdict{font-size:1.3rem;font-weight:600}.help{color:#555;font-size:.9em}.formula{color:#666;font-size:.85em;font-family:ui-monospace,monospace}
.flag{font-weight:600;white-space:nowrap}.ok{color:#1b6e36}.warn{color:#8a5a00}.bad{color:#a3161c}
.serious{border:2px solid #a3161c;padding:.5rem 1rem}@media print{body{margin:0;max-width:none}h2{break-after:avoid}tr{break-inside:avoid}}`;

/**
 * The report as one self-contained HTML page: inline CSS, no script, no external request.
 * Every string that can come from the user's data (title, column names, rules) is escaped.
 */
export function reportHtml(report: StudioReport, title: string): string {
  const e = escapeHtml;
  const flag = (f: Flag) => `<span class="flag ${f}">${FLAG_TEXT[f]}</span>`;
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
    `<p class="verdict">${e(overall.headline)}</p>`,
    `<p>Overall score <strong>${overall.score.toFixed(3)}</strong> <span class="formula">(${e(overall.formula)})</span>. ${e(overall.goodLooksLike)}</p>`,
    `<p>${rows.synthetic} synthetic rows; ${rows.training} training rows. ${e(rows.note)}</p>`,
  ];
  if (report.serious.length) parts.push(`<div class="serious"><strong>Before you share these rows:</strong><ul>${report.serious.map((s) => `<li>${e(s)}</li>`).join('')}</ul></div>`);
  parts.push(`<h2>Figures</h2><table>${head}\n${figureRows(report.figures)}</table>`);
  if (report.usefulness) {
    parts.push(`<h2>Usefulness for predicting ${e(report.usefulness.target)} = ${e(report.usefulness.positive)}</h2><table>${head}\n${figureRows(report.usefulness.figures)}</table>`);
  }
  parts.push(
    `<h2>Columns</h2><p class="help">1 − KS for numbers and dates, 1 − TVD for categories: 1 means the column has the same spread of values as your data.</p>`,
    `<table><tr><th>Column</th><th>Metric</th><th>Score</th><th>Flag</th></tr>${report.columns.map((c) => `<tr><td>${e(c.name)}</td><td>${c.metric}</td><td>${c.score.toFixed(3)}</td><td>${flag(c.flag)}</td></tr>`).join('')}</table>`,
    `<h2>Worst pairs</h2><p class="help">The column pairs whose relationship the synthetic rows keep least well (1 is kept exactly).</p>`,
    `<table><tr><th>Columns</th><th>Metric</th><th>Score</th><th>Flag</th></tr>${report.worstPairs.map((p) => `<tr><td>${e(p.a)} × ${e(p.b)}</td><td>${p.metric}</td><td>${p.score.toFixed(3)}</td><td>${flag(p.flag)}</td></tr>`).join('')}</table>`,
  );
  if (report.rules.length) {
    parts.push(
      `<h2>Rules</h2><p class="help">Rows that break each rule your data obeys; 0 is expected.</p>`,
      `<table><tr><th>Rule</th><th>Rows breaking it</th><th>Flag</th></tr>${report.rules.map((r) => `<tr><td>${e(r.rule)}</td><td>${r.breaks}</td><td>${flag(r.flag)}</td></tr>`).join('')}</table>`,
    );
  }
  parts.push('<p class="help">Made by Mitosis Studio. Formulas and thresholds: docs/report.md.</p></body></html>\n');
  return parts.join('\n');
}
