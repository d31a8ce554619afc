import { parquetWriteBuffer } from 'hyparquet-writer';
import { describe, expect, it } from 'vitest';
import { loadTable } from './load';
import { InputError } from '../util/errors';
import { assertText, parseDelimitedBlob, parseDelimitedText, parseJsonText } from './parse';

const bytes = (text: string) => new TextEncoder().encode(text);
const utf16le = (text: string) => new Uint8Array([0xff, 0xfe, ...Buffer.from(text, 'utf16le')]);
const utf16be = (text: string) => utf16le(text).map((_, i, b) => b[i ^ 1]);
// Windows-1252: é is E9 and ü FC, which are not valid UTF-8.
const latin = (text: string) => new Uint8Array([...text].map((c) => ({ é: 0xe9, ü: 0xfc })[c] ?? c.charCodeAt(0)));

describe('parsing', () => {
  it('handles a BOM, CRLF, quoted delimiters and tabs', () => {
    const csv = parseDelimitedText('\uFEFFname,note\r\n"Doe, J","say ""hi"""\r\nAl,x\r\n');
    expect(csv.names).toEqual(['name', 'note']);
    expect(csv.columns[0]).toEqual(['Doe, J', 'Al']);
    expect(csv.columns[1]).toEqual(['say "hi"', 'x']);
    expect(csv.newline).toBe('\r\n');
    const tsv = parseDelimitedText('a\tb\n1\t2\n3\t4\n');
    expect(tsv.names).toEqual(['a', 'b']);
    expect(tsv.rowCount).toBe(2);
    expect(tsv.newline).toBeUndefined();
  });

  it('makes duplicate and empty header names unique against every header name, and says so', () => {
    expect(parseDelimitedText('a,a,\n1,2,3\n4,5,6').names).toEqual(['a', 'a_2', 'column_3']);
    const t = parseDelimitedText('a,a,a,b,a_2\n1,2,3,4,5\n6,7,8,9,10\n');
    expect(t.names).toEqual(['a', 'a_3', 'a_4', 'b', 'a_2']);
    expect(t.columns.map((c) => c[0])).toEqual(['1', '2', '3', '4', '5']);
    expect(t.renamed).toEqual([
      { from: 'a', to: 'a_3' },
      { from: 'a', to: 'a_4' },
    ]);
    expect(parseDelimitedText('a,b\n1,2\n3,4\n').renamed).toBeUndefined();
  });

  it('parses text longer than one 4 MB chunk, quoted line breaks across the split included', () => {
    const rows = Array.from({ length: 150_000 }, (_, i) => `${i},"note ${i}\nwith, a break"`);
    const t = parseDelimitedText(`id,note\n${rows.join('\n')}\n`);
    expect(t.rowCount).toBe(150_000);
    expect(t.columns[0][149_999]).toBe('149999');
    expect(t.columns[1].every((v, i) => v === `note ${i}\nwith, a break`)).toBe(true);
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
    await expect(loadTable('quote.csv', bytes('a,b\n1,2\n3,"4\n5,6\n'))).rejects.toThrow(/Row 3 has an unclosed quote/);
    await expect(loadTable('bin.csv', new Uint8Array([0x50, 0x4b, 3, 4, 0, 0, 0, 1, 2, 0, 0, 0]))).rejects.toThrow(/binary/);
    await expect(loadTable('x.xlsx', bytes('a'))).rejects.toThrow(/not a supported file type/);
    await expect(loadTable('x.json', bytes('{"a":1}'))).rejects.toBeInstanceOf(InputError);
  });
});

describe('text encodings', () => {
  const csv = 'name,city\nJosé,Zürich\nAl,Köln\n';

  it('reads a Windows-1252 file as Windows-1252, and says so', async () => {
    const t = await loadTable('people.csv', latin('name,city\nJosé,Zürich\nAl,Bern\n'));
    expect(t.columns).toEqual([
      ['José', 'Al'],
      ['Zürich', 'Bern'],
    ]);
    expect(t.encoding).toBe('windows-1252');
    const json = await loadTable('people.json', latin('[{"name":"José"},{"name":"Zoe"}]'));
    expect(json.columns[0]).toEqual(['José', 'Zoe']);
    expect(json.encoding).toBe('windows-1252');
  });

  it('reads UTF-16 with a BOM in both byte orders instead of calling it binary', async () => {
    for (const encoded of [utf16le(csv), utf16be(csv)]) {
      expect(() => assertText(encoded.subarray(0, 8192), 'x.csv')).not.toThrow();
      const t = await loadTable('x.csv', encoded);
      expect(t.names).toEqual(['name', 'city']);
      expect(t.columns[1]).toEqual(['Zürich', 'Köln']);
    }
    expect((await loadTable('x.csv', utf16le(csv))).encoding).toBe('utf-16le');
    expect((await loadTable('x.csv', utf16be(csv))).encoding).toBe('utf-16be');
  });

  it('reads UTF-8 with a BOM, in JSON too', async () => {
    const t = await loadTable('x.csv', new Uint8Array([0xef, 0xbb, 0xbf, ...bytes(csv)]));
    expect(t.names).toEqual(['name', 'city']);
    expect(t.encoding).toBe('utf-8');
    expect(t.bom).toBe(true);
    expect((await loadTable('x.csv', bytes(csv))).bom).toBeUndefined();
    expect((await loadTable('x.json', new Uint8Array([0xef, 0xbb, 0xbf, ...bytes('[{"a":"é"},{"a":"ü"}]')]))).columns[0]).toEqual(['é', 'ü']);
  });

  it('decodes a Blob the same way when streaming it', async () => {
    const shares: number[] = [];
    const t = await parseDelimitedBlob(new Blob([latin('name,city\nJosé,Zürich\nAl,Bern\n')]), (s) => shares.push(s));
    expect(t.columns[0]).toEqual(['José', 'Al']);
    expect(t.encoding).toBe('windows-1252');
    expect(shares.at(-1)).toBe(1);
    const utf16 = await parseDelimitedBlob(new Blob([utf16be(csv)]));
    expect(utf16.columns[1]).toEqual(['Zürich', 'Köln']);
    expect(utf16.encoding).toBe('utf-16be');
  });
});

describe('Parquet', () => {
  it('keeps every column of a file with repeated column names', async () => {
    const buffer = parquetWriteBuffer({
      columnData: [
        { name: 'a', data: ['x', 'y'], type: 'STRING' },
        { name: 'b', data: ['1', '2'], type: 'STRING' },
        { name: 'a', data: ['p', 'q'], type: 'STRING' },
      ],
    });
    const t = await loadTable('dup.parquet', new Uint8Array(buffer));
    expect(t.names).toEqual(['a', 'b', 'a_2']);
    expect(t.columns).toEqual([
      ['x', 'y'],
      ['1', '2'],
      ['p', 'q'],
    ]);
    expect(t.renamed).toEqual([{ from: 'a', to: 'a_2' }]);
  });
});
