import * as tf from '@tensorflow/tfjs';

/** Each query row's nearest reference row: its index and Euclidean distance. */
export interface Nearest {
  index: Int32Array;
  distance: Float32Array;
}

/** Candidates kept per query from the float32 search, whose exact distances are then compared. */
const CANDIDATES = 4;

/**
 * The nearest row of `reference` [nr × dim] to each row of `query` [nq × dim] (row-major), by
 * Euclidean distance. Squared distances come from |q|² + |r|² − 2 q·rᵀ on the backend, `batch`
 * query rows at a time ([batch × nr] at most in memory), one await per batch; the best few
 * candidates are then measured exactly in float64 here, so an exact copy is at distance 0
 * rather than float32's rounding of a difference of large norms. The tensors are created and
 * disposed here.
 */
export async function nearestNeighbours(query: Float32Array, reference: Float32Array, dim: number, batch = 256): Promise<Nearest> {
  const nq = query.length / dim;
  const nr = reference.length / dim;
  const index = new Int32Array(nq);
  const distance = new Float32Array(nq);
  if (nq === 0) return { index, distance };
  if (nr === 0) throw new Error('Nearest neighbours need at least one reference row.');
  const k = Math.min(CANDIDATES, nr);
  // The reference transposed once, [dim, nr]: WASM's product with a transposed operand is ten times slower.
  const [refT, refNorms] = tf.tidy(() => {
    const ref = tf.tensor2d(reference, [nr, dim]);
    return [tf.transpose(ref), tf.reshape(tf.sum(tf.square(ref), 1), [1, nr])];
  });
  try {
    for (let start = 0; start < nq; start += batch) {
      const b = Math.min(batch, nq - start);
      const candidates = tf.tidy(() => {
        const q = tf.tensor2d(query.subarray(start * dim, (start + b) * dim), [b, dim]);
        const qNorms = tf.sum(tf.square(q), 1, true);
        const squared = tf.sub(tf.add(qNorms, refNorms), tf.mul(tf.matMul(q, refT), 2));
        return tf.topk(tf.neg(squared), k).indices;
      });
      const found = (await candidates.data()) as Int32Array;
      candidates.dispose();
      for (let i = 0; i < b; i++) {
        let best = Infinity;
        let bestIndex = -1;
        for (let c = 0; c < k; c++) {
          const j = found[i * k + c];
          const d = exactDistance(query, start + i, reference, j, dim);
          if (d < best || (d === best && j < bestIndex)) [best, bestIndex] = [d, j];
        }
        index[start + i] = bestIndex;
        distance[start + i] = best;
      }
    }
  } finally {
    tf.dispose([refT, refNorms]);
  }
  return { index, distance };
}

/** Euclidean distance between row `i` of `a` and row `j` of `b`, summed in float64. */
export function exactDistance(a: Float32Array, i: number, b: Float32Array, j: number, dim: number): number {
  let sum = 0;
  const ai = i * dim;
  const bj = j * dim;
  for (let k = 0; k < dim; k++) {
    const diff = a[ai + k] - b[bj + k];
    sum += diff * diff;
  }
  return Math.sqrt(sum);
}
