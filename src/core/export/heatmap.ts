import type { AssociationMap, AssociationMeasure, PairAssociation } from '../metrics/associations';

// Where a heatmap's cells, labels and colours go: one layout that the app draws with React and
// the HTML report writes as SVG, so both show the same picture.

export type HeatmapView = 'difference' | 'real' | 'synthetic';

export interface HeatmapCell {
  x: number;
  y: number;
  fill: string;
  /** Text colour that reads on `fill`. */
  ink: string;
  /** The value as written in the cell (".45", "−.32"). */
  text: string;
  /** Both values and the difference, for a tooltip. */
  title: string;
}

export interface HeatmapLayout {
  width: number;
  height: number;
  cell: number;
  cells: HeatmapCell[];
  /** Right-aligned at x, centred on y. */
  rowLabels: { x: number; y: number; text: string }[];
  /** Ending at (x, y), turned 45° down-left. */
  columnLabels: { x: number; y: number; text: string }[];
  /** The map in words: what it shows and its largest values, for screen readers. */
  summary: string;
}

export const MEASURE_NAMES: Record<AssociationMeasure, string> = { correlation: 'correlation', cramersV: 'Cramér’s V', correlationRatio: 'correlation ratio' };

export const VIEW_NAMES: Record<HeatmapView, string> = { difference: 'Difference', real: 'Your data', synthetic: 'Synthetic rows' };

export const HEATMAP_LEGENDS: Record<HeatmapView, string> = {
  difference: 'White: the synthetic rows keep the relationship as strong as your data; the redder, the more it differs (0.5 or more is darkest).',
  real: 'Blue: the two columns go together (1 is completely); orange: one number falls as the other rises; white: unrelated.',
  synthetic: 'Blue: the two columns go together (1 is completely); orange: one number falls as the other rises; white: unrelated.',
};

const CELL = 34;
const FONT = 11;
// Average width of a label character at FONT, and the longest label drawn before it is cut.
const CHAR = 6.4;
const LABEL_CHARS = 16;
// A difference this large or more gets the darkest red.
const DIFFERENCE_FULL = 0.5;

const shortName = (name: string) => (name.length > LABEL_CHARS ? `${name.slice(0, LABEL_CHARS - 1)}…` : name);

/** ".45", "−.32", "1.0": two digits fit a cell. */
export function cellText(value: number): string {
  if (Math.abs(value) >= 0.995) return value < 0 ? '−1.0' : '1.0';
  const digits = Math.abs(value).toFixed(2).slice(1);
  return value < -0.005 ? `−${digits}` : digits;
}

/** The lower triangle of the map's pairs, one view of them. */
export function heatmapLayout(map: AssociationMap, view: HeatmapView): HeatmapLayout {
  const n = map.columns.length;
  const index = new Map(map.columns.map((name, i) => [name, i]));
  const labelWidth = Math.max(...map.columns.map((c) => shortName(c).length), 1) * CHAR;
  // Bottom labels run down-left at 45°: the first must not leave the picture.
  const left = Math.ceil(Math.max(labelWidth + 8, labelWidth * Math.SQRT1_2 - CELL / 2 + 8));
  const top = 4;
  const rows = Math.max(n - 1, 0);
  const cells: HeatmapCell[] = map.pairs.map((p) => {
    const [i, j] = [index.get(p.a)!, index.get(p.b)!].sort((x, y) => y - x);
    const value = view === 'difference' ? p.difference : view === 'real' ? p.real : p.synthetic;
    const fill = view === 'difference' ? differenceColour(value) : associationColour(value);
    return { x: left + j * CELL, y: top + (i - 1) * CELL, fill, ink: inkOn(fill), text: cellText(value), title: pairTitle(p) };
  });
  return {
    width: left + rows * CELL + 8,
    height: Math.ceil(top + rows * CELL + 8 + labelWidth * Math.SQRT1_2 + FONT),
    cell: CELL,
    cells,
    rowLabels: map.columns.slice(1).map((c, k) => ({ x: left - 6, y: top + k * CELL + CELL / 2, text: shortName(c) })),
    columnLabels: map.columns.slice(0, -1).map((c, k) => ({ x: left + k * CELL + CELL / 2, y: top + rows * CELL + 8, text: shortName(c) })),
    summary: heatmapSummary(map, view),
  };
}

export function pairTitle(p: PairAssociation): string {
  return `${p.a} × ${p.b}: ${MEASURE_NAMES[p.measure]} ${p.real.toFixed(2)} in your data, ${p.synthetic.toFixed(2)} synthetic (difference ${p.difference.toFixed(2)})`;
}

/** One sentence a screen reader reads in place of the picture: the view, its size, its three largest values. */
export function heatmapSummary(map: AssociationMap, view: HeatmapView): string {
  const shown = map.columns.length < map.of ? `the ${map.columns.length} of ${map.of} columns with the strongest relationships` : `${map.columns.length} columns`;
  const key = (p: PairAssociation) => (view === 'difference' ? p.difference : Math.abs(view === 'real' ? p.real : p.synthetic));
  const top = [...map.pairs].sort((a, b) => key(b) - key(a)).slice(0, 3);
  const value = (p: PairAssociation) => (view === 'difference' ? p.difference : view === 'real' ? p.real : p.synthetic).toFixed(2);
  const what = view === 'difference' ? 'Difference in association between your data and the synthetic rows' : view === 'real' ? 'Association in your data' : 'Association in the synthetic rows';
  const largest = top.length ? ` Largest: ${top.map((p) => `${p.a} × ${p.b} ${value(p)}`).join(', ')}.` : '';
  return `${what}, for ${shown}.${largest}`;
}

/** White to blue by |value|; white to orange for a negative correlation. */
export function associationColour(value: number): string {
  return mix(value < 0 ? [179, 88, 6] : [33, 102, 172], Math.min(1, Math.abs(value)));
}

/** White to red, full at DIFFERENCE_FULL. */
export function differenceColour(difference: number): string {
  return mix([178, 24, 43], Math.min(1, difference / DIFFERENCE_FULL));
}

const DARK_INK = '#1d2330';

/** White or dark text, whichever contrasts more with `fill` (WCAG relative luminance). */
export function inkOn(fill: string): string {
  const l = luminance(fill);
  return 1.05 / (l + 0.05) > (l + 0.05) / (luminance(DARK_INK) + 0.05) ? '#ffffff' : DARK_INK;
}

function luminance(hex: string): number {
  const [r, g, b] = [1, 3, 5].map((k) => {
    const c = parseInt(hex.slice(k, k + 2), 16) / 255;
    return c <= 0.04045 ? c / 12.92 : ((c + 0.055) / 1.055) ** 2.4;
  });
  return 0.2126 * r + 0.7152 * g + 0.0722 * b;
}

function mix(to: [number, number, number], t: number): string {
  const channel = (c: number) => Math.round(255 + (c - 255) * t).toString(16).padStart(2, '0');
  return `#${to.map(channel).join('')}`;
}
