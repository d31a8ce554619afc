import type { ColumnSchema } from '../data/schema';
import type { Table } from '../data/table';
import { prepare, type CodedColumn, type NumericColumn } from './columns';

/**
 * Bins a feature may use, the missing bin included: a bin fits in a byte, and a node's
 * histogram (features × 64 × 3 sums) stays small enough to build and subtract cheaply.
 */
export const MAX_BINS = 64;

export interface BinnedFeature {
  name: string;
  /** Numbers split at a threshold (bins in value order); categories split into any two sets. */
  kind: 'ordered' | 'unordered';
  /** Bins in use; the last one holds the missing cells. */
  bins: number;
}

/** Rows of binned features, ready for histogram-based trees. */
export interface FeatureMatrix {
  rows: number;
  features: BinnedFeature[];
  /** Row-major: the bin of row r on feature f is bins[r * features.length + f]. */
  bins: Uint8Array;
}

/**
 * Bins the modelled columns of several tables alike, so bin 5 of a feature means the same
 * values in each. Bins are fitted on the pooled rows: binning never sees a label, so pooling
 * leaks nothing, and neither table's extremes end up squeezed into an edge bin.
 * Numbers: up to 63 quantile bins (each distinct value its own bin when there are few), then
 * a missing bin (unreadable notes read as missing too). Categories: the 62 most frequent each
 * a bin, the rest one shared bin, then a missing bin.
 */
export function featureMatrices(schema: ColumnSchema[], tables: Table[]): FeatureMatrix[] {
  const prepared = prepare(schema, tables);
  const width = prepared[0]?.length ?? 0;
  const features: BinnedFeature[] = [];
  const matrices = tables.map((t) => ({ rows: t.rowCount, features, bins: new Uint8Array(t.rowCount * width) }));
  for (let f = 0; f < width; f++) {
    const columns = prepared.map((p) => p[f]);
    const binned = columns[0].kind === 'number' ? numberBins(columns as NumericColumn[]) : categoryBins(columns as CodedColumn[]);
    features.push({ name: columns[0].name, kind: columns[0].kind === 'number' ? 'ordered' : 'unordered', bins: binned.bins });
    columns.forEach((column, k) => {
      const out = matrices[k].bins;
      for (let r = 0; r < column.values.length; r++) out[r * width + f] = binned.binOf(column.values[r]);
    });
  }
  return matrices;
}

/** The given rows of a matrix, in the given order. */
export function takeRows(x: FeatureMatrix, rows: ArrayLike<number>): FeatureMatrix {
  const width = x.features.length;
  const bins = new Uint8Array(rows.length * width);
  for (let i = 0; i < rows.length; i++) bins.set(x.bins.subarray(rows[i] * width, (rows[i] + 1) * width), i * width);
  return { rows: rows.length, features: x.features, bins };
}

/** The rows of `a` then those of `b`, which must share their features (from one `featureMatrices` call). */
export function stackRows(a: FeatureMatrix, b: FeatureMatrix): FeatureMatrix {
  const bins = new Uint8Array(a.bins.length + b.bins.length);
  bins.set(a.bins);
  bins.set(b.bins, a.bins.length);
  return { rows: a.rows + b.rows, features: a.features, bins };
}

type Binned = { bins: number; binOf: (v: number) => number };

function numberBins(columns: NumericColumn[]): Binned {
  const present: number[] = [];
  for (const c of columns) for (const v of c.values) if (!Number.isNaN(v)) present.push(v);
  const sorted = Float64Array.from(present).sort();
  const edges = upperEdges(sorted, MAX_BINS - 1);
  const missing = edges.length;
  return {
    bins: edges.length + 1,
    binOf: (v) => {
      if (Number.isNaN(v)) return missing;
      // The first bin whose upper edge is at or above v.
      let lo = 0;
      let hi = edges.length - 1;
      while (lo < hi) {
        const mid = (lo + hi) >> 1;
        if (edges[mid] >= v) hi = mid;
        else lo = mid + 1;
      }
      return lo;
    },
  };
}

/** Upper edges of at most `count` bins holding about equal rows; a value heavier than a bin gets a bin to itself. */
function upperEdges(sorted: Float64Array, count: number): number[] {
  const edges: number[] = [];
  const n = sorted.length;
  for (let i = 1; i <= count && n > 0; i++) {
    const edge = sorted[Math.ceil((i * n) / count) - 1];
    if (edges.length === 0 || edge > edges[edges.length - 1]) edges.push(edge);
  }
  return edges.length ? edges : [0];
}

function categoryBins(columns: CodedColumn[]): Binned {
  const labels = columns[0].labels.length;
  const counts = new Float64Array(labels);
  for (const c of columns) for (const v of c.values) if (v >= 0) counts[v]++;
  const kept = Array.from(counts.keys())
    .filter((code) => counts[code] > 0)
    .sort((a, b) => counts[b] - counts[a] || a - b)
    .slice(0, MAX_BINS - 2);
  // Rarer categories share the bin after the kept ones; the missing bin comes last.
  const other = kept.length;
  const slot = new Int32Array(labels).fill(other);
  kept.forEach((code, bin) => (slot[code] = bin));
  return { bins: kept.length + 2, binOf: (v) => (v < 0 ? other + 1 : slot[v]) };
}
