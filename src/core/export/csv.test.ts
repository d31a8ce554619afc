import { describe, expect, it } from 'vitest';
import { parseDelimitedText } from '../data/parse';
import { tableFromColumns } from '../data/table';
import { toCsv } from './csv';
import { createWriter } from './writer';

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

  it("writes in the seed's delimiter, quoting cells that hold it", () => {
    const seed = parseDelimitedText('Betrag;Region\n12,50;Nord\n3,10;"Süd; Ost"\n');
    expect(seed.delimiter).toBe(';');
    const text = toCsv({ ...seed, columns: [['7,25', '1,00'], ['Süd; Ost', 'a,b']] });
    expect(text).toBe('Betrag;Region\n7,25;"Süd; Ost"\n1,00;a,b\n');
    expect(parseDelimitedText(text).columns[1]).toEqual(['Süd; Ost', 'a,b']);
    expect(toCsv({ ...parseDelimitedText('a\tb\n1\tx y\n2\tz\n') })).toBe('a\tb\n1\tx y\n2\tz\n');
    expect(parseDelimitedText('a,b\n1,2\n3,4\n').delimiter).toBeUndefined();
  });

  it("writes missing cells in the seed's spellings at the seed's shares, across chunks", () => {
    // 3 blank cells and 5 `none` in the seed, mixed so that neither spelling comes first by position.
    const seed = parseDelimitedText('n,note\n1,\n2,none\n3,none\n4,\n5,none\n6,x\n7,none\n8,\n9,none\n');
    expect(seed.missingSpellings?.[1]).toEqual([
      ['none', 5],
      ['', 3],
    ]);
    expect(seed.missingSpellings?.[0]).toEqual([]);
    const writer = createWriter('csv', []);
    const chunk = (rows: number) => ({ ...seed, columns: [Array<string>(rows).fill('1'), Array<null>(rows).fill(null)], rowCount: rows });
    const text = [...writer.add(chunk(500)), ...writer.add(chunk(300)), ...writer.add(chunk(1))].join('');
    const notes = parseDelimitedText(text).columns[1];
    expect(notes).toHaveLength(801);
    const blanks = notes.filter((v) => v === null).length;
    // parse reads both spellings as missing, so count the words in the text itself.
    const words = text.split('\n').filter((line) => line.endsWith(',none')).length;
    expect(blanks).toBe(801);
    expect(words / 801).toBeCloseTo(5 / 8, 2);
    expect(text.split('\n').filter((line) => line === '1,').length).toBe(801 - words);
  });

  it('starts with the byte-order mark only when asked, and only once', () => {
    const table = tableFromColumns(['Matériel'], [['é', 'à']]);
    const marked = createWriter('csv', [], { bom: true });
    const text = [...marked.add(table), ...marked.add(table)].join('');
    expect(text).toBe('\uFEFFMatériel\né\nà\né\nà\n');
    expect(parseDelimitedText(text).names).toEqual(['Matériel']);
    expect(createWriter('csv', []).add(table).join('').startsWith('Mat')).toBe(true);
  });
});
