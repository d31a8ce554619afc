import { describe, expect, it } from 'vitest';
import { inferColumn } from '../data/schema';
import { tableFromColumns } from '../data/table';
import { jsonCells, jsonRows } from './json';

const rowsOf = (names: string[], columns: (string | null)[][], seeds: (string | null)[][]) => {
  const schema = names.map((n, i) => inferColumn(n, seeds[i]));
  return JSON.parse(`[${jsonRows(tableFromColumns(names, columns), jsonCells(schema))}]`);
};

describe('jsonRows', () => {
  it('writes a JSON seed back with its own types', () => {
    const rows = rowsOf(
      ['id', 'ok', 'price', 'tag'],
      [['41', 'C-7', '5'], ['false', 'TRUE', 'true'], ['$2,000.00', '$0.25', null], ['[1]', 'x', '1']],
      [['1', '2', '3'], ['true', 'false', 'true'], ['$1,200.50', '$3.00', null], ['x', 'x', 'y']],
    );
    expect(rows).toEqual([
      { id: 41, ok: false, price: 2000, tag: '[1]' },
      { id: 'C-7', ok: true, price: 0.25, tag: 'x' },
      { id: 5, ok: true, price: null, tag: '1' },
    ]);
  });

  it('keeps zero-padded IDs as text, as CSV and Parquet write them', () => {
    const seed = Array.from({ length: 30 }, (_, i) => String(1200 + i).padStart(6, '0'));
    const schema = [inferColumn('Loan #', seed)];
    expect(schema[0].kind).toBe('id');
    const rows = JSON.parse(`[${jsonRows(tableFromColumns(['Loan #'], [['001249', '0', '1250']]), jsonCells(schema))}]`);
    expect(rows).toEqual([{ 'Loan #': '001249' }, { 'Loan #': 0 }, { 'Loan #': 1250 }]);
  });

  it("writes a boolean column's two tokens as true and false, whichever pair the seed uses", () => {
    const pairs = [['yes', 'no'], ['Y', 'N'], ['t', 'f'], ['1', '0'], ['True', 'False']];
    for (const [yes, no] of pairs) {
      const rows = rowsOf(['flag'], [[yes, no, null]], [[yes, no, yes, no]]);
      expect(rows).toEqual([{ flag: true }, { flag: false }, { flag: null }]);
    }
  });

  it('keeps text that is no boolean token as a string', () => {
    const schema = [{ ...inferColumn('flag', ['yes', 'no']) }];
    expect(schema[0].kind).toBe('boolean');
    expect(JSON.parse(`[${jsonRows(tableFromColumns(['flag'], [['yes', 'maybe']]), jsonCells(schema))}]`)).toEqual([{ flag: true }, { flag: 'maybe' }]);
  });

  it('writes notes among the numbers as strings', () => {
    const seed = Array.from({ length: 40 }, (_, i) => (i % 4 ? String(i / 2) : 'unknown'));
    expect(rowsOf(['level'], [['2.5', 'unknown', null]], [seed])).toEqual([{ level: 2.5 }, { level: 'unknown' }, { level: null }]);
  });
});
