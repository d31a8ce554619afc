import { describe, expect, it } from 'vitest';
import { loadTable } from './load';
import { parseDelimitedText, parseJsonText } from './parse';
import { InputError } from './table';

const bytes = (text: string) => new TextEncoder().encode(text);

describe('parsing', () => {
  it('handles a BOM, CRLF, quoted delimiters and tabs', () => {
    const csv = parseDelimitedText('\uFEFFname,note\r\n"Doe, J","say ""hi"""\r\nAl,x\r\n');
    expect(csv.names).toEqual(['name', 'note']);
    expect(csv.columns[0]).toEqual(['Doe, J', 'Al']);
    expect(csv.columns[1]).toEqual(['say "hi"', 'x']);
    const tsv = parseDelimitedText('a\tb\n1\t2\n3\t4\n');
    expect(tsv.names).toEqual(['a', 'b']);
    expect(tsv.rowCount).toBe(2);
  });

  it('makes duplicate and empty header names usable', () => {
    expect(parseDelimitedText('a,a,\n1,2,3\n4,5,6').names).toEqual(['a', 'a_2', 'column_3']);
  });

  it('reads a JSON array of objects, filling absent keys as missing', () => {
    const t = parseJsonText('[{"a":1,"b":"x"},{"a":2}]');
    expect(t.names).toEqual(['a', 'b']);
    expect(t.columns[1]).toEqual(['x', null]);
  });

  it('rejects bad input with a message that says what to do', async () => {
    await expect(loadTable('e.csv', bytes(''))).rejects.toThrow(/empty/);
    await expect(loadTable('one.csv', bytes('a,b\n1,2\n'))).rejects.toThrow(/only one data row/);
    await expect(loadTable('ragged.csv', bytes('a,b\n1,2\n3\n4,5\n'))).rejects.toThrow(/Row 3 has 1 fields but the header has 2/);
    await expect(loadTable('bin.csv', new Uint8Array([0x50, 0x4b, 3, 4, 0, 0, 0, 1, 2, 0, 0, 0]))).rejects.toThrow(/binary/);
    await expect(loadTable('x.xlsx', bytes('a'))).rejects.toThrow(/not a supported file type/);
    await expect(loadTable('x.json', bytes('{"a":1}'))).rejects.toBeInstanceOf(InputError);
  });
});

describe('Parquet', () => {
  it('reads a Parquet file written by the exporter, nulls included', async () => {
    const { toParquet } = await import('../export/parquet');
    const { tableFromColumns } = await import('./table');
    const buffer = toParquet(tableFromColumns(['n', 's'], [['1.5', null, '3'], ['a', 'b', null]]), [Number, null]);
    const t = await loadTable('x.parquet', new Uint8Array(buffer));
    expect(t.names).toEqual(['n', 's']);
    expect(t.columns[0]).toEqual(['1.5', null, '3']);
    expect(t.columns[1]).toEqual(['a', 'b', null]);
  });
});
