import type { ColumnSchema } from '../data/schema';
import type { Table } from '../data/table';
import { distributionOf, type Distribution } from './distribution';
import type { ColumnScore } from './fidelity';
import { higherIsBetter, SCORE_OK, SCORE_WARN, type Flag } from './reportFigures';

/** One column of the report: its score, and real against synthetic values to draw. */
export interface ReportColumn extends ColumnScore {
  flag: Flag;
  /** Share of cells with no value, which the distribution leaves out for numbers and dates. */
  missing: { real: number; synthetic: number };
  distribution: Distribution;
}

/** The report's columns, in the order of `scores`: real rows are `compared`, drawn over their own range or top categories. */
export function reportColumns(compared: Table, synth: Table, schema: ColumnSchema[], scores: ColumnScore[]): ReportColumn[] {
  return scores.map((score) => {
    const column = schema.find((c) => c.name === score.name)!;
    const real = compared.columns[compared.names.indexOf(score.name)];
    const fake = synth.columns[synth.names.indexOf(score.name)];
    return {
      ...score,
      flag: higherIsBetter(score.score, SCORE_OK, SCORE_WARN),
      missing: { real: missingShare(real), synthetic: missingShare(fake) },
      distribution: distributionOf(column, real, fake),
    };
  });
}

export function missingShare(values: (string | null)[]): number {
  let missing = 0;
  for (const v of values) if (v === null) missing++;
  return values.length ? missing / values.length : 0;
}
