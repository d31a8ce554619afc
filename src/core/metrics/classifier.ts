import type { ColumnSchema } from '../data/schema';
import type { Table } from '../data/table';
import { Rng } from '../util/rng';
import { comparable, prepare } from './columns';

/** What a binary classifier learns to predict: `target` equal to `positive`. */
export interface Task {
  target: string;
  positive: string;
}

/** The rarer of the target's two most common values in `table` is the positive class. */
export function binaryTask(table: Table, target: string): Task {
  const counts = new Map<string, number>();
  for (const v of table.columns[table.names.indexOf(target)]) if (v !== null) counts.set(v, (counts.get(v) ?? 0) + 1);
  const top = [...counts.entries()].sort((a, b) => b[1] - a[1]);
  if (top.length < 2) throw new Error(`"${target}" has fewer than two values, so no classifier can be trained on it.`);
  return { target, positive: top[1][0] };
}

const MAX_CATEGORIES = 100;

/**
 * Logistic regression on standardised numbers (with a missing flag each) and one-hot
 * categories, fitted by seeded mini-batch Adam. Features are fitted on the training table.
 * Returns, on `test`, F1 of the positive class (at probability 0.5) and the ROC AUC.
 */
export function trainAndScore(train: Table, test: Table, schema: ColumnSchema[], task: Task, seed = 1): { f1: number; auc: number } {
  const features = comparable(schema).filter((c) => c.name !== task.target);
  const [trainCols, testCols] = prepare(features, [train, test]);
  type Feature = (cols: typeof trainCols, r: number, out: Float64Array, at: number) => void;
  const encoders: { width: number; write: Feature }[] = trainCols.map((col, c) => {
    if (col.kind === 'number') {
      let n = 0;
      let sum = 0;
      let sq = 0;
      for (const v of col.values) {
        if (Number.isNaN(v)) continue;
        n++;
        sum += v;
        sq += v * v;
      }
      const mean = n ? sum / n : 0;
      const std = n ? Math.sqrt(Math.max(sq / n - mean * mean, 0)) || 1 : 1;
      return {
        width: 2,
        write: (cols, r, out, at) => {
          const v = (cols[c].values as Float64Array)[r];
          if (Number.isNaN(v)) out[at + 1] = 1;
          else out[at] = (v - mean) / std;
        },
      };
    }
    const counts = new Map<number, number>();
    for (const v of col.values) if (v >= 0) counts.set(v, (counts.get(v) ?? 0) + 1);
    const kept = [...counts.entries()].sort((a, b) => b[1] - a[1]).slice(0, MAX_CATEGORIES);
    const slot = new Map(kept.map(([code], i) => [code, i]));
    return {
      width: kept.length,
      write: (cols, r, out, at) => {
        const s = slot.get((cols[c].values as Int32Array)[r]);
        if (s !== undefined) out[at + s] = 1;
      },
    };
  });
  const width = encoders.reduce((w, e) => w + e.width, 0) + 1;
  const matrix = (cols: typeof trainCols, rows: number) => {
    const x = new Float64Array(rows * width);
    for (let r = 0; r < rows; r++) {
      let at = r * width;
      x[at++] = 1;
      for (const e of encoders) {
        e.write(cols, r, x, at);
        at += e.width;
      }
    }
    return x;
  };
  const labels = (t: Table) => Uint8Array.from(t.columns[t.names.indexOf(task.target)], (v) => (v === task.positive ? 1 : 0));
  const weights = fitLogistic(matrix(trainCols, train.rowCount), labels(train), width, new Rng(seed));
  const xTest = matrix(testCols, test.rowCount);
  const yTest = labels(test);
  const scores = new Float64Array(test.rowCount);
  let tp = 0;
  let fp = 0;
  let fn = 0;
  for (let r = 0; r < test.rowCount; r++) {
    let z = 0;
    for (let k = 0; k < width; k++) z += weights[k] * xTest[r * width + k];
    scores[r] = z;
    const predicted = z > 0 ? 1 : 0;
    if (predicted && yTest[r]) tp++;
    else if (predicted) fp++;
    else if (yTest[r]) fn++;
  }
  return { f1: tp === 0 ? 0 : (2 * tp) / (2 * tp + fp + fn), auc: rocAuc(scores, yTest) };
}

/**
 * The chance that a random positive scores above a random negative (ties count half), by
 * ranks (Mann–Whitney U). Unlike F1 it needs no threshold, so it tells a classifier's ranking
 * apart from where its cut-off happens to fall. NaN when either class is absent.
 */
export function rocAuc(scores: Float64Array, labels: Uint8Array): number {
  const order = Array.from(scores.keys()).sort((a, b) => scores[a] - scores[b]);
  let positives = 0;
  let rankSum = 0;
  for (let i = 0; i < order.length; ) {
    let j = i;
    while (j < order.length && scores[order[j]] === scores[order[i]]) j++;
    // Rows i..j-1 tie: each takes the mean of ranks i+1..j.
    const tied = order.slice(i, j).filter((r) => labels[r]).length;
    positives += tied;
    rankSum += (tied * (i + 1 + j)) / 2;
    i = j;
  }
  const negatives = order.length - positives;
  return (rankSum - (positives * (positives + 1)) / 2) / (positives * negatives);
}

function fitLogistic(x: Float64Array, y: Uint8Array, width: number, rng: Rng): Float64Array {
  const rows = y.length;
  const w = new Float64Array(width);
  const m = new Float64Array(width);
  const v = new Float64Array(width);
  const grad = new Float64Array(width);
  const order = Int32Array.from({ length: rows }, (_, i) => i);
  const batch = 256;
  const lr = 0.02;
  const l2 = 1e-4;
  let t = 0;
  for (let epoch = 0; epoch < 25; epoch++) {
    rng.shuffle(order);
    for (let start = 0; start < rows; start += batch) {
      grad.fill(0);
      const end = Math.min(rows, start + batch);
      for (let b = start; b < end; b++) {
        const at = order[b] * width;
        let z = 0;
        for (let k = 0; k < width; k++) z += w[k] * x[at + k];
        const err = 1 / (1 + Math.exp(-z)) - y[order[b]];
        for (let k = 0; k < width; k++) grad[k] += err * x[at + k];
      }
      t++;
      for (let k = 0; k < width; k++) {
        const g = grad[k] / (end - start) + l2 * w[k];
        m[k] = 0.9 * m[k] + 0.1 * g;
        v[k] = 0.999 * v[k] + 0.001 * g * g;
        w[k] -= (lr * (m[k] / (1 - 0.9 ** t))) / (Math.sqrt(v[k] / (1 - 0.999 ** t)) + 1e-8);
      }
    }
  }
  return w;
}
