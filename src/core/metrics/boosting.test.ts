import { describe, expect, it } from 'vitest';
import type { ColumnSchema } from '../data/schema';
import { tableFromColumns, type Table } from '../data/table';
import { Rng } from '../util/rng';
import { featureMatrices, MAX_BINS } from './bins';
import { fitBoosting, predictBoosting } from './boosting';
import { rocAuc, trainAndScore } from './classifier';

const numeric = (name: string): ColumnSchema => ({ name, kind: 'numeric', include: true, missingShare: 0, distinct: 0 });
const categorical = (name: string): ColumnSchema => ({ name, kind: 'categorical', include: true, missingShare: 0, distinct: 0 });

/** Rows of uniform x1, x2 in [−1, 1] and a noise column; y = 1 where x1 and x2 have different signs. */
function xor(rows: number, seed: number): Table {
  const rng = new Rng(seed);
  const cols: string[][] = [[], [], [], []];
  for (let r = 0; r < rows; r++) {
    const x1 = 2 * rng.next() - 1;
    const x2 = 2 * rng.next() - 1;
    cols[0].push(x1.toFixed(4));
    cols[1].push(x2.toFixed(4));
    cols[2].push(rng.normal().toFixed(4));
    cols[3].push(x1 > 0 !== x2 > 0 ? 'yes' : 'no');
  }
  return tableFromColumns(['x1', 'x2', 'noise', 'y'], cols);
}

const labels = (t: Table, name: string, positive: string) => Uint8Array.from(t.columns[t.names.indexOf(name)], (v) => (v === positive ? 1 : 0));

describe('binning', () => {
  it('shares bins across tables: each of few distinct values its own bin, missing last', () => {
    const [a, b] = featureMatrices([numeric('n')], [tableFromColumns(['n'], [['1', '2', '3', null]]), tableFromColumns(['n'], [['5', '2', '8']])]);
    // Pooled distinct values 1, 2, 3, 5, 8: bins 0–4, missing bin 5.
    expect(a.features[0].bins).toBe(6);
    expect([...a.bins]).toEqual([0, 1, 2, 5]);
    expect([...b.bins]).toEqual([3, 1, 4]);
  });

  it('cuts many values at quantiles, and keeps the most frequent categories', () => {
    // 1000 values 1…1000 in 63 bins: bin i ends at the ⌈1000 i / 63⌉-th value, so the first holds 1–16.
    const values = Array.from({ length: 1000 }, (_, i) => String(i + 1));
    const [x] = featureMatrices([numeric('n')], [tableFromColumns(['n'], [values])]);
    expect(x.features[0].bins).toBe(MAX_BINS);
    expect([x.bins[15], x.bins[16], x.bins[31], x.bins[32], x.bins[999]]).toEqual([0, 1, 1, 2, 62]);
    // 70 categories, category k written k + 1 times: the 62 most frequent are k = 69 … 8, the rest share bin 62.
    const cells = Array.from({ length: 70 }, (_, k) => Array<string>(k + 1).fill(`c${k}`)).flat();
    const [c] = featureMatrices([categorical('c')], [tableFromColumns(['c'], [[...cells, null]])]);
    const binOf = (label: string) => c.bins[cells.indexOf(label)];
    expect([binOf('c69'), binOf('c8'), binOf('c7'), binOf('c0'), c.bins[cells.length]]).toEqual([0, 61, 62, 62, 63]);
  });
});

describe('gradient-boosted trees', () => {
  const schema = [numeric('x1'), numeric('x2'), numeric('noise')];

  it('learns XOR, which logistic regression cannot', () => {
    const train = xor(2000, 1);
    const test = xor(1000, 2);
    const [xTrain, xTest] = featureMatrices(schema, [train, test]);
    const model = fitBoosting(xTrain, labels(train, 'y', 'yes'), {}, new Rng(3));
    expect(rocAuc(predictBoosting(model, xTest), labels(test, 'y', 'yes'))).toBeGreaterThan(0.95);
    const linear = trainAndScore(train, test, [...schema, categorical('y')], { target: 'y', positive: 'yes' });
    expect(linear.auc).toBeLessThan(0.65);
  });

  it('gives each leaf −rate · G / (H + l2) of the rows that reach it', () => {
    // One round from the base log-odds: every row has the same p, so g = p − y and h = p(1 − p).
    // Depth 2 makes the second level use histograms found by subtraction from the first.
    const train = xor(600, 10);
    const [x] = featureMatrices(schema, [train]);
    const y = labels(train, 'y', 'yes');
    const options = { rounds: 1, maxDepth: 2, subsample: 1, learningRate: 0.5, l2: 3 };
    const model = fitBoosting(x, y, options, new Rng(11));
    const p0 = y.reduce((s, v) => s + v, 0) / y.length;
    const leaves = new Map<number, number[]>();
    predictBoosting(model, x).forEach((p, r) => leaves.set(p, [...(leaves.get(p) ?? []), r]));
    expect(leaves.size).toBe(4);
    for (const [p, rows] of leaves) {
      const g = rows.reduce((s, r) => s + p0 - y[r], 0);
      const value = (-options.learningRate * g) / (rows.length * p0 * (1 - p0) + options.l2);
      expect(Math.log(p / (1 - p)) - model.base).toBeCloseTo(value, 9);
    }
  });

  it('puts a threshold on the one feature that decides', () => {
    const rng = new Rng(4);
    const cols: string[][] = [[], []];
    for (let r = 0; r < 3000; r++) {
      cols[0].push(rng.normal().toFixed(3));
      cols[1].push((rng.next() * 10).toFixed(3));
    }
    const table = tableFromColumns(['noise', 'x'], cols);
    const y = Uint8Array.from(cols[1], (v) => (Number(v) > 3 ? 1 : 0));
    const [x] = featureMatrices([numeric('noise'), numeric('x')], [table]);
    const model = fitBoosting(x, y, {}, new Rng(5));
    expect(model.trees[0][0].feature).toBe(1);
    const p = predictBoosting(model, x);
    // Quantile bins are about 10/63 wide, so only rows in the bin holding 3 can be misplaced.
    const wrong = y.filter((label, r) => (p[r] > 0.5 ? 1 : 0) !== label).length;
    expect(wrong / y.length).toBeLessThan(0.01);
  });

  it('splits categories into any two sets with one split', () => {
    // Categories a–h, y = 1 for b, d and f: not a run of codes, yet one stump must separate them.
    const cells = Array.from({ length: 800 }, (_, i) => 'abcdefgh'[i % 8]);
    const y = Uint8Array.from(cells, (c) => ('bdf'.includes(c) ? 1 : 0));
    const [x] = featureMatrices([categorical('c')], [tableFromColumns(['c'], [cells])]);
    const model = fitBoosting(x, y, { rounds: 1, maxDepth: 1, subsample: 1 }, new Rng(6));
    expect(rocAuc(predictBoosting(model, x), y)).toBe(1);
  });

  it('learns from missing values', () => {
    const rng = new Rng(7);
    const cells = Array.from({ length: 1000 }, () => (rng.next() < 0.3 ? null : rng.normal().toFixed(3)));
    const y = Uint8Array.from(cells, (v) => (v === null ? 1 : 0));
    const [x] = featureMatrices([numeric('n')], [tableFromColumns(['n'], [cells])]);
    expect(rocAuc(predictBoosting(fitBoosting(x, y, {}, new Rng(8)), x), y)).toBe(1);
  });

  it('is deterministic for a seed, and the seed drives row sampling', () => {
    const train = xor(500, 9);
    const [x] = featureMatrices(schema, [train]);
    const y = labels(train, 'y', 'yes');
    const fit = (seed: number) => [...predictBoosting(fitBoosting(x, y, { rounds: 20 }, new Rng(seed)), x)];
    expect(fit(1)).toEqual(fit(1));
    expect(fit(1)).not.toEqual(fit(2));
  });
});
