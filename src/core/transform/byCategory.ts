import { readColumns } from '../data/rules';
import { numberReader, type ColumnSchema } from '../data/schema';
import type { Table } from '../data/table';
import type { Rng } from '../util/rng';

/**
 * A number's range in each value of the category that explains it best: a grocery item's cost
 * between $1 and $9, an electronic one's between $28 and $215. A generator on a few hundred
 * rows often writes such a number as if the category did not matter (a $160 grocery item); a
 * generated value far outside its category's range is drawn again, in place, from that
 * category's seed values, so the row keeps its category and the table its category shares.
 */
export interface CategoryRanges {
  column: string;
  by: string;
  /** Per category value: the widened range a value may take, and the inner quantiles a redraw reads. */
  ranges: [string, CategoryRange][];
  /** Values a zero rule writes in this column (0, or 35 hours): left out of the ranges, and never redrawn. */
  ruled?: number[];
  /** A date written as a gap after another: its ranges are of the gap, the cell's plain number before the date is built. */
  gap?: true;
}

/**
 * One category's range. `knots` are the inner quantiles a redraw reads between; with `discrete`
 * (a column of a few values: a price list) they are seed values and a redraw takes one of them.
 */
export interface CategoryRange {
  lo: number;
  hi: number;
  knots: number[];
  discrete?: true;
}

/** A column of at most this many values is redrawn to one of its category's values, not between them. */
const MAX_DISCRETE = 20;

/** How strongly the category must explain the number (the correlation ratio η) to fix its ranges. */
const MIN_ETA = 0.5;
/** Seed rows a category value needs for a range of its own; categories searched have at most this many values. */
const MIN_ROWS = 5;
const MAX_VALUES = 50;
/** The most a range is widened past its category's seed values, as a share of its width (or of its ratio's log). */
const MAX_REACH = 0.25;
/** Quantiles a redraw interpolates between, at most. */
const KNOTS = 10;

/**
 * Ranges by category for each of `numbers` (plain modelled number columns) over the best of
 * `categories`. A range is the category's own widened by 2 / (n + 1) of it for n seed values, at
 * most a quarter: in ratio where all its values are above 0 (7 values of $1.15–$9.27 allow
 * $0.68–$15.60, 79 values $1.06–$10.08), else in width.
 */
export function fitCategoryRanges(table: Table, schema: ColumnSchema[], numbers: string[], categories: string[], ruled = new Map<string, number[]>()): CategoryRanges[] {
  const read = readColumns(table, schema, numbers);
  // A value a zero rule writes (a fee of 0 for no-shows) is the rule's, not the category's.
  const xsOf = new Map(numbers.map((name, k) => [name, read[k].map((x) => (ruled.get(name)?.includes(x) ? NaN : x))]));
  const cellsOf = (name: string) => table.columns[table.names.indexOf(name)];
  const usable = categories.filter((name) => {
    const values = new Set(cellsOf(name).filter((v) => v !== null));
    return values.size >= 2 && values.size <= MAX_VALUES;
  });
  const out: CategoryRanges[] = [];
  for (const column of numbers) {
    const xs = xsOf.get(column)!;
    let best: { by: string; eta: number } | null = null;
    for (const by of usable) {
      const eta = correlationRatio(xs, cellsOf(by));
      if (eta > MIN_ETA && (!best || eta > best.eta)) best = { by, eta };
    }
    if (!best) continue;
    const groups = new Map<string, number[]>();
    cellsOf(best.by).forEach((v, r) => {
      if (v === null || Number.isNaN(xs[r])) return;
      const group = groups.get(v);
      if (group) group.push(xs[r]);
      else groups.set(v, [xs[r]]);
    });
    const discrete = (schema.find((c) => c.name === column)?.distinct ?? Infinity) <= MAX_DISCRETE;
    const ranges = [...groups].filter(([, g]) => g.length >= MIN_ROWS).map(([v, g]) => [v, rangeOf(g, discrete)] as [string, CategoryRange]);
    const written = ruled.get(column);
    if (ranges.length > 0) out.push({ column, by: best.by, ranges, ...(written && { ruled: written }) });
  }
  return out;
}

/**
 * Draws again, in place, each number of `columns` outside its row's category range (see
 * `CategoryRanges`), written by its column's `writer` as the column writes numbers. Missing
 * cells, notes and categories without a range are left as they are.
 */
export function keepCategoryRanges(
  fitted: CategoryRanges[],
  names: string[],
  columns: (string | null)[][],
  schema: ColumnSchema[],
  writer: (column: string) => { write(x: number): string | null } | null,
  rng: Rng,
): void {
  for (const { column, by, ranges, ruled = [] } of fitted) {
    const [cells, categories] = [columns[names.indexOf(column)], columns[names.indexOf(by)]];
    const [spec, codec] = [schema.find((c) => c.name === column), writer(column)];
    if (!cells || !categories || !spec || !codec) continue;
    const read = numberReader(spec);
    const byValue = new Map(ranges);
    for (let r = 0; r < cells.length; r++) {
      const range = categories[r] === null ? undefined : byValue.get(categories[r]!);
      const x = cells[r] === null || !range ? NaN : read(cells[r]!);
      if (Number.isNaN(x) || (x >= range!.lo && x <= range!.hi) || ruled.includes(x)) continue;
      cells[r] = codec.write(between(range!, rng.next()));
    }
  }
}

export function rangeOf(values: number[], discrete: boolean): CategoryRange {
  const sorted = [...values].sort((a, b) => a - b);
  const [min, max] = [sorted[0], sorted[sorted.length - 1]];
  // How far past its ends a category's next value would fall, about 1 / (n + 1) of its width:
  // 300 adults aged 25 to 64 keep generated adults within a few months of those ages.
  const reach = Math.min(MAX_REACH, 2 / (sorted.length + 1));
  const ratio = min > 0 ? (max / min) ** reach : 0;
  const [lo, hi] = min > 0 ? [min / ratio, max * ratio] : [min - (max - min) * reach, max + (max - min) * reach];
  const n = Math.min(KNOTS, sorted.length);
  // Levels (i + ½) / n: the ends stay inside the seed's values, so no redraw lands on its extremes.
  const knots = Array.from({ length: n }, (_, i) => {
    const at = ((i + 0.5) / n) * sorted.length - 0.5;
    if (discrete) return sorted[Math.round(at)];
    const low = Math.max(0, Math.floor(at));
    const high = Math.min(sorted.length - 1, low + 1);
    return sorted[low] + (sorted[high] - sorted[low]) * Math.max(0, at - low);
  });
  return { lo, hi, knots, ...(discrete && { discrete: true as const }) };
}

/** The point `u` (0 to 1) of the way along the piecewise line through the knots; a discrete range's knot at `u`. */
export function between({ knots, discrete }: CategoryRange, u: number): number {
  if (discrete) return knots[Math.min(knots.length - 1, Math.floor(u * knots.length))];
  if (knots.length === 1) return knots[0];
  const at = u * (knots.length - 1);
  const k = Math.min(knots.length - 2, Math.floor(at));
  return knots[k] + (knots[k + 1] - knots[k]) * (at - k);
}

/** η: the share of the number's spread its category explains, as a correlation (0 to 1). */
export function correlationRatio(xs: Float64Array, cells: (string | null)[]): number {
  const sums = new Map<string, { n: number; sum: number }>();
  let [n, sum, squares] = [0, 0, 0];
  for (let r = 0; r < xs.length; r++) {
    const [x, v] = [xs[r], cells[r]];
    if (Number.isNaN(x) || v === null) continue;
    const g = sums.get(v) ?? { n: 0, sum: 0 };
    sums.set(v, { n: g.n + 1, sum: g.sum + x });
    [n, sum, squares] = [n + 1, sum + x, squares + x * x];
  }
  if (n < MIN_ROWS) return 0;
  const mean = sum / n;
  const total = squares - n * mean * mean;
  if (!(total > 0)) return 0;
  let between = 0;
  for (const g of sums.values()) between += g.n * (g.sum / g.n - mean) ** 2;
  // Less what k values explain of n rows by chance alone ((k − 1) / (n − 1) of the spread).
  const chance = (sums.size - 1) / Math.max(1, n - 1);
  return Math.sqrt(Math.max(0, Math.min(1, between / total) - chance));
}
