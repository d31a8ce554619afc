import { parquetWriteBuffer } from 'hyparquet-writer';
import { describe, expect, it } from 'vitest';
import { MAX_CELL_LENGTH, MAX_COLUMNS } from '../util/limits';
import { fewRowsNote } from './limits';
import { loadTable } from './load';
import { parseDelimitedBlob, parseDelimitedText, parseJsonText } from './parse';
import { parseParquet } from './parquet';
import { InputError } from '../util/errors';

const bytes = (text: string) => new TextEncoder().encode(text);
const csvOf = (columns: number, rows: number, cell = (c: number) => String(c % 7)) => {
  const header = Array.from({ length: columns }, (_, c) => `c${c}`).join(',');
  const row = Array.from({ length: columns }, (_, c) => cell(c)).join(',');
  return `${header}\n${Array<string>(rows).fill(row).join('\n')}\n`;
};

describe('column limit', () => {
  it('refuses a 10,000-column CSV from its header, without reading its rows', () => {
    // Row 150 has an unclosed quote: reading any row would report that instead of the width.
    const rows = csvOf(10_000, 200).split('\n');
    rows[150] = `"${rows[150]}`;
    const text = rows.join('\n');
    const shares: number[] = [];
    const t0 = performance.now();
    expect(() => parseDelimitedText(text, (s) => shares.push(s), 'x.csv')).toThrow(
      new InputError('"x.csv" has 10,000 columns; the studio models at most 1,000. Remove the columns you do not need (or split the table) and load it again.'),
    );
    expect(performance.now() - t0).toBeLessThan(500);
    expect(shares).toEqual([]);
  });

  it('names the file, streamed or read whole, and says "The file" where no name is known', async () => {
    const text = csvOf(MAX_COLUMNS + 1, 3);
    await expect(parseDelimitedBlob(new File([text], 'wide.csv'))).rejects.toThrow(/^"wide\.csv" has 1,001 columns; the studio models at most 1,000\./);
    await expect(loadTable('wide.csv', bytes(text))).rejects.toThrow(/^"wide\.csv" has 1,001 columns/);
    expect(() => parseDelimitedText(text)).toThrow(/^The file has 1,001 columns/);
  });

  it('loads a table of exactly the limit', () => {
    expect(parseDelimitedText(csvOf(MAX_COLUMNS, 2)).names).toHaveLength(MAX_COLUMNS);
  });

  it('refuses JSON rows with too many keys between them', () => {
    const rows = [Object.fromEntries(Array.from({ length: 600 }, (_, c) => [`a${c}`, c])), Object.fromEntries(Array.from({ length: 600 }, (_, c) => [`b${c}`, c]))];
    expect(() => parseJsonText(JSON.stringify(rows), 'x.json')).toThrow(/^"x\.json" has 1,200 columns; the studio models at most 1,000/);
  });

  it('refuses a Parquet file from its footer', async () => {
    const buffer = parquetWriteBuffer({ columnData: Array.from({ length: MAX_COLUMNS + 1 }, (_, c) => ({ name: `c${c}`, data: ['1', '2'], type: 'STRING' as const })) });
    await expect(parseParquet(buffer, 'wide.parquet')).rejects.toThrow(/^"wide\.parquet" has 1,001 columns; the studio models at most 1,000/);
    await expect(loadTable('wide.parquet', new Uint8Array(buffer))).rejects.toBeInstanceOf(InputError);
  });
});

describe('cell length limit', () => {
  const long = 'x'.repeat(10 * 1024 * 1024);

  it('refuses a long CSV cell, naming its row (the header is row 1) and column', () => {
    const text = `id,notes\n${Array.from({ length: 20 }, (_, i) => `${i},${i === 10 ? long : 'short'}`).join('\n')}\n`;
    expect(() => parseDelimitedText(text)).toThrow(
      new InputError(
        'Row 12, column "notes" has a cell of 10,485,760 characters; the studio reads cells of at most 10,000. Shorten that cell (or remove the column from the file) and load it again.',
      ),
    );
  });

  it('keeps a cell of exactly the limit', () => {
    const cell = 'y'.repeat(MAX_CELL_LENGTH);
    expect(parseDelimitedText(`a,b\n1,${cell}\n2,z\n`).columns[1][0]).toBe(cell);
  });

  it('refuses a long JSON value, counting rows from the first object', () => {
    const rows = [{ a: 1, notes: 'ok' }, { a: 2, notes: 'y'.repeat(MAX_CELL_LENGTH + 1) }];
    expect(() => parseJsonText(JSON.stringify(rows))).toThrow(/^Row 2, column "notes" has a cell of 10,001 characters/);
  });

  it('refuses a header name longer than a cell may be', () => {
    expect(() => parseDelimitedText(`a,${'n'.repeat(MAX_CELL_LENGTH + 1)}\n1,2\n3,4\n`)).toThrow(/^The name of column 2 has 10,001 characters/);
  });
});

describe('few rows', () => {
  it('says what a table of fewer than 100 rows can give, and nothing for one of 100', () => {
    expect(fewRowsNote(5)).toMatch(/^Your table has 5 rows\. .*no rule is proposed from fewer than 10.*Add rows if you can/);
    expect(fewRowsNote(60)).toMatch(/rules are proposed only where so few rows rule out chance/);
    expect(fewRowsNote(100)).toBeNull();
  });
});
