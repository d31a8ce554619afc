import type { ColumnSchema } from '../data/schema';
import type { Table } from '../data/table';
import { extent, prepare, type PreparedColumn } from './columns';

export interface PairScore {
  a: string;
  b: string;
  metric: 'correlation' | 'contingency';
  score: number;
}

const BINS = 10;

/**
 * How numbers in mixed pairs are binned: 'own' cuts each table by its own range (SDMetrics'
 * definition, what the report and the bench show); 'real' cuts both by the real table's, a
 * steadier signal for choosing the epoch (on Adult's long-tailed `fnlwgt`, two samples of the
 * same rows differ by ±0.005 rather than ±0.02 on 1,000 rows).
 */
export type PairBins = 'own' | 'real';

/**
 * Column pair trends, as SDMetrics' quality report defines them (docs/metrics.md, "Agreement
 * with SDMetrics"): for two numeric columns 1 − |ρ_real − ρ_synth| / 2 (Pearson), for any
 * other pair 1 − TVD of the joint distribution, numbers cut into 10 equal bins of each
 * table's own range. A synthetic column that is constant scores ρ = 0 (SDMetrics leaves
 * the pair out, which would hide a collapsed column).
 */
export function pairTrends(real: Table, synth: Table, schema: ColumnSchema[], bins: PairBins = 'own'): { score: number; pairs: PairScore[] } {
  const [r, s] = prepare(schema, [real, synth]);
  // 'real': both tables cut by the real column's bins, so one extreme synthetic value moves no bin.
  const rc = r.map((c) => (bins === 'real' ? realBinner(c)(c) : cellsOf(c)));
  const sc = s.map((c, i) => (bins === 'real' ? realBinner(r[i])(c) : cellsOf(c)));
  const pairs: PairScore[] = [];
  for (let i = 0; i < r.length; i++) {
    for (let j = i + 1; j < r.length; j++) {
      if (r[i].kind === 'number' && r[j].kind === 'number') {
        const [ri, rj, si, sj] = [r[i], r[j], s[i], s[j]].map((c) => c.values as Float64Array);
        const score = 1 - Math.abs(pearson(ri, rj) - pearson(si, sj)) / 2;
        pairs.push({ a: r[i].name, b: r[j].name, metric: 'correlation', score });
      } else {
        const score = 1 - jointTvd(rc[i], rc[j], sc[i], sc[j]);
        pairs.push({ a: r[i].name, b: r[j].name, metric: 'contingency', score });
      }
    }
  }
  return { score: pairs.length ? pairs.reduce((t, p) => t + p.score, 0) / pairs.length : 1, pairs };
}

/** Pearson correlation over rows where both values are present; 0 when either is constant. */
export function pearson(x: Float64Array, y: Float64Array): number {
  let n = 0;
  let sx = 0;
  let sy = 0;
  for (let k = 0; k < x.length; k++) {
    if (Number.isNaN(x[k]) || Number.isNaN(y[k])) continue;
    n++;
    sx += x[k];
    sy += y[k];
  }
  const mx = sx / n;
  const my = sy / n;
  let cxy = 0;
  let cxx = 0;
  let cyy = 0;
  for (let k = 0; k < x.length; k++) {
    if (Number.isNaN(x[k]) || Number.isNaN(y[k])) continue;
    cxy += (x[k] - mx) * (y[k] - my);
    cxx += (x[k] - mx) ** 2;
    cyy += (y[k] - my) ** 2;
  }
  return cxx > 0 && cyy > 0 ? cxy / Math.sqrt(cxx * cyy) : 0;
}

/**
 * A column as small integer cells for a contingency table, 0 for missing: category codes, or
 * numbers cut by this column's own 10 equal bins. The bins are SDMetrics' (`np.histogram_bin_edges`
 * then `np.digitize`): edge k is `k · step + min`, the last edge is the maximum, and a value
 * falls after every edge it reaches, so the maximum gets a cell of its own.
 */
function cellsOf(c: PreparedColumn): Int32Array {
  if (c.kind === 'code') return Int32Array.from(c.values, (v) => v + 1);
  let [lo, hi] = extent(c.values);
  if (lo > hi) return new Int32Array(c.values.length);
  if (lo === hi) [lo, hi] = [lo - 0.5, hi + 0.5];
  const step = (hi - lo) / BINS;
  const edges = Float64Array.from({ length: BINS + 1 }, (_, k) => (k === BINS ? hi : k * step + lo));
  return Int32Array.from(c.values, (v) => {
    if (Number.isNaN(v)) return 0;
    let cell = 0;
    while (cell <= BINS && edges[cell] <= v) cell++;
    return cell;
  });
}

/** Cells fixed by the real column: codes, or 10 equal bins of its range with values beyond it in the end bins. */
function realBinner(real: PreparedColumn): (c: PreparedColumn) => Int32Array {
  if (real.kind === 'code') return (c) => Int32Array.from(c.values as Int32Array, (v) => v + 1);
  const [lo, hi] = extent(real.values);
  const width = (hi - lo) / BINS || 1;
  return (c) => Int32Array.from(c.values as Float64Array, (v) => (Number.isNaN(v) ? 0 : 1 + Math.max(0, Math.min(BINS - 1, Math.floor((v - lo) / width)))));
}

function jointTvd(ra: Int32Array, rb: Int32Array, sa: Int32Array, sb: Int32Array): number {
  const shares = new Map<number, number>();
  const add = (a: Int32Array, b: Int32Array, sign: number) => {
    for (let k = 0; k < a.length; k++) {
      const key = a[k] * 1_000_003 + b[k];
      shares.set(key, (shares.get(key) ?? 0) + sign / a.length);
    }
  };
  add(ra, rb, 1);
  add(sa, sb, -1);
  let sum = 0;
  for (const d of shares.values()) sum += Math.abs(d);
  return sum / 2;
}
