import { describe, expect, it } from 'vitest';
import type { ColumnSchema } from '../data/schema';
import { tableFromColumns, type Table } from '../data/table';
import { Rng } from '../util/rng';
import { rocAuc } from './classifier';
import { detection } from './detection';

const schema: ColumnSchema[] = [
  { name: 'id', kind: 'id', include: true, missingShare: 0, distinct: 0 },
  { name: 'a', kind: 'numeric', include: true, missingShare: 0, distinct: 0 },
  { name: 'b', kind: 'numeric', include: true, missingShare: 0, distinct: 0 },
  { name: 'c', kind: 'categorical', include: true, missingShare: 0, distinct: 0 },
];

/** Correlated a and b, a category that depends on a; `shift` moves b by that many standard deviations. */
function draw(rows: number, seed: number, shift = 0, firstId = 0): Table {
  const rng = new Rng(seed);
  const cols: string[][] = [[], [], [], []];
  for (let r = 0; r < rows; r++) {
    const a = rng.normal();
    cols[0].push(String(firstId + r));
    cols[1].push(a.toFixed(3));
    cols[2].push((0.8 * a + 0.6 * rng.normal() + shift).toFixed(3));
    cols[3].push(a + rng.normal() > 0 ? 'up' : 'down');
  }
  return tableFromColumns(['id', 'a', 'b', 'c'], cols);
}

describe('detection', () => {
  it('computes the AUC of a known ranking', () => {
    // Positives score 2 and 4, negatives 1 and 3: of the four pairs only (2, 3) is misordered.
    expect(rocAuc(Float64Array.from([1, 2, 3, 4]), Uint8Array.from([0, 1, 0, 1]))).toBe(0.75);
  });

  it('cannot tell a fresh draw of the same distribution from the real rows, IDs aside', () => {
    // The synthetic IDs never overlap the real ones: were IDs used, every row would give itself away.
    const result = detection(draw(1500, 1), draw(1500, 2, 0, 1_000_000), schema)!;
    expect(result.rows).toBe(1500);
    expect(result.auc).toBeLessThan(0.56);
    expect(result.score).toBeGreaterThan(0.88);
  });

  it('tells rows apart when one column is shifted', () => {
    const result = detection(draw(1500, 1), draw(1500, 2, 3), schema)!;
    expect(result.auc).toBeGreaterThan(0.97);
    expect(result.score).toBeLessThan(0.06);
  });

  it('samples the larger table down, is repeatable, and needs rows for every fold', () => {
    const real = draw(300, 3);
    const synth = draw(900, 4, 0.5);
    const once = detection(real, synth, schema, { seed: 5 })!;
    expect(once.rows).toBe(300);
    expect(detection(real, synth, schema, { seed: 5 })).toEqual(once);
    expect(once.score).toBeCloseTo(1 - (2 * Math.max(once.auc, 0.5) - 1), 12);
    expect(detection(draw(9, 6), synth, schema)).toBeNull();
  });
});
