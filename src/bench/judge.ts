import { findRules } from '../core/data/findRules';
import { countBreaks, describeRule, type Rule } from '../core/data/rules';
import type { ColumnSchema } from '../core/data/schema';
import type { Table } from '../core/data/table';
import { detection } from '../core/metrics/detection';
import { columnShapes } from '../core/metrics/fidelity';
import { pairTrends } from '../core/metrics/pairs';
import { exactCopyRate } from '../core/metrics/privacy';
import { categoryMeanError, extremeShare, fixedCategoryMeanError, rareCategoryMeanError, shuffledBaseline, type FixedSample } from '../core/metrics/relations';
import { usefulness, type Usefulness } from '../core/metrics/usefulness';
import { Rng } from '../core/util/rng';

/** What an independent judge says of synthetic rows, against the training rows and a held-out slice. */
export interface Judgement {
  shapes: { train: number; holdout: number };
  /** Pair trends on the real bins (train, holdout, shuffled), and on SDMetrics' own-range bins. */
  pairs: { train: number; holdout: number; shuffled: number; sdmetrics: number; sdmetricsShuffled: number };
  detection: { auc: number; score: number } | null;
  usefulness: Usefulness | null;
  /** Mean error of per-category means, in real standard deviations. */
  categoryMeans: number;
  /** The same for categories under 5 % of the rows, unweighted, on `many` where given (see rareCategoryMeanError); null when none. */
  rareMeans: number | null;
  /** The same for rows generated with each category fixed in turn (see fixedCategoryMeanError); null when not drawn. */
  fixedMeans: number | null;
  /** Share of synthetic rows breaking each rule the training rows obey. */
  ruleBreaks: { rule: string; share: number }[];
  /** Worst excess of rows on a seed's exact minimum or maximum, in percentage points (on `many` rows where given). */
  extremes: { column: string; points: number } | null;
  exactCopies: number;
}

/**
 * `synth` has as many rows as `train`; `fixed`, where given, rows drawn with each category fixed. `many`, where given, is a larger draw from the same model
 * for the rows at the seed's extremes: a seed's minimum held by 5.6 % of 320 rows reads ±1.3
 * points from one 320-row draw to the next, so that draw alone cannot tell +1 point from 0.
 */
export function judge(train: Table, holdout: Table, synth: Table, schema: ColumnSchema[], target?: string, many?: Table, fixed?: FixedSample[]): Judgement {
  const rules: Rule[] = findRules(train, schema, new Rng(1));
  const shuffled = shuffledBaseline(train, new Rng(3));
  const found = detection(train, synth, schema);
  const extreme = extremeShare(train, many ?? synth, schema).worst;
  return {
    shapes: { train: columnShapes(train, synth, schema).score, holdout: columnShapes(holdout, synth, schema).score },
    // Numbers in mixed pairs cut by the real table's bins, for the synthetic rows and the shuffled
    // baseline alike: SDMetrics' own-range bins (`sdmetrics`) favour the baseline, whose columns
    // keep the real extremes exactly, and move with any synthetic extreme (docs/metrics.md).
    pairs: {
      train: pairTrends(train, synth, schema, 'real').score,
      holdout: pairTrends(holdout, synth, schema, 'real').score,
      shuffled: pairTrends(train, shuffled, schema, 'real').score,
      sdmetrics: pairTrends(train, synth, schema).score,
      sdmetricsShuffled: pairTrends(train, shuffled, schema).score,
    },
    detection: found && { auc: found.auc, score: found.score },
    usefulness: target ? usefulness(train, synth, holdout, schema, target) : null,
    categoryMeans: categoryMeanError(train, synth, schema).error,
    rareMeans: rareCategoryMeanError(train, many ?? synth, schema),
    fixedMeans: fixed ? fixedCategoryMeanError(train, fixed, schema) : null,
    ruleBreaks: rules.map((rule) => ({ rule: describeRule(rule), share: countBreaks(synth, schema, rule) / synth.rowCount })),
    extremes: extreme && { column: extreme.column, points: extreme.points },
    exactCopies: exactCopyRate(train, synth, schema),
  };
}
