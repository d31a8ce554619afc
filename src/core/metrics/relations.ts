import { isModelled, numberReader, type ColumnSchema } from '../data/schema';
import type { Table } from '../data/table';
import type { Rng } from '../util/rng';
import { prepare, type CodedColumn, type NumericColumn } from './columns';

/** Categories a column may have for its per-category means to be compared (more would be mostly noise). */
export const MAX_MEAN_CATEGORIES = 20;

export interface CategoryMeanPair {
  category: string;
  value: string;
  /** Σ over real categories of share × |real mean − synthetic mean| / real standard deviation. */
  error: number;
}

/**
 * How far the synthetic mean of each number (or date) within each category falls from the
 * real one: for every pair of a category column with at most 20 categories and a numeric or
 * date column, the real-share-weighted mean absolute difference of per-category means, in
 * real standard deviations. Rows missing either value are left out; a category the synthetic
 * rows lack counts as their overall mean. A pair whose number is constant in the real rows,
 * or absent from the synthetic ones, is skipped. `error` is the mean over pairs (0 when none).
 */
export function categoryMeanError(real: Table, synth: Table, schema: ColumnSchema[]): { error: number; worst: CategoryMeanPair | null; pairs: CategoryMeanPair[] } {
  const pairs = pairGaps(real, synth, schema).map(({ category, value, rows, sd, gaps }) => ({
    category,
    value,
    error: gaps.reduce((error, g) => error + (g.count / rows) * g.gap, 0) / sd,
  }));
  const worst = pairs.reduce<CategoryMeanPair | null>((w, p) => (w === null || p.error > w.error ? p : w), null);
  return { error: pairs.length ? pairs.reduce((t, p) => t + p.error, 0) / pairs.length : 0, worst, pairs };
}

/** Categories under this share of the real rows count as rare for `rareCategoryMeanError`. */
export const RARE_CATEGORY_SHARE = 0.05;

/**
 * `categoryMeanError`'s gaps for rare categories alone, unweighted: for every category under
 * RARE_CATEGORY_SHARE of the real rows (of a column with at most 20) and every number or
 * date, |real mean − synthetic mean| / real standard deviation, averaged (null when none).
 * Weighted by share, a 2 % category whose numbers are those of the rest moves the mean error
 * by hundredths; here it counts as much as any other. A category the synthetic rows lack
 * counts as their overall mean, as in `categoryMeanError`.
 */
export function rareCategoryMeanError(real: Table, synth: Table, schema: ColumnSchema[]): number | null {
  const gaps = pairGaps(real, synth, schema).flatMap(({ rows, sd, gaps }) => gaps.filter((g) => g.count < RARE_CATEGORY_SHARE * rows).map((g) => g.gap / sd));
  return gaps.length ? gaps.reduce((a, b) => a + b, 0) / gaps.length : null;
}

/** Rows generated with one column fixed, each of its values in turn. */
export interface FixedSample {
  column: string;
  table: Table;
}

/**
 * How far rows generated with a category fixed fall from the seed's rows of that category:
 * `categoryMeanError` of each fixed column's pairs on its own rows, averaged over every pair
 * (null when none). Free rows hide a generator that ignores the category it is given, as
 * their category comes out beside numbers it also wrote; fixed rows show it.
 */
export function fixedCategoryMeanError(real: Table, fixed: FixedSample[], schema: ColumnSchema[]): number | null {
  const errors = fixed.flatMap(({ column, table }) => categoryMeanError(real, table, schema).pairs.filter((p) => p.category === column).map((p) => p.error));
  return errors.length ? errors.reduce((a, b) => a + b, 0) / errors.length : null;
}

/** A pair's real rows and standard deviation, and for each real category its rows and |real mean − synthetic mean|. */
interface PairGaps {
  category: string;
  value: string;
  rows: number;
  sd: number;
  gaps: { count: number; gap: number }[];
}

/**
 * Every pair `categoryMeanError` compares (see there): a category column with at most 20
 * categories among the real rows and a number or date column, skipped where the number is
 * constant in the real rows or absent from the synthetic ones.
 */
function pairGaps(realTable: Table, synthTable: Table, schema: ColumnSchema[]): PairGaps[] {
  const [r, s] = prepare(schema, [realTable, synthTable]);
  const out: PairGaps[] = [];
  for (let c = 0; c < r.length; c++) {
    const rc = r[c];
    if (rc.kind !== 'code' || new Set(rc.values.filter((v) => v >= 0)).size > MAX_MEAN_CATEGORIES) continue;
    for (let v = 0; v < r.length; v++) {
      const rv = r[v];
      if (rv.kind !== 'number') continue;
      const real = categoryMeans(rc.values, rv.values, rc.labels.length);
      const synth = categoryMeans((s[c] as CodedColumn).values, (s[v] as NumericColumn).values, rc.labels.length);
      if (real.rows === 0 || synth.rows === 0) continue;
      const sd = spreadOf(rc, rv, real.total / real.rows, real.rows);
      if (!(sd > 0)) continue;
      const synthMean = synth.total / synth.rows;
      const gaps: PairGaps['gaps'] = [];
      for (let k = 0; k < real.counts.length; k++) {
        if (real.counts[k] === 0) continue;
        const other = synth.counts[k] > 0 ? synth.sums[k] / synth.counts[k] : synthMean;
        gaps.push({ count: real.counts[k], gap: Math.abs(real.sums[k] / real.counts[k] - other) });
      }
      out.push({ category: rc.name, value: rv.name, rows: real.rows, sd, gaps });
    }
  }
  return out;
}

/** The standard deviation of the values over rows with a category, about `mean`. */
function spreadOf(codes: CodedColumn, values: NumericColumn, mean: number, rows: number): number {
  let sq = 0;
  for (let i = 0; i < values.values.length; i++) {
    if (codes.values[i] >= 0 && !Number.isNaN(values.values[i])) sq += (values.values[i] - mean) ** 2;
  }
  return Math.sqrt(sq / rows);
}

/** Per-category sums and counts of the values, over rows with both present. */
function categoryMeans(codes: Int32Array, values: Float64Array, categories: number) {
  const sums = new Float64Array(categories);
  const counts = new Float64Array(categories);
  let total = 0;
  let rows = 0;
  for (let i = 0; i < codes.length; i++) {
    if (codes[i] < 0 || Number.isNaN(values[i])) continue;
    sums[codes[i]] += values[i];
    counts[codes[i]]++;
    total += values[i];
    rows++;
  }
  return { sums, counts, total, rows };
}

/**
 * The table with each column shuffled on its own: every column keeps its values (so column
 * shapes stay perfect) while every relationship between columns is destroyed. A generator
 * whose pair trends do not beat this baseline has learned no relationships at all.
 */
export function shuffledBaseline(table: Table, rng: Rng): Table {
  const columns = table.columns.map((column) => rng.shuffle(column.slice()));
  return { ...table, columns };
}

export interface ExtremeShare {
  column: string;
  /** Synthetic share of rows written as the seed's minimum or maximum, less the seed's own share, in percentage points. */
  points: number;
}

/**
 * Generators that clip to the seed's range pile rows on its exact minimum and maximum. For each
 * modelled numeric or date column, the share of synthetic rows whose text is one the seed wrote
 * for its smallest or largest value, minus the seed's own share of such rows, in percentage
 * points (shares over all rows, missing included). Columns whose seed holds its extremes in
 * `maxSeedPercent` percent of rows or more are left out. Returns the column with the largest
 * excess and every column's figure; `worst` is null when no numeric or date column is read.
 */
export function extremeShare(real: Table, synth: Table, schema: ColumnSchema[], maxSeedPercent = 100): { worst: ExtremeShare | null; columns: ExtremeShare[] } {
  const columns: ExtremeShare[] = [];
  for (const column of schema) {
    if (!isModelled(column) || (column.kind !== 'numeric' && column.kind !== 'datetime')) continue;
    const a = real.columns[real.names.indexOf(column.name)];
    const b = synth.columns[synth.names.indexOf(column.name)];
    if (!a || !b || a.length === 0 || b.length === 0) continue;
    const read = numberReader(column);
    const texts = a.filter((v): v is string => v !== null).map((v) => v.trim());
    const numbers = texts.map(read);
    let lo = Infinity;
    let hi = -Infinity;
    for (const x of numbers) {
      if (x < lo) lo = x;
      if (x > hi) hi = x;
    }
    // Every spelling the seed used for its extremes ("5" and "5.0" alike).
    const extremes = new Set(texts.filter((_, i) => numbers[i] === lo || numbers[i] === hi));
    const share = (values: (string | null)[]) => values.filter((v) => v !== null && extremes.has(v.trim())).length / values.length;
    const seed = share(a);
    if (100 * seed < maxSeedPercent) columns.push({ column: column.name, points: 100 * (share(b) - seed) });
  }
  const worst = columns.reduce<ExtremeShare | null>((w, c) => (w === null || c.points > w.points ? c : w), null);
  return { worst, columns };
}
