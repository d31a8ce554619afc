import { describe, expect, it } from 'vitest';
import type { Layout } from '../transform/transformer';
import { Rng } from '../util/rng';
import { applyScalarMaps, checkScalarMaps, fitScalarMaps, mapThrough, seedKnots } from './scalarMap';

// One number column: its scalar, then two mode slots (a mixture mode and a point mass).
const layout: Layout = {
  width: 3,
  spans: [
    { start: 0, size: 1, activation: 'tanh' },
    { start: 1, size: 2, activation: 'softmax' },
  ],
  conditions: [],
};

function rows(count: number, scalar: (rng: Rng) => number, seed: number): Float32Array {
  const rng = new Rng(seed);
  const out = new Float32Array(count * 3);
  for (let r = 0; r < count; r++) {
    const pointMass = rng.next() < 0.3;
    out[r * 3] = pointMass ? 0 : scalar(rng);
    out[r * 3 + (pointMass ? 2 : 1)] = 1;
  }
  return out;
}

/** Largest gap between the two samples' empirical distributions. */
function ks(a: number[], b: number[]): number {
  const all = [...a, ...b].sort((x, y) => x - y);
  const below = (xs: number[], t: number) => xs.filter((x) => x <= t).length / xs.length;
  return Math.max(...all.filter((_, i) => i % 10 === 0).map((t) => Math.abs(below(a, t) - below(b, t))));
}

const scalarsIn = (data: Float32Array, mode: number) => Array.from({ length: data.length / 3 }, (_, r) => r).filter((r) => data[r * 3 + 1 + mode] === 1).map((r) => data[r * 3]);

describe('scalar maps', () => {
  it("spreads a mode's bunched scalars back over the seed's, keeping their order, and leaves point masses alone", () => {
    const seed = rows(2000, (rng) => rng.next() - 0.5, 1);
    const drawn = rows(20_000, (rng) => 0.2 * rng.normal(), 2);
    const knots = seedKnots(seed, 2000, layout);
    expect(knots[0].to[1]).toBeNull();
    const maps = fitScalarMaps(knots, drawn, 20_000, layout);
    const fresh = rows(5000, (rng) => 0.2 * rng.normal(), 3);
    const before = scalarsIn(fresh, 0);
    applyScalarMaps(maps, fresh, 5000, 3);
    const after = scalarsIn(fresh, 0);
    expect(ks(before, scalarsIn(seed, 0))).toBeGreaterThan(0.15);
    expect(ks(after, scalarsIn(seed, 0))).toBeLessThan(0.03);
    // Rows keep their order within the mode (float32 may turn near neighbours into ties).
    const byBefore = before.map((_, i) => i).sort((i, j) => before[i] - before[j]);
    expect(byBefore.every((r, k) => k === 0 || after[r] >= after[byBefore[k - 1]])).toBe(true);
    expect(scalarsIn(fresh, 1).every((x) => x === 0)).toBe(true);
  });

  it('is increasing through its knots and shifts by the end offsets beyond them', () => {
    const from = [-0.2, 0, 0.1];
    const to = [-0.6, 0, 0.5];
    expect(mapThrough(0.05, from, to)).toBeCloseTo(0.25);
    expect(mapThrough(-0.3, from, to)).toBeCloseTo(-0.7);
    expect(mapThrough(0.3, from, to)).toBeCloseTo(0.7);
    const xs = Array.from({ length: 50 }, (_, i) => -0.5 + i / 50).map((x) => mapThrough(x, from, to));
    expect(xs.every((x, i) => i === 0 || x > xs[i - 1])).toBe(true);
  });

  it('maps no mode from too few seed rows or too few generated ones', () => {
    const seed = rows(50, (rng) => rng.next() - 0.5, 1);
    expect(seedKnots(seed, 50, layout)[0].to).toEqual([null, null]);
    const knots = seedKnots(rows(2000, (rng) => rng.next() - 0.5, 1), 2000, layout);
    expect(fitScalarMaps(knots, rows(100, (rng) => rng.normal(), 2), 100, layout)[0].knots).toEqual([null, null]);
  });

  it("refuses a saved model's maps that do not fit its rows", () => {
    const knots = seedKnots(rows(2000, (rng) => rng.next() - 0.5, 1), 2000, layout);
    const maps = fitScalarMaps(knots, rows(20_000, (rng) => 0.2 * rng.normal(), 2), 20_000, layout);
    expect(checkScalarMaps(JSON.parse(JSON.stringify(maps)), 3)).toEqual(maps);
    const refused = /number spreads do not fit/;
    expect(() => checkScalarMaps([{ ...maps[0], scalar: 2 }], 3)).toThrow(refused);
    expect(() => checkScalarMaps([{ ...maps[0], knots: [{ from: [0, 1], to: [0] }, null] }], 3)).toThrow(refused);
    expect(() => checkScalarMaps([{ ...maps[0], knots: [{ from: [1, 0], to: [0, 1] }, null] }], 3)).toThrow(refused);
    expect(() => checkScalarMaps('maps', 3)).toThrow(refused);
  });
});
