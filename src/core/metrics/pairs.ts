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
 * Column pair trends: for two numeric columns 1 − |ρ_real − ρ_synth| / 2 (Pearson), for any
 * other pair 1 − TVD of the joint distribution (numbers in 10 equal bins of the real range).
 */
export function pairTrends(real: Table, synth: Table, schema: ColumnSchema[]): { score: number; pairs: PairScore[] } {
  const [r, s] = prepare(schema, [real, synth]);
  const pairs: PairScore[] = [];
  for (let i = 0; i < r.length; i++) {
    for (let j = i + 1; j < r.length; j++) {
      if (r[i].kind === 'number' && r[j].kind === 'number') {
        const [ri, rj, si, sj] = [r[i], r[j], s[i], s[j]].map((c) => c.values as Float64Array);
        const score = 1 - Math.abs(pearson(ri, rj) - pearson(si, sj)) / 2;
        pairs.push({ a: r[i].name, b: r[j].name, metric: 'correlation', score });
      } else {
        const bi = binner(r[i]);
        const bj = binner(r[j]);
        const score = 1 - jointTvd(bi(r[i]), bj(r[j]), bi(s[i]), bj(s[j]));
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

/** Maps a column to small integer cells, fixed by the real column: bins for numbers, codes for categories. */
function binner(real: PreparedColumn): (c: PreparedColumn) => Int32Array {
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
