import type { Rng } from '../util/rng';

/** A slice of the encoded row and the output activation the generator uses for it. */
export interface Span {
  start: number;
  size: number;
  activation: 'tanh' | 'softmax';
}

/** Turns one column into a block of the model's row vector and back. */
export interface ColumnEncoder {
  /** Spans relative to this encoder's block. */
  readonly spans: Span[];
  readonly width: number;
  /** Categorical blocks take part in the conditional vector. */
  readonly discrete: boolean;
  /** Writes `values` into rows of `out` (row stride `stride`) at column `offset`. */
  encode(values: (string | null)[], out: Float32Array, stride: number, offset: number, rng: Rng): void;
  decode(data: Float32Array, stride: number, offset: number, rows: number, rng: Rng): (string | null)[];
}

export function argmax(data: Float32Array, from: number, size: number): number {
  let best = 0;
  for (let j = 1; j < size; j++) if (data[from + j] > data[from + best]) best = j;
  return best;
}
