import { tableFromColumns, type Table } from '../data/table';
import { DEFAULT_CONFIG, type ModelConfig } from '../model/config';
import { Rng } from '../util/rng';

// Shared by the training tests: a model and a table small enough to train in well under a second.

export const TINY_CONFIG: ModelConfig = { ...DEFAULT_CONFIG, embeddingDim: 8, generatorDims: [16], discriminatorDims: [16], batchSize: 40, pac: 4, seed: 7 };

/** A number whose mode follows a two-valued category: `x` near 10 where `c` is a, near 50 where it is b. */
export function twoModeTable(rows: number): Table {
  const rng = new Rng(3);
  const x: string[] = [];
  const c: string[] = [];
  for (let i = 0; i < rows; i++) {
    const a = rng.next() < 0.5;
    c.push(a ? 'a' : 'b');
    x.push((a ? 10 + rng.normal() : 50 + 5 * rng.normal()).toFixed(1));
  }
  return tableFromColumns(['x', 'c'], [x, c]);
}
