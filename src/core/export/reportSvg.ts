import type { AssociationMap } from '../metrics/associations';
import type { ReportColumn } from '../metrics/reportColumns';
import { heatmapLayout, type HeatmapView } from './heatmap';
import { escapeHtml as escape } from './markup';

// The report's charts as inline SVG: no script, no font or image fetched, every string from the
// user's file escaped, and a title on each mark so a reader can hover for its value.

/** A share as the report writes it ("12.5 %"). */
export const percent = (x: number, digits = 1) => `${(100 * x).toFixed(digits)} %`;

export const REAL_FILL = '#3b73d1';
export const SYNTH_FILL = '#d9534f';

const n = (x: number) => Number(x.toFixed(1));

/** One view of the association map; role="img" with its summary as the text alternative. */
export function heatmapSvg(map: AssociationMap, view: HeatmapView): string {
  const layout = heatmapLayout(map, view);
  const half = layout.cell / 2;
  const cells = layout.cells.map(
    (c) =>
      `<g><title>${escape(c.title)}</title><rect x="${c.x}" y="${c.y}" width="${layout.cell}" height="${layout.cell}" fill="${c.fill}" stroke="#ffffff"/>` +
      `<text x="${c.x + half}" y="${c.y + half}" fill="${c.ink}" text-anchor="middle" dominant-baseline="central">${escape(c.text)}</text></g>`,
  );
  const rows = layout.rowLabels.map((l) => `<text x="${l.x}" y="${l.y}" text-anchor="end" dominant-baseline="central">${escape(l.text)}</text>`);
  const cols = layout.columnLabels.map((l) => `<text transform="translate(${l.x} ${l.y}) rotate(-45)" text-anchor="end" dominant-baseline="central">${escape(l.text)}</text>`);
  return (
    `<svg xmlns="http://www.w3.org/2000/svg" class="heatmap" role="img" aria-label="${escape(layout.summary)}" viewBox="0 0 ${layout.width} ${layout.height}" width="${layout.width}" font-size="11" fill="currentColor">` +
    `<title>${escape(layout.summary)}</title>${cells.join('')}${rows.join('')}${cols.join('')}</svg>`
  );
}

const WIDTH = 360;
// Room on the left for the first slanted category name, on the right for half a bin label.
const PLOT = { left: 50, right: 24, top: 10, height: 110 };
// Category names are cut to this many characters under their bars.
const TICK_CHARS = 10;

/** A column's real and synthetic shares as paired bars, with its missing share in the text alternative. */
export function distributionSvg(column: ReportColumn): string {
  const d = column.distribution;
  const k = d.labels.length;
  const plotWidth = WIDTH - PLOT.left - PLOT.right;
  const group = plotWidth / Math.max(k, 1);
  const max = Math.max(...d.real, ...d.synth, 1e-9);
  const bottom = PLOT.top + PLOT.height;
  const y = (share: number) => bottom - (share / max) * PLOT.height;
  const bars: string[] = [];
  d.labels.forEach((label, i) => {
    const x = PLOT.left + i * group;
    for (const [side, share, fill, offset] of [['your data', d.real[i], REAL_FILL, 0.1], ['synthetic', d.synth[i], SYNTH_FILL, 0.5]] as const) {
      bars.push(
        `<rect x="${n(x + offset * group)}" y="${n(y(share))}" width="${n(0.4 * group)}" height="${n(bottom - y(share))}" fill="${fill}">` +
          `<title>${escape(`${label}: ${percent(share)} of ${side}`)}</title></rect>`,
      );
    }
  });
  const histogram = d.kind === 'histogram';
  const ticks = histogram
    ? [0, Math.floor(k / 2), k - 1].map((i) => `<text x="${n(PLOT.left + i * group)}" y="${bottom + 14}" text-anchor="middle">${escape(d.labels[i] ?? '')}</text>`)
    : d.labels.map((label, i) => {
        const text = label.length > TICK_CHARS ? `${label.slice(0, TICK_CHARS - 1)}…` : label || '(blank)';
        return `<text transform="translate(${n(PLOT.left + (i + 0.5) * group)} ${bottom + 6}) rotate(-40)" text-anchor="end" dominant-baseline="central">${escape(text)}</text>`;
      });
  const height = bottom + (histogram ? 22 : 6 + TICK_CHARS * 6 * 0.65 + 8);
  const axis =
    `<line x1="${PLOT.left}" y1="${bottom}" x2="${WIDTH - PLOT.right}" y2="${bottom}" stroke="#5a6375"/>` +
    `<text x="${PLOT.left - 4}" y="${PLOT.top}" text-anchor="end" dominant-baseline="central">${percent(max, 0)}</text>` +
    `<text x="${PLOT.left - 4}" y="${bottom}" text-anchor="end" dominant-baseline="central">0 %</text>`;
  const summary = distributionSummary(column);
  return (
    `<svg xmlns="http://www.w3.org/2000/svg" class="distribution" role="img" aria-label="${escape(summary)}" viewBox="0 0 ${WIDTH} ${n(height)}" width="${WIDTH}" font-size="10" fill="currentColor">` +
    `<title>${escape(summary)}</title>${bars.join('')}${axis}${ticks.join('')}</svg>`
  );
}

/** The chart in words: what the bars are, where the shares differ most, and the missing share. */
export function distributionSummary(column: ReportColumn): string {
  const d = column.distribution;
  const over =
    d.kind === 'histogram' ? `${d.labels.length} equal bins from ${d.labels[0]} up` : `its ${d.labels.length} most common value${d.labels.length === 1 ? '' : 's'}`;
  let gap = -1;
  d.labels.forEach((_, i) => {
    if (gap < 0 || Math.abs(d.real[i] - d.synth[i]) > Math.abs(d.real[gap] - d.synth[gap])) gap = i;
  });
  const largest = gap >= 0 ? ` Largest gap at ${d.labels[gap]}: ${percent(d.real[gap])} of your data, ${percent(d.synth[gap])} of synthetic rows.` : '';
  return `${column.name}: share of your data and of the synthetic rows over ${over}.${largest} Missing: ${percent(column.missing.real)} of your data, ${percent(column.missing.synthetic)} synthetic.`;
}
