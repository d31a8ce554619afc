/**
 * Reference implementation of SDMetrics' Quality Report properties Column Shapes and Column
 * Pair Trends, used only by the agreement test (`sdmetrics.test.ts`); the app never imports it.
 *
 * Written from SDMetrics' own definitions (github.com/sdv-dev/SDMetrics, read at 0.29.1.dev0,
 * commit 54362a3c) and the NumPy/SciPy functions they call, sharing no code with `fidelity.ts`
 * or `pairs.ts`, so that our metrics are checked against a second, independent reading. Each
 * function names the file and function it follows. It is plain and unoptimised on purpose.
 *
 * Input is what SDMetrics receives: typed columns (numbers with NaN for missing; texts with
 * null for missing) and each column's sdtype. Datetimes are milliseconds here where pandas
 * has nanoseconds: every formula below is unchanged (up to rounding) by a positive linear rescaling.
 */
import { numberReader, type ColumnSchema } from '../data/schema';
import type { Table } from '../data/table';
import type { Rng } from '../util/rng';

export type SdType = 'numerical' | 'datetime' | 'categorical' | 'boolean' | 'id';
export type Cell = number | string | null;
export interface RefColumn {
  name: string;
  sdtype: SdType;
  /** Numbers (NaN missing) for numerical and datetime columns, texts (null missing) otherwise. */
  values: Cell[];
}
export type Frame = RefColumn[];

/**
 * The frame SDMetrics would be handed for our table: the sdtype SDV's metadata gives each kind,
 * numbers read as our schema reads them (that is parsing, not a metric). Excluded columns are
 * left out of the metadata; IDs are sdtype 'id', which both properties skip. A constant column
 * is 'categorical' in SDV's metadata: SDMetrics scores it, ours leaves it out (the generator
 * copies it rather than learns it).
 */
export function frameOf(table: Table, schema: ColumnSchema[]): Frame {
  const frame: Frame = [];
  for (const column of schema) {
    if (!column.include) continue;
    const raw = table.columns[table.names.indexOf(column.name)];
    if (column.kind === 'numeric' || column.kind === 'datetime') {
      const read = numberReader(column);
      frame.push({ name: column.name, sdtype: column.kind === 'numeric' ? 'numerical' : 'datetime', values: raw.map((v) => (v === null ? NaN : read(v))) });
    } else {
      const sdtype: SdType = column.kind === 'boolean' ? 'boolean' : column.kind === 'id' ? 'id' : 'categorical';
      frame.push({ name: column.name, sdtype, values: raw.slice() });
    }
  }
  return frame;
}

const isContinuous = (t: SdType) => t === 'numerical' || t === 'datetime';
const isDiscrete = (t: SdType) => t === 'categorical' || t === 'boolean';
const missing = (v: Cell) => v === null || (typeof v === 'number' && Number.isNaN(v));
const mean = (xs: number[]) => {
  const kept = xs.filter((x) => !Number.isNaN(x));
  return kept.length ? kept.reduce((a, b) => a + b, 0) / kept.length : NaN;
};

// ---------------------------------------------------------------- Column Shapes

/** pandas `Series.round(14)` (KSComplement rounds to `sys.float_info.dig - 1` decimals): NumPy's scale, round, unscale. */
function round14(x: number): number {
  const y = x * 1e14;
  if (!Number.isFinite(y)) return x;
  // np.round rounds half to even.
  const r = Math.round(y);
  const even = Math.abs(y % 1) === 0.5 && r % 2 !== 0 ? r - 1 : r;
  return even / 1e14;
}

/**
 * scipy.stats.ks_2samp statistic: the largest gap between the two empirical CDFs, each taken
 * at every observed value (`searchsorted(side='right') / n`).
 */
export function ks2sampStatistic(a: number[], b: number[]): number {
  const x = [...a].sort((p, q) => p - q);
  const y = [...b].sort((p, q) => p - q);
  const atOrBelow = (sorted: number[], v: number) => {
    let lo = 0;
    let hi = sorted.length;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if (sorted[mid] <= v) lo = mid + 1;
      else hi = mid;
    }
    return lo;
  };
  let d = 0;
  for (const v of [...x, ...y]) d = Math.max(d, Math.abs(atOrBelow(x, v) / x.length - atOrBelow(y, v) / y.length));
  return d;
}

/** sdmetrics/single_column/statistical/kscomplement.py, `KSComplement.compute`: missing values dropped, NaN when a side is empty. */
export function ksComplement(real: number[], synth: number[]): number {
  const r = real.filter((v) => !Number.isNaN(v)).map(round14);
  const s = synth.filter((v) => !Number.isNaN(v)).map(round14);
  if (!r.length || !s.length) return NaN;
  return 1 - ks2sampStatistic(r, s);
}

/**
 * sdmetrics/single_column/statistical/tv_complement.py, `TVComplement.compute`, with
 * sdmetrics/utils.py `get_frequencies`: missing values dropped; a category only the synthetic
 * column has counts 1e-6 times in the real one; NaN (IncomputableMetricError) when a side is empty.
 */
export function tvComplement(real: Cell[], synth: Cell[]): number {
  const r = real.filter((v) => !missing(v));
  const s = synth.filter((v) => !missing(v));
  if (!r.length || !s.length) return NaN;
  const realCounts = new Map<Cell, number>();
  const synthCounts = new Map<Cell, number>();
  for (const v of r) realCounts.set(v, (realCounts.get(v) ?? 0) + 1);
  for (const v of s) synthCounts.set(v, (synthCounts.get(v) ?? 0) + 1);
  for (const v of synthCounts.keys()) if (!realCounts.has(v)) realCounts.set(v, 1e-6);
  const realTotal = [...realCounts.values()].reduce((a, b) => a + b, 0);
  let tv = 0;
  for (const [v, n] of realCounts) tv += Math.abs((synthCounts.get(v) ?? 0) / s.length - n / realTotal);
  return 1 - 0.5 * tv;
}

export interface RefColumnScore {
  name: string;
  metric: 'KSComplement' | 'TVComplement';
  score: number;
}

/**
 * sdmetrics/reports/single_table/_properties/column_shapes.py, `ColumnShapes._generate_details`,
 * and base.py `_compute_average`: KSComplement for numerical and datetime columns, TVComplement
 * for categorical and boolean ones, other sdtypes skipped; the mean skips NaN scores.
 */
export function columnShapesReference(real: Frame, synth: Frame): { score: number; columns: RefColumnScore[] } {
  const columns: RefColumnScore[] = [];
  for (const column of real) {
    const other = synth.find((c) => c.name === column.name)!;
    if (isContinuous(column.sdtype)) {
      columns.push({ name: column.name, metric: 'KSComplement', score: ksComplement(column.values as number[], other.values as number[]) });
    } else if (isDiscrete(column.sdtype)) {
      columns.push({ name: column.name, metric: 'TVComplement', score: tvComplement(column.values, other.values) });
    }
  }
  return { score: mean(columns.map((c) => c.score)), columns };
}

// ---------------------------------------------------------------- Column Pair Trends

/**
 * numpy.histogram_bin_edges(values, bins=10) on the present values: `np.linspace(min, max, 11)`
 * (edge i is `i * step + min`, the last edge is `max` itself), the range widened by 0.5 either
 * side when min = max, [0, 1] when there is no value; null where NumPy raises (an infinite value).
 */
export function histogramBinEdges(values: number[], bins = 10): number[] | null {
  const present = values.filter((v) => !Number.isNaN(v));
  let first = present.length ? present.reduce((a, b) => (b < a ? b : a)) : 0;
  let last = present.length ? present.reduce((a, b) => (b > a ? b : a)) : 1;
  if (!Number.isFinite(first) || !Number.isFinite(last)) return null;
  if (first === last) {
    first -= 0.5;
    last += 0.5;
  }
  const step = (last - first) / bins;
  const edges = Array.from({ length: bins + 1 }, (_, i) => i * step + first);
  edges[bins] = last;
  return edges;
}

/**
 * numpy.digitize(x, edges) with increasing edges and right=False: how many edges are ≤ x, so a
 * value equal to the last edge (the maximum) gets index `edges.length` of its own, and NaN,
 * which NumPy sorts after every number, gets that same index.
 */
export function digitize(x: number, edges: number[]): number {
  if (Number.isNaN(x)) return edges.length;
  let n = 0;
  while (n < edges.length && edges[n] <= x) n++;
  return n;
}

/** scipy.stats.pearsonr's r: centred vectors, normalised, dotted, clipped to [−1, 1]; NaN for a constant input, an error (NaN here) under 2 rows. */
export function pearsonr(x: number[], y: number[]): number {
  const n = x.length;
  if (n < 2) return NaN;
  const mx = x.reduce((a, b) => a + b, 0) / n;
  const my = y.reduce((a, b) => a + b, 0) / n;
  const xm = x.map((v) => v - mx);
  const ym = y.map((v) => v - my);
  const nx = Math.hypot(...chunkNorm(xm));
  const ny = Math.hypot(...chunkNorm(ym));
  if (nx === 0 || ny === 0) return NaN;
  let r = 0;
  for (let i = 0; i < n; i++) r += (xm[i] / nx) * (ym[i] / ny);
  return Math.max(-1, Math.min(1, r));
}

// Math.hypot(...array) has the same argument limit: one norm per chunk, then the norm of those.
function chunkNorm(xs: number[]): number[] {
  const out: number[] = [];
  for (let i = 0; i < xs.length; i += 10_000) out.push(Math.hypot(...xs.slice(i, i + 10_000)));
  return out;
}

const nunique = (values: Cell[]) => new Set(values.filter((v) => !missing(v))).size;

/**
 * sdmetrics/column_pairs/statistical/correlation_similarity.py, `compute_breakdown`: an error
 * (NaN) when a column of either table has exactly one distinct value; rows with a missing value
 * dropped, per table; `1 − |r_real − r_synth| / 2`. With a threshold, NaN when |r_real| ≤ it.
 */
export function correlationSimilarity(real: [number[], number[]], synth: [number[], number[]], threshold = 0): { score: number; real: number } {
  if ([...real, ...synth].some((c) => nunique(c) === 1)) return { score: NaN, real: NaN };
  const complete = ([a, b]: [number[], number[]]): [number[], number[]] => {
    const keep = a.map((_, i) => !Number.isNaN(a[i]) && !Number.isNaN(b[i]));
    return [a.filter((_, i) => keep[i]), b.filter((_, i) => keep[i])];
  };
  const rReal = pearsonr(...complete(real));
  if (Math.abs(rReal) <= threshold) return { score: NaN, real: rReal };
  const rSynth = pearsonr(...complete(synth));
  return { score: Number.isNaN(rReal) || Number.isNaN(rSynth) ? NaN : 1 - Math.abs(rReal - rSynth) / 2, real: rReal };
}

/** Each distinct value's index, missing values (null or NaN) one value, over several columns so the indices agree. */
function codesOf(columns: Cell[][]): { codes: Int32Array[]; count: number } {
  const index = new Map<Cell, number>();
  const codes = columns.map((column) =>
    Int32Array.from(column, (v) => {
      const key = missing(v) ? null : v;
      return index.get(key) ?? index.set(key, index.size).get(key)!;
    }),
  );
  return { codes, count: index.size };
}

/** Counts per (a, b) cell, as `DataFrame.groupby([a, b], dropna=False).size()`, keyed `code(a) · nb + code(b)`. */
function jointCounts(a: Int32Array, b: Int32Array, nb: number): Map<number, number> {
  const counts = new Map<number, number>();
  for (let i = 0; i < a.length; i++) {
    const key = a[i] * nb + b[i];
    counts.set(key, (counts.get(key) ?? 0) + 1);
  }
  return counts;
}

/**
 * scipy.stats.contingency.association(table, method='cramer'): √(χ² / (n · (min(rows, cols) − 1)))
 * with χ² against the margins' expected counts, no continuity correction.
 */
export function cramersV(table: number[][]): number {
  const rows = table.map((r) => r.reduce((a, b) => a + b, 0));
  const cols = table[0].map((_, j) => table.reduce((s, r) => s + r[j], 0));
  const n = rows.reduce((a, b) => a + b, 0);
  let chi2 = 0;
  for (let i = 0; i < rows.length; i++) {
    for (let j = 0; j < cols.length; j++) {
      const expected = (rows[i] * cols[j]) / n;
      chi2 += (table[i][j] - expected) ** 2 / expected;
    }
  }
  return Math.sqrt(chi2 / n / Math.min(rows.length - 1, cols.length - 1));
}

/**
 * sdmetrics/column_pairs/statistical/contingency_similarity.py, `compute_breakdown` (no column to
 * discretize: the report hands it columns already cut): each table's share of every (a, b) cell,
 * over all its rows, missing values a category; `1 − ½ Σ |p_real − p_synth|` over the union of
 * cells. With a threshold, NaN when the real table's Cramér's V is ≤ it (or it has one row or
 * column).
 */
export function contingencySimilarity(real: [Cell[], Cell[]], synth: [Cell[], Cell[]], threshold = 0): { score: number; realAssociation: number } {
  const a = codesOf([real[0], synth[0]]);
  const b = codesOf([real[1], synth[1]]);
  const realCounts = jointCounts(a.codes[0], b.codes[0], b.count);
  let realAssociation = NaN;
  if (threshold > 0) {
    // The real table unstacked: a row per value of a, a column per value of b, each seen in the real rows.
    const as = [...new Set(a.codes[0])];
    const bs = [...new Set(b.codes[0])];
    if (as.length < 2 || bs.length < 2) return { score: NaN, realAssociation };
    realAssociation = cramersV(as.map((x) => bs.map((y) => realCounts.get(x * b.count + y) ?? 0)));
    if (realAssociation <= threshold) return { score: NaN, realAssociation };
  }
  const synthCounts = jointCounts(a.codes[1], b.codes[1], b.count);
  const nReal = real[0].length;
  const nSynth = synth[0].length;
  let variation = 0;
  for (const key of new Set([...realCounts.keys(), ...synthCounts.keys()])) {
    variation += Math.abs((realCounts.get(key) ?? 0) / nReal - (synthCounts.get(key) ?? 0) / nSynth) / 2;
  }
  return { score: 1 - variation, realAssociation };
}

export interface RefPairScore {
  a: string;
  b: string;
  metric: 'CorrelationSimilarity' | 'ContingencySimilarity';
  score: number;
  /** Whether the pair counts in the property's mean ("Meets Threshold?"; false for a pair in error). */
  meetsThreshold: boolean;
}

export interface PairTrendsOptions {
  /** |r_real| a numeric pair must exceed to count: 0 (every pair) up to SDMetrics 0.26, 0.5 since 0.27. */
  realCorrelationThreshold?: number;
  /** Real Cramér's V any other pair must exceed to count: 0 up to 0.26, 0.3 since 0.27. */
  realAssociationThreshold?: number;
  /** Rows above which ContingencySimilarity samples both tables (`DEFAULT_NUM_ROWS_SUBSAMPLE`). */
  numRowsSubsample?: number;
  /** SDMetrics' subsample draw is unseeded; here it is drawn from this. */
  rng?: Rng;
}

function subsample(column: Cell[], rows: number[]): Cell[] {
  return rows.map((r) => column[r]);
}

function drawRows(n: number, k: number, rng: Rng | undefined): number[] {
  if (!rng) throw new Error('Subsampling needs an rng.');
  return rng.shuffle(Array.from({ length: n }, (_, i) => i)).slice(0, k);
}

/**
 * sdmetrics/reports/single_table/_properties/column_pair_trends.py, `ColumnPairTrends`:
 * - `_get_processed_data`: each table on its own cuts its numerical and datetime columns with
 *   `np.histogram_bin_edges` of its own present values and `np.digitize` (so the bins differ
 *   between the real and the synthetic table, and missing values share the maximum's index);
 * - `_get_columns_data_and_metric`: two continuous columns → CorrelationSimilarity on the raw
 *   values; two discrete → ContingencySimilarity on the raw values; one of each →
 *   ContingencySimilarity with the continuous column cut;
 * - `_generate_details` / `_compute_average_with_threshold('Meets Threshold?')`: the mean score
 *   over the pairs that meet the thresholds, pairs in error (NaN) left out.
 * Pairs run over `itertools.combinations` of the metadata's columns; other sdtypes are skipped.
 */
export function columnPairTrendsReference(real: Frame, synth: Frame, options: PairTrendsOptions = {}): { score: number; pairs: RefPairScore[] } {
  const { realCorrelationThreshold = 0, realAssociationThreshold = 0, numRowsSubsample = 50_000, rng } = options;
  const cut = (frame: Frame) => new Map(frame.filter((c) => isContinuous(c.sdtype)).map((c) => {
    const edges = histogramBinEdges(c.values as number[]);
    return [c.name, edges ? (c.values as number[]).map((v) => digitize(v, edges)) : null] as const;
  }));
  const realCut = cut(real);
  const synthCut = cut(synth);
  const columns = real.filter((c) => isContinuous(c.sdtype) || isDiscrete(c.sdtype));
  const synthOf = (name: string) => synth.find((c) => c.name === name)!.values;
  const pairs: RefPairScore[] = [];
  for (let i = 0; i < columns.length; i++) {
    for (let j = i + 1; j < columns.length; j++) {
      const [x, y] = [columns[i], columns[j]];
      if (isContinuous(x.sdtype) && isContinuous(y.sdtype)) {
        const r = correlationSimilarity([x.values as number[], y.values as number[]], [synthOf(x.name) as number[], synthOf(y.name) as number[]], realCorrelationThreshold);
        pairs.push({ a: x.name, b: y.name, metric: 'CorrelationSimilarity', score: r.score, meetsThreshold: !Number.isNaN(r.score) && (realCorrelationThreshold <= 0 || Math.abs(r.real) > realCorrelationThreshold) });
        continue;
      }
      const side = (column: RefColumn, cuts: Map<string, number[] | null>, values: Cell[]) => (isContinuous(column.sdtype) ? cuts.get(column.name) : values);
      const mixed = isContinuous(x.sdtype) !== isContinuous(y.sdtype);
      let ra = mixed ? side(x, realCut, x.values) : x.values;
      let rb = mixed ? side(y, realCut, y.values) : y.values;
      let sa = mixed ? side(x, synthCut, synthOf(x.name)) : synthOf(x.name);
      let sb = mixed ? side(y, synthCut, synthOf(y.name)) : synthOf(y.name);
      if (!ra || !rb || !sa || !sb) {
        // Discretisation failed: the pair is reported in error and left out.
        pairs.push({ a: x.name, b: y.name, metric: 'ContingencySimilarity', score: NaN, meetsThreshold: false });
        continue;
      }
      if (Math.max(ra.length, sa.length) > numRowsSubsample) {
        const realRows = drawRows(ra.length, Math.min(numRowsSubsample, ra.length), rng);
        const synthRows = drawRows(sa.length, Math.min(numRowsSubsample, sa.length), rng);
        [ra, rb, sa, sb] = [subsample(ra, realRows), subsample(rb, realRows), subsample(sa, synthRows), subsample(sb, synthRows)];
      }
      const c = contingencySimilarity([ra, rb], [sa, sb], realAssociationThreshold);
      pairs.push({ a: x.name, b: y.name, metric: 'ContingencySimilarity', score: c.score, meetsThreshold: !Number.isNaN(c.score) });
    }
  }
  return { score: mean(pairs.filter((p) => p.meetsThreshold).map((p) => p.score)), pairs };
}
