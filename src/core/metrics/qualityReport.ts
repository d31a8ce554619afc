import { fewRowsNote } from '../data/limits';
import { describeRuleIn, countBreaks, type Rule } from '../data/rules';
import { isModelled, type ColumnSchema } from '../data/schema';
import { joinTables, selectRows, type Table } from '../data/table';
import { Rng } from '../util/rng';
import { associations, type AssociationMap, type PairAssociation } from './associations';
import { detection, sampleRows } from './detection';
import { columnShapes } from './fidelity';
import { pairTrends, type PairScore } from './pairs';
import { closerToTrainingShare, exactCopyRate, medianClosestDistance, selfCopyRate, singleCopyChance, singletonShares, uniqueCopyRate } from './privacy';
import { extremeShare } from './relations';

import { reportColumns, type ReportColumn } from './reportColumns';
import {
  closerFigure,
  copiesFigure,
  detectionFigure,
  distanceFigure,
  extremesFigure,
  GOOD_LOOKS_LIKE,
  higherIsBetter,
  LINK_MIN_REAL,
  LINK_MIN_ROWS,
  linkLostFigure,
  PRIVACY_KEYS,
  privacyOf,
  rareValuesFigure,
  ruleBreaksFigure,
  SCORE_OK,
  SCORE_WARN,
  scoreFigure,
  usefulnessFigures,
  verdictOf,
  type Figure,
  type Flag,
  type PrivacyVerdict,
  type Verdict,
} from './reportFigures';
import { usefulness } from './usefulness';

/**
 * Columns whose seed holds its minimum or maximum in this many percent of rows or more are left
 * out of the extremes figure: clipping shows on columns whose extremes are rare.
 */
const EXTREMES_MAX_SEED_PERCENT = 5;

/**
 * The report a user hands over: plain data (it crosses to the page and into JSON as is),
 * every figure with its formula's name, a sentence, and a flag.
 */
export interface StudioReport {
  rows: {
    /** Rows the model trained on. */
    training: number;
    /** Real rows the synthetic ones are compared with. */
    compared: number;
    synthetic: number;
    /**
     * 'held-out': rows the model never saw; 'all': every seed row, the held-out ones being too
     * few to read pairs from (privacy still uses them); 'training': the table was too small to hold any back.
     */
    comparedWith: 'held-out' | 'all' | 'training';
    note: string;
  };
  overall: { score: number; formula: string; verdict: Verdict; headline: string; goodLooksLike: string };
  /** Is it safe to share: the privacy figures' verdict, apart from the quality one. */
  privacy: { verdict: PrivacyVerdict; headline: string };
  figures: Figure[];
  columns: ReportColumn[];
  /** The five pairs whose relationship the synthetic rows keep worst, with how strong it is in each table. */
  worstPairs: (PairScore & { flag: Flag; association: Pick<PairAssociation, 'measure' | 'real' | 'synthetic'> })[];
  /** Real and synthetic association of column pairs, for a heatmap. */
  associations: AssociationMap;
  rules: { rule: string; breaks: number; flag: Flag }[];
  /** Columns usefulness can predict: categorical and boolean columns with two values or more. */
  targets: string[];
  usefulness: { target: string; positive: string; figures: Figure[] } | null;
  /** Why the rows should not be shared without a second thought; empty when nothing serious. */
  serious: string[];
}

export interface StudioReportInput {
  /** The rows the model trained on. */
  train: Table;
  /** Rows it never saw; null compares with the training rows (and leaves out what needs unseen rows). */
  holdout: Table | null;
  synth: Table;
  schema: ColumnSchema[];
  rules: Rule[];
  target?: string | null;
  /** Rows sampled per side for detection and distances (both grow with the square of it). */
  maxRows?: number;
  seed?: number;
}

/**
 * Fewest held-out rows that shapes, pair trends and detection are read against. On a 600-row
 * table's 90 held-back rows, a date against a category spreads over 30 cells, and the worst
 * pairs listed were pairs with no link in the seed while a link that halved read OK; below
 * this, they are read against every seed row, and the privacy checks keep the held-back rows.
 */
export const MIN_HELD_OUT_FOR_FIDELITY = 500;

/** The real rows fidelity is read against: the held-out ones when there are enough, else every seed row. */
export function fidelityReference(train: Table, holdout: Table | null): Table {
  if (!holdout) return train;
  if (holdout.rowCount >= MIN_HELD_OUT_FOR_FIDELITY) return holdout;
  return joinTables([train, holdout]);
}

/** Quality and privacy of synthetic rows, against held-out rows when there are enough. */
export function studioReport({ train, holdout, synth, schema, rules, target = null, maxRows = 2000, seed = 17 }: StudioReportInput): StudioReport {
  const rng = new Rng(seed);
  const sample = (t: Table, n: number) => (t.rowCount <= n ? t : selectRows(t, sampleRows(t.rowCount, n, rng)));
  const compared = fidelityReference(train, holdout);
  const comparedWith = !holdout ? 'training' : compared === holdout ? 'held-out' : 'all';
  const s = sample(synth, maxRows);
  const c = sample(compared, maxRows);
  // The privacy checks compare with rows the model never saw.
  const unseen = holdout ? sample(holdout, maxRows) : null;
  const shapes = columnShapes(compared, s, schema);
  const pairs = pairTrends(c, s, schema);
  const associated = associations(c, s, schema);
  const associationOf = new Map(associated.all.map((p) => [`${p.a}\u0000${p.b}`, { measure: p.measure, real: p.real, synthetic: p.synthetic }]));
  const detected = detection(c, s, schema, { maxRows });
  const figures: Figure[] = [scoreFigure('columnShapes', shapes.score), scoreFigure('pairTrends', pairs.score)];
  if (detected) figures.push(detectionFigure(detected.auc, detected.score));
  const parts = [shapes.score, pairs.score, ...(detected ? [detected.score] : [])];
  const score = parts.reduce((a, b) => a + b, 0) / parts.length;

  const copyRate = exactCopyRate(train, synth, schema);
  // Copies are judged against how often real rows repeat: held-out rows repeating training rows,
  // or training rows each other; copies of a row no other training row equals, against held-out
  // rows and the chance that a fresh real row equals such a row (its expected count and twice its spread).
  const held = holdout ? exactCopyRate(train, holdout, schema) : 0;
  const expected = singleCopyChance(train, schema) * synth.rowCount;
  const byChance = expected > 0 ? (expected + 2 * Math.sqrt(expected)) / synth.rowCount : 0;
  const common = uniqueCopyRate(train, synth, schema) <= Math.max(held, byChance);
  figures.push(copiesFigure(copyRate, synth.rowCount, common ? Math.max(held, byChance, selfCopyRate(train, schema)) : held, !common));
  if (unseen) {
    // Equal counts of training and held-out rows, so a model that learned no row scores 50 %.
    const t = sample(train, unseen.rowCount);
    // Each synthetic row's nearest training row against its nearest unseen one: rows less varied
    // than the seed's sit near real rows of both kinds alike, rows learned from training rows near those.
    figures.push(distanceFigure(medianClosestDistance(t, s, schema), medianClosestDistance(unseen, s, schema)));
    figures.push(closerFigure(closerToTrainingShare(t, unseen, s, schema)));
  }
  const rare = worstRareValues(train, holdout, synth, schema);
  if (rare) figures.push(rareValuesFigure(rare.column, rare.synthetic, rare.baseline));
  // Where the seed's extremes are common values (a five-step scale), their shares are the column's shape, read above.
  const extremes = extremeShare(train, synth, schema, EXTREMES_MAX_SEED_PERCENT).worst;
  if (extremes) figures.push(extremesFigure(extremes.column, extremes.points));
  const weakened = associated.all
    .filter((p) => Math.abs(p.real) >= LINK_MIN_REAL && p.rows >= LINK_MIN_ROWS)
    .sort((x, y) => Math.abs(y.real) - Math.abs(y.synthetic) - (Math.abs(x.real) - Math.abs(x.synthetic)))[0];
  if (weakened) figures.push(linkLostFigure(weakened.a, weakened.b, weakened.real, weakened.synthetic));
  const ruleRows = rules.map((rule) => {
    const breaks = countBreaks(synth, schema, rule);
    return { rule: describeRuleIn(rule, schema), breaks, flag: (breaks > 0 ? 'bad' : 'ok') as Flag };
  });
  if (rules.length) figures.push(ruleBreaksFigure(ruleRows.reduce((n, r) => n + r.breaks, 0), rules.length));

  // The quality headline names quality figures; the privacy ones have their own.
  const quality = (flag: Flag) => figures.filter((f) => f.flag === flag && !PRIVACY_KEYS.includes(f.key));
  const report: StudioReport = {
    rows: {
      training: train.rowCount,
      compared: compared.rowCount,
      synthetic: synth.rowCount,
      comparedWith,
      note: [fewRowsNote(train.rowCount + (holdout?.rowCount ?? 0)) ?? '', !holdout
        ? 'Your table is too small to hold rows back, so the synthetic rows are compared with the rows the model trained on: quality looks better than it is, and the distance checks that need unseen rows are left out.'
        : comparedWith === 'held-out'
          ? `Compared with ${compared.rowCount} rows held back from training, which the model never saw.`
          : `Shapes, pair trends and the real-against-synthetic check compare with all ${compared.rowCount} rows of your table: the ${holdout.rowCount} held back from training are too few to read pairs from. The privacy checks use those ${holdout.rowCount}, which the model never saw.`]
        .filter(Boolean)
        .join(' '),
    },
    overall: { score, formula: `mean of ${figures.slice(0, parts.length).map((f) => f.label.toLowerCase()).join(', ')}`, goodLooksLike: GOOD_LOOKS_LIKE, ...verdictOf(score, quality('bad'), quality('warn')) },
    privacy: privacyOf(figures, unseen !== null),
    figures,
    columns: reportColumns(compared, s, schema, shapes.columns),
    worstPairs: [...pairs.pairs]
      .sort((a, b) => a.score - b.score)
      .slice(0, 5)
      .map((p) => ({ ...p, flag: higherIsBetter(p.score, SCORE_OK, SCORE_WARN), association: associationOf.get(`${p.a}\u0000${p.b}`)! })),
    associations: associated.map,
    rules: ruleRows,
    targets: usefulnessTargets(train, schema),
    usefulness: null,
    serious: [],
  };
  const withTarget = target ? withUsefulness(report, { train, holdout, synth, schema, target, maxRows, seed }) : report;
  return { ...withTarget, serious: seriousFindings(withTarget) };
}

/**
 * The report with usefulness for `target` (null removes it): boosted trees trained on as
 * many real training rows as there are synthetic rows, and on the synthetic rows, both
 * tested on the compared rows.
 */
export function withUsefulness(report: StudioReport, input: Omit<StudioReportInput, 'rules'> & { target: string | null }): StudioReport {
  const { train, holdout, synth, schema, target, maxRows = 2000, seed = 17 } = input;
  if (!target) return { ...report, usefulness: null };
  if (!report.targets.includes(target)) throw new Error(`"${target}" cannot be a target: choose a category or yes/no column with two values or more.`);
  const rng = new Rng(seed + 1);
  const s = synth.rowCount <= maxRows ? synth : selectRows(synth, sampleRows(synth.rowCount, maxRows, rng));
  const t = train.rowCount <= s.rowCount ? train : selectRows(train, sampleRows(train.rowCount, s.rowCount, rng));
  const result = usefulness(t, s, holdout ?? train, schema, target, seed);
  return { ...report, usefulness: { target, positive: result.positive, figures: usefulnessFigures(result.real, result.synthetic) } };
}

function usefulnessTargets(train: Table, schema: ColumnSchema[]): string[] {
  return schema
    .filter((c) => isModelled(c) && (c.kind === 'categorical' || c.kind === 'boolean'))
    .filter((c) => new Set(train.columns[train.names.indexOf(c.name)]?.filter((v) => v !== null)).size >= 2)
    .map((c) => c.name);
}

/** The category column whose one-person values the synthetic rows repeat most beyond new real rows. */
function worstRareValues(train: Table, holdout: Table | null, synth: Table, schema: ColumnSchema[]): { column: string; synthetic: number; baseline: number | null } | null {
  const synthetic = singletonShares(train, synth, schema);
  const baseline = holdout ? singletonShares(train, holdout, schema) : null;
  let worst: { column: string; synthetic: number; baseline: number | null } | null = null;
  for (const [column, share] of synthetic) {
    const base = baseline ? (baseline.get(column) ?? 0) : null;
    if (!worst || share - (base ?? 0) > worst.synthetic - (worst.baseline ?? 0)) worst = { column, synthetic: share, baseline: base };
  }
  return worst;
}

/** What should stop a user before they share the rows: copies, broken rules, rows a machine tells apart. */
export function seriousFindings(report: StudioReport): string[] {
  const out: string[] = [];
  const figure = (key: Figure['key']) => report.figures.find((f) => f.key === key);
  const copies = figure('exactCopies');
  if (copies?.flag === 'bad') out.push(`${copies.text} are exact copies of training rows.`);
  for (const r of report.rules) if (r.breaks > 0) out.push(`${r.breaks} rows break the rule ${r.rule}.`);
  const rare = figure('rareValues');
  if (rare?.flag === 'bad') out.push(`${rare.text} carry a value only one of your rows has, which can point at one person: exclude that column or mark it as an ID.`);
  // A link the rows have all but lost is usually one column worked out from another (a price from a rate by level) that no rule keeps.
  const link = figure('linkLost');
  if (link?.flag === 'bad') out.push(`A strong link is mostly lost (${link.text}): where one of these columns is worked out from the other in your data, add that rule in the Rules panel.`);
  const detected = figure('detection');
  if (detected?.flag === 'bad') out.push(`A classifier tells synthetic rows from real ones almost every time (detection ${detected.value.toFixed(2)}).`);
  return out;
}
