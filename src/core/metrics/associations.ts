import type { ColumnSchema } from '../data/schema';
import type { Table } from '../data/table';
import { prepare, type CodedColumn, type PreparedColumn } from './columns';
import { pearson } from './pairs';

/** How a pair's association is measured: by the kinds of its two columns. */
export type AssociationMeasure = 'correlation' | 'cramersV' | 'correlationRatio';

/** How strongly two columns go together in the real rows and in the synthetic ones. */
export interface PairAssociation {
  a: string;
  b: string;
  measure: AssociationMeasure;
  /** Pearson's r in [−1, 1] for two numbers; Cramér's V or the correlation ratio η in [0, 1] otherwise. */
  real: number;
  synthetic: number;
  /** |real − synthetic|: 0 when the synthetic rows keep the relationship as strong as it is. */
  difference: number;
  /** Real rows holding both values: what the real figure stands on. */
  rows: number;
}

/** The pairs a heatmap shows: every pair of at most MAX_HEATMAP_COLUMNS columns. */
export interface AssociationMap {
  /** Columns shown, in the table's order. */
  columns: string[];
  /** Columns the report compares; more than `columns.length` when the map was capped. */
  of: number;
  /** Each pair of shown columns once, `a` before `b` in the table's order. */
  pairs: PairAssociation[];
}

/** More columns than this make a heatmap whose cells and labels no one can read. */
export const MAX_HEATMAP_COLUMNS = 20;
/**
 * Categories a column keeps for Cramér's V and η: the most frequent real ones, the rest lumped
 * into one. It bounds each pair's contingency table (30 × 30 cells) on columns with thousands
 * of values, whose V would mostly measure sparse cells anyway.
 */
export const MAX_LEVELS = 30;

/**
 * Association of every pair of compared columns in the real and the synthetic rows: Pearson's r
 * for two numbers (dates count as numbers), Cramér's V for two categories, the correlation ratio
 * η for a number and a category. Rows missing either value are left out of a pair.
 * `all`: every pair; `map`: the pairs among the `maxColumns` columns with the strongest
 * association in either table (the others would be blank rows of the heatmap).
 */
export function associations(real: Table, synth: Table, schema: ColumnSchema[], maxColumns = MAX_HEATMAP_COLUMNS): { all: PairAssociation[]; map: AssociationMap } {
  const [r, s] = lumped(prepare(schema, [real, synth]));
  const all: PairAssociation[] = [];
  const strongest = new Float64Array(r.length);
  for (let i = 0; i < r.length; i++) {
    for (let j = i + 1; j < r.length; j++) {
      const measure = measureOf(r[i], r[j]);
      const realValue = association(r[i], r[j]);
      const synthValue = association(s[i], s[j]);
      all.push({ a: r[i].name, b: r[j].name, measure, real: realValue, synthetic: synthValue, difference: Math.abs(realValue - synthValue), rows: bothPresent(r[i], r[j]) });
      const strength = Math.max(Math.abs(realValue), Math.abs(synthValue));
      strongest[i] = Math.max(strongest[i], strength);
      strongest[j] = Math.max(strongest[j], strength);
    }
  }
  const kept = new Set(
    Array.from(strongest.keys())
      .sort((x, y) => strongest[y] - strongest[x] || x - y)
      .slice(0, maxColumns)
      .map((k) => r[k].name),
  );
  const columns = r.map((c) => c.name).filter((name) => kept.has(name));
  return { all, map: { columns, of: r.length, pairs: all.filter((p) => kept.has(p.a) && kept.has(p.b)) } };
}

function bothPresent(x: PreparedColumn, y: PreparedColumn): number {
  const present = (c: PreparedColumn, k: number) => (c.kind === 'number' ? !Number.isNaN(c.values[k]) : c.values[k] >= 0);
  let n = 0;
  for (let k = 0; k < x.values.length; k++) if (present(x, k) && present(y, k)) n++;
  return n;
}

function measureOf(x: PreparedColumn, y: PreparedColumn): AssociationMeasure {
  if (x.kind === 'number' && y.kind === 'number') return 'correlation';
  return x.kind === 'code' && y.kind === 'code' ? 'cramersV' : 'correlationRatio';
}

function association(x: PreparedColumn, y: PreparedColumn): number {
  if (x.kind === 'number' && y.kind === 'number') return pearson(x.values, y.values);
  if (x.kind === 'code' && y.kind === 'code') return cramersV(x.values, x.labels.length, y.values, y.labels.length);
  const [codes, numbers] = x.kind === 'code' ? [x, y] : [y as CodedColumn, x];
  return correlationRatio(codes.values, codes.labels.length, numbers.values as Float64Array);
}

/**
 * Category columns cut to at most MAX_LEVELS codes, the rarest (in the first table) sharing the
 * last one; codes stay shared between the tables. Number columns pass through.
 */
function lumped(tables: PreparedColumn[][]): PreparedColumn[][] {
  const slots = tables[0].map((column) => {
    if (column.kind !== 'code' || column.labels.length <= MAX_LEVELS) return null;
    const counts = new Float64Array(column.labels.length);
    for (const v of column.values) if (v >= 0) counts[v]++;
    const order = Array.from(counts.keys()).sort((x, y) => counts[y] - counts[x] || x - y);
    const slot = new Int32Array(column.labels.length).fill(MAX_LEVELS - 1);
    order.slice(0, MAX_LEVELS - 1).forEach((code, level) => (slot[code] = level));
    return { slot, labels: [...order.slice(0, MAX_LEVELS - 1).map((code) => column.labels[code]), '(other)'] };
  });
  return tables.map((columns) =>
    columns.map((column, k) => {
      const lump = slots[k];
      if (!lump || column.kind !== 'code') return column;
      return { ...column, values: column.values.map((v) => (v < 0 ? -1 : lump.slot[v])), labels: lump.labels };
    }),
  );
}

/**
 * Cramér's V = √(χ² / (n · (k − 1))), k the smaller count of categories present, over rows
 * where both codes are present (≥ 0); 0 when either column has one category. Codes run below `levels`.
 */
export function cramersV(a: Int32Array, levelsA: number, b: Int32Array, levelsB: number): number {
  const cells = new Float64Array(levelsA * levelsB);
  const rows = new Float64Array(levelsA);
  const cols = new Float64Array(levelsB);
  let n = 0;
  for (let k = 0; k < a.length; k++) {
    if (a[k] < 0 || b[k] < 0) continue;
    cells[a[k] * levelsB + b[k]]++;
    rows[a[k]]++;
    cols[b[k]]++;
    n++;
  }
  const present = Math.min(rows.filter((c) => c > 0).length, cols.filter((c) => c > 0).length);
  if (n === 0 || present < 2) return 0;
  // χ² = n · (Σ O² / (row · col) − 1), which needs no expected-count table.
  let sum = 0;
  for (let i = 0; i < levelsA; i++) {
    if (rows[i] === 0) continue;
    for (let j = 0; j < levelsB; j++) {
      const o = cells[i * levelsB + j];
      if (o > 0) sum += (o * o) / (rows[i] * cols[j]);
    }
  }
  const chi2 = n * (sum - 1);
  return Math.min(1, Math.sqrt(Math.max(0, chi2) / (n * (present - 1))));
}

/**
 * Correlation ratio η = √(Σ_k n_k (ȳ_k − ȳ)² / Σ (y − ȳ)²): the share of a number's spread
 * that its category explains, over rows with both values present; 0 when the number is constant.
 */
export function correlationRatio(codes: Int32Array, levels: number, values: Float64Array): number {
  const sums = new Float64Array(levels);
  const counts = new Float64Array(levels);
  let total = 0;
  let n = 0;
  for (let k = 0; k < codes.length; k++) {
    if (codes[k] < 0 || Number.isNaN(values[k])) continue;
    sums[codes[k]] += values[k];
    counts[codes[k]]++;
    total += values[k];
    n++;
  }
  if (n === 0) return 0;
  const mean = total / n;
  let spread = 0;
  for (let k = 0; k < codes.length; k++) {
    if (codes[k] < 0 || Number.isNaN(values[k])) continue;
    spread += (values[k] - mean) ** 2;
  }
  let between = 0;
  for (let l = 0; l < levels; l++) if (counts[l] > 0) between += counts[l] * (sums[l] / counts[l] - mean) ** 2;
  return spread > 0 ? Math.min(1, Math.sqrt(between / spread)) : 0;
}

/**
 * How well synthetic rows keep the real rows' strong links: the mean of 1 − |real − synthetic|
 * over pairs whose real association is at least `strong` (a fee fixed by the appointment type,
 * η 0.9); null where the real rows have none.
 */
export function linkScore(real: Table, synth: Table, schema: ColumnSchema[], strong: number): number | null {
  const links = associations(real, synth, schema).all.filter((p) => Math.abs(p.real) >= strong);
  return links.length ? links.reduce((t, p) => t + 1 - Math.min(1, p.difference), 0) / links.length : null;
}
