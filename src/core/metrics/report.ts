import type { ColumnSchema } from '../data/schema';
import { selectRows, type Table } from '../data/table';
import { Rng } from '../util/rng';
import { binaryTask, trainAndScore } from './classifier';
import { detection, type DetectionResult } from './detection';
import { columnShapes } from './fidelity';
import { pairTrends } from './pairs';
import { exactCopyRate, medianClosestDistance } from './privacy';

export interface QualityReport {
  columnShapes: number;
  pairTrends: number;
  /** Train-on-real and train-on-synthetic F1 and ROC AUC, all tested on the held-out rows. */
  efficacy: { target: string; positive: string; realF1: number; synthF1: number; ratio: number; realAuc: number; synthAuc: number } | null;
  /**
   * Boosted trees told synthetic from held-out rows (score 1: not at all); null when too few
   * rows. Optional so reports saved before it existed still read.
   */
  detection?: DetectionResult | null;
  exactCopies: number;
  /** Median distance to the closest training row: synthetic rows, and held-out rows for scale. */
  dcr: { synthetic: number; holdout: number };
}

export interface ReportInput {
  train: Table;
  holdout: Table;
  synth: Table;
  schema: ColumnSchema[];
  /** The column a classifier predicts for ML efficacy; none skips it. */
  target?: string;
  /** Rows sampled for the distance to closest record (it is quadratic). */
  dcrRows?: number;
}

/** Quality and privacy of synthetic rows against a held-out sample the model never saw. */
export function qualityReport({ train, holdout, synth, schema, target, dcrRows = 1000 }: ReportInput): QualityReport {
  let efficacy: QualityReport['efficacy'] = null;
  if (target) {
    const task = binaryTask(train, target);
    const real = trainAndScore(train, holdout, schema, task);
    const fake = trainAndScore(synth, holdout, schema, task);
    efficacy = { target, positive: task.positive, realF1: real.f1, synthF1: fake.f1, ratio: real.f1 > 0 ? fake.f1 / real.f1 : 0, realAuc: real.auc, synthAuc: fake.auc };
  }
  const rng = new Rng(9);
  const sample = (t: Table) => (t.rowCount <= dcrRows ? t : selectRows(t, Array.from({ length: dcrRows }, () => rng.int(t.rowCount))));
  return {
    columnShapes: columnShapes(holdout, synth, schema).score,
    pairTrends: pairTrends(holdout, synth, schema).score,
    efficacy,
    detection: detection(holdout, synth, schema),
    exactCopies: exactCopyRate(train, synth, schema),
    dcr: { synthetic: medianClosestDistance(train, sample(synth), schema), holdout: medianClosestDistance(train, sample(holdout), schema) },
  };
}
