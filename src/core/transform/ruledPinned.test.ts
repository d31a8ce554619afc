import { describe, expect, it } from 'vitest';
import { findRules } from '../data/findRules';
import { countBreaks, describeRule } from '../data/rules';
import { inferSchema } from '../data/schema';
import { tableFromColumns } from '../data/table';
import { Rng } from '../util/rng';
import { TableTransformer } from './transformer';
import { untrainedRows } from './untrained';

describe('a sum whose total is 0 exactly on some values of a category', () => {
  it('writes a member so the total is 0 there: a paid invoice\'s balance, and the paid share kept', () => {
    const rng = new Rng(21);
    const cols: string[][] = [[], [], [], [], [], []];
    for (let r = 0; r < 800; r++) {
      const status = rng.next() < 0.8 ? 'Paid' : rng.next() < 0.6 ? 'Partial' : 'Unpaid';
      const [rent, service] = [300 + rng.int(900), [35, 60, 95][rng.int(3)]];
      const paid = status === 'Paid' ? rent + service : status === 'Partial' ? Math.round((rent + service) * (0.3 + 0.6 * rng.next())) : 0;
      [status, rent.toFixed(2), service.toFixed(2), paid.toFixed(2), (rent + service - paid).toFixed(2), (rent + service).toFixed(2)].forEach((v, k) => cols[k].push(v));
    }
    const table = tableFromColumns(['Status', 'Rent', 'Service', 'Paid', 'Balance', 'Due'], cols);
    const schema = inferSchema(table);
    const rules = findRules(table, schema, new Rng(1));
    const texts = rules.map(describeRule);
    expect(texts).toContain('Balance is 0 exactly when Status is Paid');
    const transformer = new TableTransformer(table, schema, 1, { rules });
    const decoded = transformer.decodeChecked(untrainedRows(transformer.layout.width, 4_000, 3), 4_000, new Rng(4)).table;
    for (const r of rules) expect(countBreaks(decoded, schema, r), describeRule(r)).toBe(0);
    const paid = decoded.columns[0].filter((s) => s === 'Paid').length / decoded.rowCount;
    expect(paid).toBeGreaterThan(0.2);
  });
});
