import { describe, expect, it } from 'vitest';
import { inferSchema } from '../data/schema';
import { tableFromColumns, type Table } from '../data/table';
import { Rng } from '../util/rng';
import { binaryTask, rocAuc, trainAndScore } from './classifier';
import { pairTrends, pearson } from './pairs';
import { exactCopyRate, medianClosestDistance } from './privacy';
import { qualityReport } from './report';

const t = (names: string[], rows: (string | null)[][]): Table => tableFromColumns(names, names.map((_, c) => rows.map((r) => r[c])));

describe('pair trends', () => {
  it('computes Pearson correlation by hand-checked values', () => {
    expect(pearson(Float64Array.from([1, 2, 3]), Float64Array.from([2, 4, 6]))).toBeCloseTo(1);
    expect(pearson(Float64Array.from([1, 2, 3]), Float64Array.from([3, 2, 1]))).toBeCloseTo(-1);
    expect(pearson(Float64Array.from([1, 2, NaN, 3]), Float64Array.from([1, 3, 9, 2]))).toBeCloseTo(0.5);
  });

  it('scores correlation similarity and contingency similarity', () => {
    const real = t(['x', 'y', 'c'], [['1.5', '2.5', 'a'], ['2.5', '4.5', 'a'], ['3.5', '6.5', 'b'], ['4.5', '8.5', 'b']]);
    // x–y correlation flips from +1 to −1: 1 − 2/2 = 0. The c pairs: real cells (low,a)…;
    const synth = t(['x', 'y', 'c'], [['1.5', '8.5', 'a'], ['2.5', '6.5', 'a'], ['3.5', '4.5', 'b'], ['4.5', '2.5', 'b']]);
    const report = pairTrends(real, synth, inferSchema(real));
    const xy = report.pairs.find((p) => p.a === 'x' && p.b === 'y')!;
    expect(xy.metric).toBe('correlation');
    expect(xy.score).toBeCloseTo(0);
    // x and c keep their joint cells exactly; y and c swap every cell: TVD 1.
    expect(report.pairs.find((p) => p.a === 'x' && p.b === 'c')!.score).toBeCloseTo(1);
    expect(report.pairs.find((p) => p.a === 'y' && p.b === 'c')!.score).toBeCloseTo(0);
    expect(report.score).toBeCloseTo(1 / 3);
  });
});

describe('privacy', () => {
  const real = t(['n', 'c'], [['0.5', 'a'], ['10.5', 'b'], [null, 'a']]);
  const schema = inferSchema(real);

  it('counts exact copies', () => {
    const synth = t(['n', 'c'], [['0.5', 'a'], ['0.5', 'b'], [null, 'a'], ['3.5', 'a']]);
    expect(exactCopyRate(real, synth, schema)).toBeCloseTo(2 / 4);
  });

  it('measures Gower distance to the closest record', () => {
    // Range of n is 10. (3.0, a) is 2.5/10/2 = 0.125 from (0.5, a); (5.5, b) is 0.25 from (10.5, b); (null, b) is 0.5 away.
    const query = t(['n', 'c'], [['3.0', 'a'], ['5.5', 'b'], [null, 'b']]);
    expect(medianClosestDistance(real, query, schema)).toBeCloseTo(0.25);
  });
});

describe('efficacy', () => {
  function income(rows: number, seed: number, noise: number): Table {
    const rng = new Rng(seed);
    const out: (string | null)[][] = [];
    for (let i = 0; i < rows; i++) {
      const hours = 20 + rng.next() * 40;
      const degree = rng.next() < 0.4 ? 'yes' : 'no';
      const score = (hours - 40) / 10 + (degree === 'yes' ? 1.5 : -0.5) + noise * rng.normal();
      out.push([hours.toFixed(3), degree, score > 1 ? 'high' : 'low']);
    }
    return t(['hours', 'degree', 'income'], out);
  }

  it('learns a separable target and fails on a shuffled one', () => {
    const train = income(2000, 1, 0.1);
    const test = income(500, 2, 0.1);
    const schema = inferSchema(train);
    const task = binaryTask(train, 'income');
    expect(task.positive).toBe('high');
    const fitted = trainAndScore(train, test, schema, task);
    expect(fitted.f1).toBeGreaterThan(0.9);
    expect(fitted.auc).toBeGreaterThan(0.95);
    const shuffled = t(['hours', 'degree', 'income'], train.columns[0].map((h, r) => [h, train.columns[1][r], train.columns[2][(r * 7919) % 2000]]));
    const guessed = trainAndScore(shuffled, test, schema, task);
    expect(guessed.f1).toBeLessThan(0.6);
    expect(guessed.auc).toBeLessThan(0.65);
  });

  it('computes ROC AUC by ranks, ties counting half', () => {
    // Positives score 0.9 and 0.4; negatives 0.4, 0.2, 0.1. Of the 6 pairs, 0.9 beats all 3,
    // 0.4 beats 2 and ties 1: (3 + 2.5) / 6.
    const auc = rocAuc(Float64Array.from([0.9, 0.4, 0.4, 0.2, 0.1]), Uint8Array.from([1, 1, 0, 0, 0]));
    expect(auc).toBeCloseTo(5.5 / 6);
    expect(rocAuc(Float64Array.from([3, 2, 1]), Uint8Array.from([0, 0, 1]))).toBe(0);
  });

  it('reports a perfect copy as perfect quality and zero distance', () => {
    const train = income(600, 3, 0.1);
    const report = qualityReport({ train, holdout: income(300, 4, 0.1), synth: train, schema: inferSchema(train), target: 'income' });
    expect(report.exactCopies).toBe(1);
    expect(report.dcr.synthetic).toBe(0);
    expect(report.dcr.holdout).toBeGreaterThan(0);
    expect(report.efficacy!.ratio).toBeCloseTo(1, 1);
    expect(report.efficacy!.synthAuc).toBeCloseTo(report.efficacy!.realAuc, 2);
    expect(report.columnShapes).toBeGreaterThan(0.85);
    // Training rows against fresh held-out rows of the same distribution: hard to tell apart.
    expect(report.detection!.rows).toBe(300);
    expect(report.detection!.score).toBeGreaterThan(0.8);
  });
});
