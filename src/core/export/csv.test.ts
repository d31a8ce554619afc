import { describe, expect, it } from 'vitest';
import { parseDelimitedText } from '../data/parse';
import { tableFromColumns } from '../data/table';
import { toCsv } from './csv';

describe('toCsv', () => {
  it('quotes what needs quoting and defuses formulas but not negative numbers', () => {
    const table = tableFromColumns(['a', 'b'], [['=SUM(A1)', '-3.5', 'x,y'], ['@cmd', 'say "hi"', null]]);
    const text = toCsv(table);
    expect(text).toBe('a,b\n\'=SUM(A1),\'@cmd\n-3.5,"say ""hi"""\n"x,y",\n');
    expect(parseDelimitedText(text).columns[0]).toEqual(["'=SUM(A1)", '-3.5', 'x,y']);
  });

  it('leaves styled negative numbers and a lone dash as they are', () => {
    expect(toCsv(tableFromColumns(['a'], [['-$1,234.50', '-12%', '-', '-cmd']]))).toBe('a\n"-$1,234.50"\n-12%\n-\n\'-cmd\n');
  });

  it('defuses every character a spreadsheet starts a formula with', () => {
    expect(toCsv(tableFromColumns(['a'], [['+cmd', '\tcmd', '\rcmd', '+1', 'a=b']]))).toBe('a\n\'+cmd\n\'\tcmd\n"\'\rcmd"\n+1\na=b\n');
  });
});
