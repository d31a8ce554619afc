// The thresholds and plain-language sentences of the quality report: one place, so the app,
// the HTML file and docs/report.md say the same thing.

export type Flag = 'ok' | 'warn' | 'bad';

export type FigureKey =
  | 'columnShapes'
  | 'pairTrends'
  | 'detection'
  | 'exactCopies'
  | 'closestDistance'
  | 'closerToTraining'
  | 'rareValues'
  | 'extremes'
  | 'linkLost'
  | 'ruleBreaks'
  | 'f1Kept'
  | 'aucGap';

/** One number of the report, with what it means and whether it is a worry. */
export interface Figure {
  key: FigureKey;
  label: string;
  value: number;
  /** The value as the reader sees it ("92 %", "3 of 500 rows"). */
  text: string;
  /** The formula's name, for whoever checks the number. */
  formula: string;
  /** One sentence a non-expert can read. */
  explanation: string;
  /** What a good value is, with the thresholds behind `flag`. */
  good: string;
  flag: Flag;
  /** The column the figure is about, where it is one (the column whose one-person values come back). */
  column?: string;
}

export type Verdict = 'Good' | 'Fair' | 'Poor';

// Scores where 1 is a perfect match: ok at or above the first, warn at or above the second.
export const SCORE_OK = 0.85;
export const SCORE_WARN = 0.7;
// The mean of column shapes, pair trends and the detection score.
export const VERDICT_GOOD = 0.8;
export const VERDICT_FAIR = 0.6;
export const DETECTION_OK = 0.5;
/** Below this detection score a classifier tells almost every synthetic row from a real one. */
export const DETECTION_BAD = 0.1;
export const DISTANCE_RATIO_OK = 0.8;
export const DISTANCE_RATIO_WARN = 0.5;
export const CLOSER_OK = 0.6;
export const CLOSER_WARN = 0.7;
export const RARE_EXCESS_OK = 0.005;
export const RARE_EXCESS_WARN = 0.02;
export const EXTREME_OK = 2;
export const EXTREME_WARN = 10;
export const LINK_LOST_OK = 0.1;
export const LINK_LOST_WARN = 0.25;
/** Links weaker than this in your data are not read for 'linkLost': what they lose is mostly noise. */
export const LINK_MIN_REAL = 0.3;
/** Nor from fewer real rows holding both values than this: a link on a dozen rows is mostly chance. */
export const LINK_MIN_ROWS = 30;
export const F1_KEPT_OK = 0.8;
export const F1_KEPT_WARN = 0.5;
export const AUC_GAP_OK = 0.05;
export const AUC_GAP_WARN = 0.15;

export function higherIsBetter(value: number, ok: number, warn: number): Flag {
  return value >= ok ? 'ok' : value >= warn ? 'warn' : 'bad';
}

export function lowerIsBetter(value: number, ok: number, warn: number): Flag {
  return value <= ok ? 'ok' : value <= warn ? 'warn' : 'bad';
}

export const percent = (x: number, digits = 1) => `${(100 * x).toFixed(digits)} %`;

/** Figures named in a headline with what they read: "strongest link weakened (Total and Delivery: 0.58 in your data, …)". */
const named = (figures: Pick<Figure, 'label' | 'text'>[]) => figures.map((f) => `${f.label.toLowerCase()}${f.text ? ` (${f.text})` : ''}`).join('; ');

/**
 * The verdict on the overall score; `problems` (figures flagged poor) keep a good score from
 * reading Good, as a user who reads only the headline would otherwise miss them.
 */
export function verdictOf(score: number, problems: Pick<Figure, 'label' | 'text'>[] = [], warnings: Pick<Figure, 'label' | 'text'>[] = []): { verdict: Verdict; headline: string } {
  if (score >= VERDICT_GOOD && problems.length) {
    return { verdict: 'Fair', headline: `Fair: hard to tell from your data on the whole, but poor on ${named(problems)}` };
  }
  if (score >= VERDICT_GOOD && warnings.length) return { verdict: 'Good', headline: `Good: hard to tell from your data on the whole; check ${named(warnings)}` };
  if (score >= VERDICT_GOOD) return { verdict: 'Good', headline: 'Good: hard to tell from your data' };
  if (score >= VERDICT_FAIR && problems.length) return { verdict: 'Fair', headline: `Fair: like your data on the whole, but poor on ${named(problems)}` };
  if (score >= VERDICT_FAIR) return { verdict: 'Fair', headline: 'Fair: like your data, with differences a close look finds' };
  return { verdict: 'Poor', headline: 'Poor: easy to tell from your data' };
}

/** The figures that say whether the rows give real people away, apart from how like the data they are. */
export const PRIVACY_KEYS: readonly Figure['key'][] = ['exactCopies', 'closestDistance', 'closerToTraining', 'rareValues'];

export type PrivacyVerdict = 'Safe' | 'Check' | 'Unsafe';

/**
 * Whether the rows are safe to share, by the privacy figures alone: unsafe where one is poor,
 * to check where one warns or the table was too small to compare with rows the model never saw.
 */
export function privacyOf(figures: Figure[], unseen: boolean): { verdict: PrivacyVerdict; headline: string } {
  const privacy = figures.filter((f) => PRIVACY_KEYS.includes(f.key));
  const flagged = (flag: Flag) => privacy.filter((f) => f.flag === flag);
  const advice = (list: Figure[]) => [...new Set(list.map((f) => PRIVACY_ADVICE[f.key]?.(f) ?? ''))].filter(Boolean).join(' ');
  if (flagged('bad').length) return { verdict: 'Unsafe', headline: `Not safe to share as they are: poor on ${named(flagged('bad'))}. ${advice(flagged('bad'))}`.trim() };
  if (flagged('warn').length) return { verdict: 'Check', headline: `Check before you share: ${named(flagged('warn'))} needs a look. ${advice(flagged('warn'))}`.trim() };
  if (!unseen) return { verdict: 'Check', headline: 'Check before you share: your table was too small to hold rows back, so the rows could not be compared with real rows the model never saw' };
  return { verdict: 'Safe', headline: 'Safe to share by these checks: no copies of your rows, and no nearer to them than to real rows the model never saw' };
}

/** What to do about a privacy figure that is not ok. */
const PRIVACY_ADVICE: Partial<Record<FigureKey, (f: Figure) => string>> = {
  exactCopies: () => 'Train for fewer epochs, or drop the copied rows, and check again.',
  closestDistance: () => 'Train for fewer epochs (the rows may follow the training rows too closely), and check again.',
  closerToTraining: () => 'Train for fewer epochs (the rows may follow the training rows too closely), and check again.',
  rareValues: (f) => `Mark ${f.column ?? 'that column'} as an ID, or leave it out, before training.`,
};

export const GOOD_LOOKS_LIKE =
  // Written as the score is shown (0.817), not as a percentage.
  `An overall score of ${VERDICT_GOOD.toFixed(2)} or more, no exact copies of your rows, synthetic rows no closer to the training rows than to real rows the model never saw, ` +
  'about half of them closer to the training rows than to the held-out ones, and no broken rules.';

export function scoreFigure(key: 'columnShapes' | 'pairTrends', value: number): Figure {
  const good = `1 is a perfect match; ok from ${SCORE_OK}, a warning from ${SCORE_WARN}, poor below.`;
  if (key === 'columnShapes') {
    return {
      key, label: 'Column shapes', value, text: value.toFixed(3), good, flag: higherIsBetter(value, SCORE_OK, SCORE_WARN),
      formula: 'mean over columns of 1 − KS (numbers, dates) or 1 − TVD (categories)',
      explanation: 'How closely each column on its own has the same spread of values as your data.',
    };
  }
  return {
    key, label: 'Pair trends', value, text: value.toFixed(3), good, flag: higherIsBetter(value, SCORE_OK, SCORE_WARN),
    formula: 'mean over column pairs of 1 − |ρ real − ρ synthetic| / 2 (two numbers) or 1 − TVD of the joint table',
    explanation: 'How well values that go together in your data still go together (age with income, city with country).',
  };
}

export function detectionFigure(auc: number, score: number): Figure {
  return {
    key: 'detection', label: 'Detection', value: score, text: `${score.toFixed(3)} (AUC ${auc.toFixed(3)})`,
    flag: score < DETECTION_BAD ? 'bad' : score < DETECTION_OK ? 'warn' : 'ok',
    formula: '1 − (2 · max(AUC, 0.5) − 1), AUC of boosted trees telling synthetic from real rows, 5-fold',
    explanation: 'How hard a machine finds it to tell a synthetic row from a real one: 1 is impossible, 0 is always.',
    good: `1 is best; ok from ${DETECTION_OK}, a warning from ${DETECTION_BAD}, serious below ${DETECTION_BAD}.`,
  };
}

/**
 * `baseline`: the share of held-out rows that are copies of training rows (data that repeats
 * itself), if known; `ofSingles`: whether the copies are of rows your data holds once, more
 * often than held-out rows copy such rows (then no repeating of your own rows excuses them).
 */
export function copiesFigure(rate: number, rows: number, baseline: number, ofSingles = false): Figure {
  const copies = Math.round(rate * rows);
  const innocent = copies > 0 && rate <= baseline;
  return {
    key: 'exactCopies', label: 'Exact copies', value: rate, text: `${copies} of ${rows} rows (${percent(rate)})`,
    flag: copies === 0 ? 'ok' : innocent ? 'warn' : 'bad',
    formula: 'share of synthetic rows equal to some training row on every compared column',
    explanation:
      'Synthetic rows that are word for word a row of your data, which could give a real person away' +
      (innocent
        ? `; your own rows repeat each other as often (${percent(baseline)}), so these may be common rows.`
        : copies > 0 && ofSingles
          ? '; these copy rows your data holds only once, so however often other rows repeat, they could give one person away.'
          : '.'),
    good: '0 is expected; any copy beyond the rate at which your own rows repeat each other is serious.',
  };
}

/** `training` and `unseen`: the median distance of synthetic rows to their closest training row, and to their closest held-out row. */
export function distanceFigure(training: number, unseen: number): Figure {
  const ratio = unseen > 0 ? training / unseen : training > 0 ? Infinity : 1;
  return {
    key: 'closestDistance', label: 'Distance to closest record', value: ratio,
    text: `${training.toFixed(3)} to training rows vs ${unseen.toFixed(3)} to rows the model never saw (ratio ${ratio.toFixed(2)})`,
    flag: higherIsBetter(ratio, DISTANCE_RATIO_OK, DISTANCE_RATIO_WARN),
    formula: 'median Gower distance synthetic → closest training row, over synthetic → closest held-out row (as many of each)',
    explanation: 'How near the synthetic rows come to the rows the model learned from, next to how near they come to as many real rows it never saw.',
    good: `A ratio near 1 or more; ok from ${DISTANCE_RATIO_OK}, a warning from ${DISTANCE_RATIO_WARN}, poor below (rows hug your training rows).`,
  };
}

export function closerFigure(share: number): Figure {
  return {
    key: 'closerToTraining', label: 'Closer to training rows', value: share, text: percent(share),
    flag: lowerIsBetter(share, CLOSER_OK, CLOSER_WARN),
    formula: 'share of synthetic rows nearer (Gower) to a training row than to a held-out row, equal counts of each, ties half',
    explanation: 'If the model learned the population and not your rows, half the synthetic rows sit nearer the training rows and half nearer rows it never saw.',
    good: `50 % is ideal; ok up to ${percent(CLOSER_OK, 0)}, a warning up to ${percent(CLOSER_WARN, 0)}, poor above (memorised rows).`,
  };
}

/** `synthetic` and `baseline`: shares of synthetic and of held-out rows carrying a value only one training row has in `column`. */
export function rareValuesFigure(column: string, synthetic: number, baseline: number | null): Figure {
  const excess = synthetic - (baseline ?? 0);
  return {
    key: 'rareValues', label: 'One-person values repeated', value: excess,
    // A share of 0 names no column: no column repeats such a value.
    text: (synthetic === 0 ? 'none' : `${percent(synthetic)} of rows (${column})`) + (baseline === null ? '' : `, against ${percent(baseline)} of new real rows`),
    flag: lowerIsBetter(excess, RARE_EXCESS_OK, RARE_EXCESS_WARN),
    formula: 'max over category columns of the share of synthetic rows whose value exactly one training row has, less that share among held-out rows',
    explanation:
      'A value only one of your rows has (a name, an account or a rare code) can point at one real person; synthetic rows should repeat such values no more often than new real rows do. ' +
      'Where a column of names or codes does, exclude it or mark it as an ID before training.',
    good: `Near 0; ok up to ${percent(RARE_EXCESS_OK)} more than new real rows, a warning up to ${percent(RARE_EXCESS_WARN)}, poor above.`,
    ...(synthetic > 0 && { column }),
  };
}

export function extremesFigure(column: string, points: number): Figure {
  return {
    key: 'extremes',
    label: 'Rows on the exact extremes',
    value: points,
    text: `${Math.abs(points).toFixed(1)} percentage points ${points < 0 ? 'fewer' : 'more'} rows on them than your data has (${column})`,
    flag: lowerIsBetter(points, EXTREME_OK, EXTREME_WARN),
    formula: 'max over number columns of synthetic − real share of rows written as the seed’s minimum or maximum, in percentage points',
    explanation: 'Rows piled on the smallest or largest value of your data, which clipping causes and which repeats those real values.',
    good: `Near 0; ok up to ${EXTREME_OK} points, a warning up to ${EXTREME_WARN}, poor above.`,
  };
}

/** The pair whose association the synthetic rows weaken most, of those 0.3 or stronger in your data. */
export function linkLostFigure(a: string, b: string, real: number, synthetic: number): Figure {
  const lost = Math.abs(real) - Math.abs(synthetic);
  return {
    key: 'linkLost',
    label: 'Strongest link weakened',
    value: lost,
    text: `${a} and ${b}: ${Math.abs(real).toFixed(2)} in your data, ${Math.abs(synthetic).toFixed(2)} in the synthetic rows`,
    flag: lowerIsBetter(lost, LINK_LOST_OK, LINK_LOST_WARN),
    formula: `max over pairs associated by ${LINK_MIN_REAL} or more in your data of |association in your data| − |association in the synthetic rows| (correlation, Cramér’s V or correlation ratio, as in the map)`,
    explanation: 'How much weaker the relationship the synthetic rows keep worst has become: prices by room type pulled toward the middle, say.',
    good: `Near 0; ok up to ${LINK_LOST_OK}, a warning up to ${LINK_LOST_WARN}, poor above.`,
  };
}

export function ruleBreaksFigure(breaks: number, rules: number): Figure {
  return {
    key: 'ruleBreaks', label: 'Broken rules', value: breaks,
    text: breaks === 0 ? `no row breaks ${rules === 1 ? 'the rule kept' : `any of the ${rules} rules kept`}` : `${breaks} row${breaks === 1 ? '' : 's'} break${breaks === 1 ? 's' : ''} ${rules === 1 ? 'the rule kept' : `the ${rules} rules kept`}`,
    flag: breaks > 0 ? 'bad' : 'ok',
    formula: 'count over accepted rules of synthetic rows that break it',
    explanation:
      'Rows that break a rule every row of your data obeys (an end before its start, a total that does not add up), of the rules in the Rules panel. A rule your table has that the panel does not list is not checked: add it there to have it kept.',
    good: '0 is expected: generated rows that break a rule are dropped.',
  };
}

export function usefulnessFigures(real: { f1: number; auc: number }, synthetic: { f1: number; auc: number }): Figure[] {
  const kept = real.f1 > 0 ? synthetic.f1 / real.f1 : synthetic.f1 > 0 ? 1 : 0;
  const gap = real.auc - synthetic.auc;
  return [
    {
      key: 'f1Kept', label: 'Prediction quality kept (F1)', value: kept, text: `${percent(kept, 0)} (F1 ${synthetic.f1.toFixed(3)} vs ${real.f1.toFixed(3)})`,
      flag: higherIsBetter(kept, F1_KEPT_OK, F1_KEPT_WARN),
      formula: 'F1 train-on-synthetic ÷ F1 train-on-real, boosted trees, tested on held-out rows',
      explanation: 'How well a model trained on the synthetic rows predicts the target, next to one trained on your rows.',
      good: `100 % is ideal; ok from ${percent(F1_KEPT_OK, 0)}, a warning from ${percent(F1_KEPT_WARN, 0)}, poor below.`,
    },
    {
      key: 'aucGap', label: 'Ranking quality lost (ROC AUC)', value: gap, text: `${gap.toFixed(3)} (AUC ${synthetic.auc.toFixed(3)} vs ${real.auc.toFixed(3)})`,
      flag: lowerIsBetter(gap, AUC_GAP_OK, AUC_GAP_WARN),
      formula: 'ROC AUC train-on-real − ROC AUC train-on-synthetic, tested on held-out rows',
      explanation: 'How much worse the synthetic-trained model ranks likely against unlikely cases.',
      good: `0 or less is ideal; ok up to ${AUC_GAP_OK}, a warning up to ${AUC_GAP_WARN}, poor above.`,
    },
  ];
}
