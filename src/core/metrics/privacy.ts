import type { ColumnSchema } from '../data/schema';
import type { Table } from '../data/table';
import { comparable, extent, prepare, type PreparedColumn } from './columns';

/** Share of synthetic rows identical to some real row over all compared columns. */
export function exactCopyRate(real: Table, synth: Table, schema: ColumnSchema[]): number {
  const key = rowKey(schema);
  const seen = new Set<string>();
  for (let r = 0; r < real.rowCount; r++) seen.add(key(real, r));
  let copies = 0;
  for (let r = 0; r < synth.rowCount; r++) if (seen.has(key(synth, r))) copies++;
  return synth.rowCount ? copies / synth.rowCount : 0;
}

/**
 * Share of `real` rows that another of its rows equals on every compared column: how often a
 * table repeats itself (a free plan's rows with the same few values), the rate below which a
 * synthetic copy may be such a common row rather than one person's.
 */
export function selfCopyRate(real: Table, schema: ColumnSchema[]): number {
  const counts = rowCounts(real, rowKey(schema));
  let repeated = 0;
  for (const n of counts.values()) if (n > 1) repeated += n;
  return real.rowCount ? repeated / real.rowCount : 0;
}

/** Share of `synth` rows equal to a `real` row that no other real row equals: copies of one person's row. */
export function uniqueCopyRate(real: Table, synth: Table, schema: ColumnSchema[]): number {
  const key = rowKey(schema);
  const counts = rowCounts(real, key);
  let copies = 0;
  for (let r = 0; r < synth.rowCount; r++) if (counts.get(key(synth, r)) === 1) copies++;
  return synth.rowCount ? copies / synth.rowCount : 0;
}

/**
 * The chance that a row drawn afresh from the population `real` is a sample of equals one of
 * its rows held once: twice the share of rows held exactly twice (Good–Turing), or 0 where fewer
 * than two rows are held twice, too few to read it from. A table of few free fields (a booking's
 * tier, court, day, time and length) repeats rows by chance: fresh samples of the process that
 * made a reviewer's 900 bookings matched 4 to 6 of them, and the seed held 2 rows twice.
 */
export function singleCopyChance(real: Table, schema: ColumnSchema[]): number {
  let pairs = 0;
  for (const n of rowCounts(real, rowKey(schema)).values()) if (n === 2) pairs++;
  return pairs >= MIN_PAIRS && real.rowCount ? (2 * pairs) / real.rowCount : 0;
}
const MIN_PAIRS = 2;

/** How many rows of `table` share each key, each row's key made once. */
function rowCounts(table: Table, key: (t: Table, r: number) => string): Map<string, number> {
  const counts = new Map<string, number>();
  for (let r = 0; r < table.rowCount; r++) {
    const k = key(table, r);
    counts.set(k, (counts.get(k) ?? 0) + 1);
  }
  return counts;
}

/** A row's compared cells as one text, for telling equal rows. */
function rowKey(schema: ColumnSchema[]): (t: Table, r: number) => string {
  const names = comparable(schema).map((c) => c.name);
  return (t, r) => names.map((n) => t.columns[t.names.indexOf(n)][r]?.trim() ?? '\u0000').join('\u0001');
}

/**
 * Median distance from each query row to its closest reference row, in Gower's distance: the
 * mean over columns of |a − b| / (real range) for numbers and 0/1 for categories; a missing
 * value is 0 from another missing value and 1 from anything else.
 */
export function medianClosestDistance(reference: Table, query: Table, schema: ColumnSchema[]): number {
  const [ref, q] = prepare(schema, [reference, query]);
  const ranges = ref.map(rangeOf);
  const distances = Float64Array.from({ length: query.rowCount }, (_, i) => closest(q, i, ref, reference.rowCount, ranges));
  distances.sort();
  const mid = distances.length >> 1;
  return distances.length % 2 ? distances[mid] : (distances[mid - 1] + distances[mid]) / 2;
}

/**
 * Share of `query` rows closer (in Gower's distance, ranges of the training rows) to the
 * `train` rows than to the `holdout` rows; a tie counts half. With as many training as
 * held-out rows, a generator that learned the population and not the rows scores 0.5, and
 * one that copies its training rows scores near 1.
 */
export function closerToTrainingShare(train: Table, holdout: Table, query: Table, schema: ColumnSchema[]): number {
  const [t, h, q] = prepare(schema, [train, holdout, query]);
  if (query.rowCount === 0) return 0.5;
  const ranges = t.map(rangeOf);
  let closer = 0;
  for (let i = 0; i < query.rowCount; i++) {
    const toTrain = closest(q, i, t, train.rowCount, ranges);
    const toHoldout = closest(q, i, h, holdout.rowCount, ranges);
    closer += toTrain < toHoldout ? 1 : toTrain === toHoldout ? 0.5 : 0;
  }
  return closer / query.rowCount;
}

/** Gower's distance from query row `i` to its closest row among the first `rows` of `ref`; stops early on an exact match. */
function closest(q: PreparedColumn[], i: number, ref: PreparedColumn[], rows: number, ranges: number[]): number {
  const m = ref.length;
  let best = Infinity;
  for (let j = 0; j < rows && best > 0; j++) {
    let d = 0;
    for (let c = 0; c < m && d < best * m; c++) d += cellDistance(q[c], i, ref[c], j, ranges[c]);
    if (d < best * m) best = d / m;
  }
  return best;
}

function rangeOf(c: PreparedColumn): number {
  if (c.kind === 'code') return 1;
  const [lo, hi] = extent(c.values);
  return hi - lo || 1;
}

function cellDistance(a: PreparedColumn, i: number, b: PreparedColumn, j: number, range: number): number {
  if (a.kind === 'code') {
    return a.values[i] === (b.values as Int32Array)[j] ? 0 : 1;
  }
  const x = a.values[i];
  const y = (b.values as Float64Array)[j];
  const xMissing = Number.isNaN(x);
  const yMissing = Number.isNaN(y);
  if (xMissing || yMissing) return xMissing === yMissing ? 0 : 1;
  return Math.min(1, Math.abs(x - y) / range);
}

/**
 * For each category column, the share of `query` rows whose value exactly one `train` row has.
 * A column of names or account codes is mostly such values: a model that learns it as a
 * category hands real people's names back, row after row, though no whole row is a copy.
 */
export function singletonShares(train: Table, query: Table, schema: ColumnSchema[]): Map<string, number> {
  const shares = new Map<string, number>();
  for (const c of schema) {
    if (!c.include || c.kind !== 'categorical' || !train.names.includes(c.name) || !query.names.includes(c.name)) continue;
    const counts = new Map<string, number>();
    for (const v of train.columns[train.names.indexOf(c.name)]) if (v !== null) counts.set(v, (counts.get(v) ?? 0) + 1);
    const values = query.columns[query.names.indexOf(c.name)];
    const once = values.filter((v) => v !== null && counts.get(v) === 1).length;
    shares.set(c.name, query.rowCount ? once / query.rowCount : 0);
  }
  return shares;
}
