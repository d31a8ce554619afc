import { Rng } from '../util/rng';

/**
 * What an untrained generator gives: every scalar anywhere in [-1, 1], every mode and category
 * at random. Decoding it is the hardest test of a rule kept by construction: no row is near the seed.
 */
export function untrainedRows(width: number, rows: number, seed: number): Float32Array {
  const rng = new Rng(seed);
  return Float32Array.from({ length: width * rows }, () => rng.next() * 2 - 1);
}
