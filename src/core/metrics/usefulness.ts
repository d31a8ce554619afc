import type { ColumnSchema } from '../data/schema';
import type { Table } from '../data/table';
import { Rng } from '../util/rng';
import { featureMatrices } from './bins';
import { fitBoosting, predictBoosting } from './boosting';
import { binaryTask, rocAuc, type Task } from './classifier';
import { comparable } from './columns';

export interface Usefulness {
  target: string;
  positive: string;
  real: { f1: number; auc: number };
  synthetic: { f1: number; auc: number };
}

/**
 * Train on synthetic, test on real (TSTR) with boosted trees: a model predicting `target`
 * trained on the synthetic rows and one trained on the real training rows, both tested on
 * held-out real rows. F1 is of the positive class (the rarer of the two most common values)
 * at probability 0.5; ROC AUC needs no threshold.
 */
export function usefulness(train: Table, synth: Table, holdout: Table, schema: ColumnSchema[], target: string, seed = 5): Usefulness {
  const task = binaryTask(train, target);
  const features = comparable(schema).filter((c) => c.name !== target);
  const score = (learnFrom: Table) => {
    const [x, test] = featureMatrices(features, [learnFrom, holdout]);
    const y = labels(learnFrom, task);
    const model = fitBoosting(x, y, {}, new Rng(seed));
    const p = predictBoosting(model, test);
    const truth = labels(holdout, task);
    return { f1: f1At(p, truth, 0.5), auc: rocAuc(p, truth) };
  };
  return { target, positive: task.positive, real: score(train), synthetic: score(synth) };
}

function labels(table: Table, task: Task): Uint8Array {
  return Uint8Array.from(table.columns[table.names.indexOf(task.target)], (v) => (v === task.positive ? 1 : 0));
}

function f1At(p: Float64Array, truth: Uint8Array, threshold: number): number {
  let [tp, fp, fn] = [0, 0, 0];
  for (let i = 0; i < p.length; i++) {
    const yes = p[i] >= threshold;
    if (yes && truth[i]) tp++;
    else if (yes) fp++;
    else if (truth[i]) fn++;
  }
  return tp === 0 ? 0 : (2 * tp) / (2 * tp + fp + fn);
}
