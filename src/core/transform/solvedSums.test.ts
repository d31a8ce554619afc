import { describe, expect, it } from 'vitest';
import { findRules } from '../data/findRules';
import { countBreaks, describeRule } from '../data/rules';
import { inferSchema } from '../data/schema';
import { tableFromColumns } from '../data/table';
import { Rng } from '../util/rng';
import { TableTransformer } from './transformer';
import { untrainedRows } from './untrained';

const pounds = (x: number) => `£${x.toLocaleString('en-GB', { minimumFractionDigits: 2, maximumFractionDigits: 2 })}`;
const read = (text: string | null) => Number((text ?? 'NaN').replace(/[£,]/g, ''));

describe('a sum whose total falls on a round step its parts do not', () => {
  // Grants: a budget in £500s, spent to the penny, and what remains.
  const rng = new Rng(7);
  const cols: string[][] = [[], [], []];
  for (let r = 0; r < 300; r++) {
    const budget = 500 * (20 + rng.int(2000));
    const spent = Math.round(budget * rng.next() * 100) / 100;
    [budget, spent, Math.round((budget - spent) * 100) / 100].forEach((x, c) => cols[c].push(pounds(x)));
  }
  const table = tableFromColumns(['Total Budget', 'Spent', 'Remaining'], cols);

  it('writes the member the step does not hold from the total, so the sum and the step both hold', () => {
    const schema = inferSchema(table);
    expect(schema[0].numeric?.step).toBe(500);
    const rules = findRules(table, schema, new Rng(1));
    const sum = rules.find((r) => r.kind === 'sum')!;
    expect(describeRule(sum)).toBe('Total Budget = Spent + Remaining');
    const transformer = new TableTransformer(table, schema, 1, { rules });
    const rows = 2_000;
    const { table: out } = transformer.decodeChecked(untrainedRows(transformer.layout.width, rows, 2), rows, new Rng(3));
    expect(out.rowCount).toBeGreaterThan(rows / 4);
    expect(countBreaks(out, schema, sum)).toBe(0);
    expect(out.columns[0].every((x) => read(x) % 500 === 0)).toBe(true);
  });
});
