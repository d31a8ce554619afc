import type { ColumnSchema } from '../data/schema';
import type { Table } from '../data/table';
import { prepare, type NumericColumn } from '../metrics/columns';

/** Categories the seed holds in fewer than this share of its rows are candidates for anchoring. */
export const RARE_SHARE = 0.05;
/** At most this many candidates, rarest first: each costs ANCHOR_ROWS drawn rows to judge. */
export const MAX_ANCHOR_CANDIDATES = 40;
/** How many standard errors of the seed's category mean free rows must lose by (see `chooseAnchors`). */
const MARGIN = 2;
/** Rows drawn with each candidate fixed, to judge it. */
export const ANCHOR_ROWS = 200;

/** One rare category: its rows in the seed, among free rows, and among rows drawn with it fixed. */
export interface AnchorCandidate {
  slot: number;
  seedRows: ArrayLike<number>;
  freeRows: ArrayLike<number>;
  anchoredRows: ArrayLike<number>;
}

/**
 * The candidates whose numbers rows drawn with the category fixed keep better than free rows
 * do. A free row's category comes out beside numbers the generator writes at the same time,
 * and for a category of a few dozen seed rows it may write the table's usual numbers (a
 * penthouse at a standard room's price). For each candidate, the error of a set of rows is the
 * sum, over numbers and dates, of the distance between its mean and the seed rows' mean, in
 * the seed's standard deviations: summed, as a category often moves one or two columns of
 * many (a branch's loan amounts and nothing else). A candidate is anchored when its free rows'
 * error exceeds its fixed rows' by more than two standard errors of the seed's own mean
 * (2/√n): the fixed rows were calibrated toward those seed rows, so a smaller gap may be noise.
 */
export function chooseAnchors(schema: ColumnSchema[], seed: Table, free: Table, anchored: Table, candidates: AnchorCandidate[]): number[] {
  const [real, freeColumns, fixedColumns] = prepare(schema, [seed, free, anchored]);
  const numbers = real.flatMap((column, c) => (column.kind === 'number' ? [c] : []));
  const spread = numbers.map((c) => sdOf((real[c] as NumericColumn).values));
  const chosen: number[] = [];
  for (const { slot, seedRows, freeRows, anchoredRows } of candidates) {
    if (seedRows.length === 0 || freeRows.length === 0 || anchoredRows.length === 0) continue;
    let [freeError, fixedError, judged] = [0, 0, 0];
    numbers.forEach((c, k) => {
      const target = meanAt((real[c] as NumericColumn).values, seedRows);
      const [f, a] = [meanAt((freeColumns[c] as NumericColumn).values, freeRows), meanAt((fixedColumns[c] as NumericColumn).values, anchoredRows)];
      if (!(spread[k] > 0) || [target, f, a].some(Number.isNaN)) return;
      freeError += Math.abs(f - target) / spread[k];
      fixedError += Math.abs(a - target) / spread[k];
      judged++;
    });
    if (judged > 0 && freeError - fixedError > MARGIN / Math.sqrt(seedRows.length)) chosen.push(slot);
  }
  return chosen;
}

/** The mean of `values` at `rows`, missing values left out (NaN when all are missing). */
function meanAt(values: Float64Array, rows: ArrayLike<number>): number {
  let [sum, n] = [0, 0];
  for (let i = 0; i < rows.length; i++) {
    const v = values[rows[i]];
    if (Number.isNaN(v)) continue;
    sum += v;
    n++;
  }
  return n ? sum / n : NaN;
}

function sdOf(values: Float64Array): number {
  const present = values.filter((v) => !Number.isNaN(v));
  if (present.length === 0) return NaN;
  const mean = present.reduce((a, b) => a + b, 0) / present.length;
  return Math.sqrt(present.reduce((a, b) => a + (b - mean) ** 2, 0) / present.length);
}
