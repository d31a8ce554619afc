import { describe, expect, it } from 'vitest';
import { inferColumn } from '../data/schema';
import { tableFromColumns } from '../data/table';
import { jsonCells, jsonRows } from './json';

describe('jsonRows', () => {
  it('writes a JSON seed back with its own types', () => {
    const columns = {
      id: ['1', '2', '3'],
      ok: ['true', 'false', 'true'],
      price: ['$1,200.50', '$3.00', null],
      tag: ['x', 'x', 'y'],
    };
    const schema = Object.entries(columns).map(([name, values]) => inferColumn(name, values));
    const table = tableFromColumns(Object.keys(columns), [['41', 'C-7', '5'], ['false', 'TRUE', 'yes'], ['$2,000.00', '$0.25', null], ['[1]', 'x', '1']]);
    const rows = JSON.parse(`[${jsonRows(table, jsonCells(schema))}]`);
    expect(rows).toEqual([
      { id: 41, ok: false, price: 2000, tag: '[1]' },
      { id: 'C-7', ok: true, price: 0.25, tag: 'x' },
      { id: 5, ok: 'yes', price: null, tag: '1' },
    ]);
  });

  it('writes notes among the numbers as strings', () => {
    const seed = Array.from({ length: 40 }, (_, i) => (i % 4 ? String(i / 2) : 'unknown'));
    const schema = [inferColumn('level', seed)];
    const table = tableFromColumns(['level'], [['2.5', 'unknown', null]]);
    expect(JSON.parse(`[${jsonRows(table, jsonCells(schema))}]`)).toEqual([{ level: 2.5 }, { level: 'unknown' }, { level: null }]);
  });
});
