import { readColumns, type Rule } from '../data/rules';
import type { ColumnSchema } from '../data/schema';
import type { Table } from '../data/table';
import { between, correlationRatio, rangeOf, type CategoryRange } from './byCategory';

/**
 * A number modelled in its category's own scale: the model gives how far a row lies from its
 * category's mean in that category's spreads (`z`), and decoding writes mean + spread · z for
 * the category the row was given. On a few hundred rows a generator pulls a small category's
 * numbers towards the others' (a part-time salary drawn halfway to a full-time one); so its
 * means and spreads hold by construction, and the model learns only what is left.
 */
export interface Scaled {
  kind: 'scaled';
  column: string;
  by: string;
  /** Per category value: its mean and spread, drawn towards the column's with few rows. */
  groups: [string, number, number][];
  /** The column's mean and spread, for a category without a group of its own. */
  mean: number;
  sd: number;
  /**
   * Per category value, its range as numbers kept by category have it: a value written outside
   * is drawn again in place between the category's inner quantiles. Absent in models saved before it.
   */
  ranges?: [string, CategoryRange][];
  /**
   * A second category that explains what the first leaves (a part-time contract beside the
   * department): per value, the mean and spread of the first's z there, drawn towards 0 and 1
   * with few rows. Absent where none does, and in models saved before it.
   */
  then?: { by: string; groups: [string, number, number][] };
}

/** How strongly the category must explain the number (the correlation ratio η, less chance). */
const MIN_ETA = 0.3;
/** Rows a column needs, and rows a category value needs for a mean and spread of its own. */
const MIN_COLUMN_ROWS = 30;
const MIN_GROUP_ROWS = 5;
/** Categories searched hold at most this many values. */
const MAX_VALUES = 50;
/** A column of few values (scores, counts) or one with a point mass keeps its exact values as they are. */
const MIN_DISTINCT = 20;
const MAX_POINT_SHARE = 0.05;
/** A group's mean and spread count the column's as this many rows more (shrinkage towards the column's). */
const PRIOR_ROWS = 5;
/** A group's spread is at least this share of the column's, so z stays finite. */
const MIN_SPREAD = 0.05;
/**
 * Columns decoding reads before it writes the scaled numbers: a zero rule's two (0 is written,
 * or read, on what the model gave) and what a blank rule reads its blanks from. Every other
 * rule is checked on, or built from, the written number.
 */
function readEarly(rules: Rule[]): Set<string> {
  return new Set(rules.flatMap((r) => (r.kind === 'zero' ? [r.column, r.when] : r.kind === 'blank' ? [r.when] : [])));
}

/**
 * Of `numbers` (numeric columns modelled as they are), those a category of `categories`
 * (modelled as they are) explains with η ≥ 0.3, each scaled by the one that explains it best.
 * Left alone: columns of fewer than 20 distinct values or with a value on 5 % of rows, and
 * those decoding reads before it writes them (`readEarly`).
 */
export function planScalings(table: Table, schema: ColumnSchema[], numbers: string[], categories: string[], rules: Rule[]): Scaled[] {
  const ruled = readEarly(rules);
  const cellsOf = (name: string) => table.columns[table.names.indexOf(name)];
  const usable = categories.filter((name) => {
    const values = new Set(cellsOf(name).filter((v) => v !== null));
    return values.size >= 2 && values.size <= MAX_VALUES;
  });
  const out: Scaled[] = [];
  for (const column of numbers) {
    const spec = schema.find((c) => c.name === column);
    if (!spec || spec.kind !== 'numeric' || spec.distinct < MIN_DISTINCT || ruled.has(column)) continue;
    const [xs] = readColumns(table, schema, [column]);
    if (!spreadEnough(xs)) continue;
    let best: { by: string; eta: number } | null = null;
    for (const by of usable) {
      const eta = correlationRatio(xs, cellsOf(by));
      if (eta >= MIN_ETA && (!best || eta > best.eta)) best = { by, eta };
    }
    if (!best) continue;
    const scaled = scalingOf(column, best.by, xs, cellsOf(best.by));
    const then = secondOf(scaled, xs, cellsOf(best.by), usable.filter((by) => by !== best.by).map((by) => [by, cellsOf(by)]));
    out.push(then ? { ...scaled, then } : scaled);
  }
  return out;
}

/**
 * The category, other than the first, that best explains the numbers' z in the first's scale
 * (η ≥ 0.3 less chance), with each of its values' mean and spread of z: null where none does.
 */
function secondOf(scaled: Scaled, xs: Float64Array, first: (string | null)[], others: [string, (string | null)[]][]): Scaled['then'] | null {
  const scale = scaleOf(scaled);
  const zs = xs.map((x, r) => {
    const [mean, sd] = scale(first[r]);
    return (x - mean) / sd;
  });
  let best: { by: string; cells: (string | null)[]; eta: number } | null = null;
  for (const [by, cells] of others) {
    const eta = correlationRatio(zs, cells);
    if (eta >= MIN_ETA && (!best || eta > best.eta)) best = { by, cells, eta };
  }
  if (!best) return null;
  const byValue = new Map<string, number[]>();
  best.cells.forEach((v, r) => {
    if (v === null || Number.isNaN(zs[r])) return;
    const group = byValue.get(v);
    if (group) group.push(zs[r]);
    else byValue.set(v, [zs[r]]);
  });
  const groups: [string, number, number][] = [];
  for (const [value, group] of byValue) {
    if (group.length < MIN_GROUP_ROWS) continue;
    const { mean, variance } = momentsOf(group);
    const n = group.length;
    // Drawn towards z's own mean 0 and spread 1, as the first's groups are towards the column's.
    const spread = Math.sqrt((n * variance + PRIOR_ROWS) / (n + PRIOR_ROWS));
    groups.push([value, (n * mean) / (n + PRIOR_ROWS), Math.max(spread, MIN_SPREAD)]);
  }
  return { by: best.by, groups };
}

/** Enough rows, and no value on 5 % of them. */
export function spreadEnough(xs: Float64Array): boolean {
  const counts = new Map<number, number>();
  let n = 0;
  for (const x of xs) {
    if (Number.isNaN(x)) continue;
    n++;
    counts.set(x, (counts.get(x) ?? 0) + 1);
  }
  return n >= MIN_COLUMN_ROWS && Math.max(...counts.values()) < MAX_POINT_SHARE * n;
}

function scalingOf(column: string, by: string, xs: Float64Array, cells: (string | null)[]): Scaled {
  const all = momentsOf(Array.from(xs).filter((x) => !Number.isNaN(x)));
  const byValue = new Map<string, number[]>();
  cells.forEach((v, r) => {
    if (v === null || Number.isNaN(xs[r])) return;
    const group = byValue.get(v);
    if (group) group.push(xs[r]);
    else byValue.set(v, [xs[r]]);
  });
  const groups: Scaled['groups'] = [];
  const ranges: [string, CategoryRange][] = [];
  for (const [value, group] of byValue) {
    if (group.length < MIN_GROUP_ROWS) continue;
    ranges.push([value, rangeOf(group, false)]);
    const { mean, variance } = momentsOf(group);
    const n = group.length;
    const shrunk = (n * mean + PRIOR_ROWS * all.mean) / (n + PRIOR_ROWS);
    const spread = Math.sqrt((n * variance + PRIOR_ROWS * all.variance) / (n + PRIOR_ROWS));
    groups.push([value, shrunk, Math.max(spread, MIN_SPREAD * Math.sqrt(all.variance))]);
  }
  return { kind: 'scaled', column, by, groups, mean: all.mean, sd: Math.max(Math.sqrt(all.variance), Number.MIN_VALUE), ranges };
}

function momentsOf(xs: number[]): { mean: number; variance: number } {
  const mean = xs.reduce((s, x) => s + x, 0) / xs.length;
  const variance = xs.reduce((s, x) => s + (x - mean) ** 2, 0) / xs.length;
  return { mean, variance };
}

/**
 * The number row `r` of category `value` writes for the model's `z`: its category's mean plus
 * z of its spreads, drawn again in place inside the category's range where it falls outside
 * (at a spread place of the range's inner quantiles, the same for the same row).
 */
export function scaledWriter(c: Scaled): (value: string | null, z: number, r: number, other?: string | null) => number {
  const scale = scaleOf(c);
  const ranges = new Map(c.ranges ?? []);
  return (value, z, r, other = null) => {
    const [mean, sd] = scale(value, other);
    const x = mean + sd * z;
    const range = value === null ? undefined : ranges.get(value);
    return !range || (x >= range.lo && x <= range.hi) ? x : between(range, (r * 0.6180339887 + 0.5) % 1);
  };
}

/** The mean and spread a row of category `value` (and `other` of the second category, if any) is scaled by. */
export function scaleOf(c: Scaled): (value: string | null, other?: string | null) => [number, number] {
  const byValue = new Map(c.groups.map(([v, mean, sd]) => [v, [mean, sd] as [number, number]]));
  const all: [number, number] = [c.mean, c.sd];
  const second = new Map((c.then?.groups ?? []).map(([v, mean, sd]) => [v, [mean, sd] as [number, number]]));
  return (value, other = null) => {
    const [mean, sd] = value === null ? all : (byValue.get(value) ?? all);
    const [shift, spread] = (other !== null && second.get(other)) || [0, 1];
    return [mean + sd * shift, sd * spread];
  };
}
