import { describe, expect, it } from 'vitest';
import { inferSchema } from '../data/schema';
import { tableFromColumns } from '../data/table';
import { Rng } from '../util/rng';
import { TableTransformer } from './transformer';
import { untrainedRows } from './untrained';

describe('blank IDs by category', () => {
  // Grants: a co-investigator missing on most arts grants and few medical ones.
  const rng = new Rng(3);
  const missing: Record<string, number> = { Arts: 0.6, Medicine: 0.07, Engineering: 0.13 };
  const faculties = Object.keys(missing);
  const cols: (string | null)[][] = [[], [], []];
  for (let r = 0; r < 450; r++) {
    const faculty = faculties[rng.int(3)];
    const person = `${['Zoë', 'José', 'Siân', 'Wei', 'Ewan', 'Aoife'][rng.int(6)]} ${['MacLeod', "O'Brien", 'Nguyễn', 'Okafor', 'Åberg', 'Jones', 'Silva'][rng.int(7)]}`;
    [faculty, rng.next() < missing[faculty] ? null : person, String(1000 + rng.int(9000))].forEach((v, c) => cols[c].push(v));
  }
  const table = tableFromColumns(['Faculty', 'Co-Investigator', 'Budget'], cols);

  it("leaves an ID blank in each category's own share, not the column's on every row", () => {
    const schema = inferSchema(table);
    expect(schema[1].kind).toBe('id');
    const transformer = new TableTransformer(table, schema, 1, {});
    const rows = 3_000;
    const out = transformer.decodeChecked(untrainedRows(transformer.layout.width, rows, 2), rows, new Rng(4)).table;
    for (const faculty of faculties) {
      const at = out.columns[0].flatMap((f, r) => (f === faculty ? [r] : []));
      const blank = at.filter((r) => out.columns[1][r] === null).length / at.length;
      expect(blank, faculty).toBeCloseTo(missing[faculty], 1);
    }
  });
});
