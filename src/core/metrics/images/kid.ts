import { Rng } from '../../util/rng';
import { sampleRows } from '../detection';

/** Kernel inception distance with its spread over subsets. */
export interface KidResult {
  /** Mean over subsets of the unbiased MMD² estimate. */
  mean: number;
  /** Standard deviation of the subsets' estimates. */
  std: number;
  subsets: number;
  /** Images drawn from each side per subset. */
  subsetSize: number;
}

export interface KidOptions {
  subsets: number;
  /**
   * Images per side per subset at most. Half the smaller side caps it too, so both sides are
   * redrawn every subset and `std` shows how far the estimate moves with the images drawn
   * (with all of one side in every subset, its own sampling noise would be hidden).
   */
  subsetSize: number;
  seed: number;
}

const DEFAULTS: KidOptions = { subsets: 50, subsetSize: 1000, seed: 5 };

/**
 * Kernel inception distance (Bińkowski et al. 2018) between features `x` [nx × d] and `y`
 * [ny × d], row-major: the unbiased estimate of the squared maximum mean discrepancy under
 * the polynomial kernel k(a, b) = (aᵀb / d + 1)³, averaged over random subsets of m images a
 * side (as many as Bińkowski et al.'s 1000 where there are twice that). Unbiased, so two samples of one distribution score 0 on average (a single estimate
 * can be below 0). The kernel matrices are computed once, so subsets only add up their entries.
 */
export function kernelInceptionDistance(x: Float32Array, y: Float32Array, d: number, options: Partial<KidOptions> = {}): KidResult {
  const o = { ...DEFAULTS, ...options };
  const nx = x.length / d;
  const ny = y.length / d;
  const m = Math.min(o.subsetSize, Math.floor(Math.min(nx, ny) / 2));
  if (m < 2) return { mean: NaN, std: NaN, subsets: 0, subsetSize: m };
  const kxx = kernelMatrix(x, x, d);
  const kyy = kernelMatrix(y, y, d);
  const kxy = kernelMatrix(x, y, d);
  const rng = new Rng(o.seed);
  const estimates = new Float64Array(o.subsets);
  for (let s = 0; s < o.subsets; s++) {
    const a = sampleRows(nx, m, rng);
    const b = sampleRows(ny, m, rng);
    estimates[s] = offDiagonalMean(kxx, nx, a) + offDiagonalMean(kyy, ny, b) - 2 * crossMean(kxy, ny, a, b);
  }
  const mean = estimates.reduce((t, v) => t + v, 0) / o.subsets;
  const variance = estimates.reduce((t, v) => t + (v - mean) ** 2, 0) / o.subsets;
  return { mean, std: Math.sqrt(variance), subsets: o.subsets, subsetSize: m };
}

/** k(a_i, b_j) for every row of `a` and `b` [n × d]: an [na × nb] matrix, row-major. */
export function kernelMatrix(a: Float32Array, b: Float32Array, d: number): Float32Array {
  const na = a.length / d;
  const nb = b.length / d;
  const out = new Float32Array(na * nb);
  const same = a === b;
  for (let i = 0; i < na; i++) {
    const ai = i * d;
    // The matrix of a set with itself is symmetric: fill the upper half and mirror it.
    for (let j = same ? i : 0; j < nb; j++) {
      const bj = j * d;
      let dot = 0;
      for (let k = 0; k < d; k++) dot += a[ai + k] * b[bj + k];
      const v = (dot / d + 1) ** 3;
      out[i * nb + j] = v;
      if (same) out[j * nb + i] = v;
    }
  }
  return out;
}

/** Mean of k over the ordered pairs of distinct members of `rows` (the unbiased within-set term). */
function offDiagonalMean(k: Float32Array, n: number, rows: Int32Array): number {
  const m = rows.length;
  let sum = 0;
  for (let i = 0; i < m; i++) {
    const at = rows[i] * n;
    for (let j = 0; j < m; j++) if (j !== i) sum += k[at + rows[j]];
  }
  return sum / (m * (m - 1));
}

function crossMean(k: Float32Array, ny: number, a: Int32Array, b: Int32Array): number {
  let sum = 0;
  for (let i = 0; i < a.length; i++) {
    const at = a[i] * ny;
    for (let j = 0; j < b.length; j++) sum += k[at + b[j]];
  }
  return sum / (a.length * b.length);
}
