import type { ColumnSchema } from '../data/schema';
import { selectRows, type Table } from '../data/table';
import { Rng } from '../util/rng';
import { featureMatrices, stackRows, takeRows } from './bins';
import { fitBoosting, predictBoosting, type BoostingOptions } from './boosting';
import { rocAuc } from './classifier';
import { comparable } from './columns';

export interface DetectionResult {
  /** Mean held-out ROC AUC over the folds of a classifier telling synthetic rows from real ones. */
  auc: number;
  /** 1 − (2 · max(auc, 0.5) − 1): 1 when the rows cannot be told apart, 0 when every row can. */
  score: number;
  /** Rows drawn from each table. */
  rows: number;
}

export interface DetectionOptions {
  /** Rows drawn from each table at most (the smaller table caps it too). */
  maxRows: number;
  folds: number;
  seed: number;
  boosting: Partial<BoostingOptions>;
}

const DEFAULTS: DetectionOptions = { maxRows: 5000, folds: 5, seed: 11, boosting: {} };

/**
 * Detection (as SDMetrics' detection metrics): real rows are labelled 0 and synthetic rows 1,
 * equally many of each (the larger table sampled down), and boosted trees are cross-validated
 * on telling them apart. Trees find what a logistic regression misses: a joint the generator
 * got wrong while every marginal and correlation looks right. Only modelled columns present in
 * both tables are used, so IDs and constants cannot give the synthetic rows away.
 * Null when there are too few rows for the folds or no column to compare.
 */
export function detection(real: Table, synth: Table, schema: ColumnSchema[], options: Partial<DetectionOptions> = {}): DetectionResult | null {
  const o = { ...DEFAULTS, ...options };
  const columns = comparable(schema).filter((c) => real.names.includes(c.name) && synth.names.includes(c.name));
  const n = Math.min(real.rowCount, synth.rowCount, o.maxRows);
  if (columns.length === 0 || n < o.folds * 2) return null;
  const rng = new Rng(o.seed);
  // Shuffled samples: fold k takes every folds-th row of each, so each fold is half real.
  const [a, b] = featureMatrices(columns, [selectRows(real, sampleRows(real.rowCount, n, rng)), selectRows(synth, sampleRows(synth.rowCount, n, rng))]);
  const x = stackRows(a, b);
  const y = new Uint8Array(2 * n).fill(1, n);
  let aucSum = 0;
  for (let fold = 0; fold < o.folds; fold++) {
    const train: number[] = [];
    const test: number[] = [];
    for (let r = 0; r < 2 * n; r++) ((r % n) % o.folds === fold ? test : train).push(r);
    const model = fitBoosting(takeRows(x, train), Uint8Array.from(train, (r) => y[r]), o.boosting, rng);
    aucSum += rocAuc(predictBoosting(model, takeRows(x, test)), Uint8Array.from(test, (r) => y[r]));
  }
  const auc = aucSum / o.folds;
  return { auc, score: 1 - (2 * Math.max(auc, 0.5) - 1), rows: n };
}

/** `n` distinct row indices out of `rows`, in random order (a partial Fisher–Yates shuffle). */
export function sampleRows(rows: number, n: number, rng: Rng): Int32Array {
  const all = Int32Array.from({ length: rows }, (_, i) => i);
  for (let i = 0; i < n; i++) {
    const j = i + rng.int(rows - i);
    [all[i], all[j]] = [all[j], all[i]];
  }
  return all.subarray(0, n);
}
