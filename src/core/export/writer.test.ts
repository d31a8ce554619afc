import { parquetMetadata, parquetReadObjects } from 'hyparquet';
import { describe, expect, it } from 'vitest';
import { inferColumn } from '../data/schema';
import { tableFromColumns } from '../data/table';
import { createWriter } from './writer';

const schema = [inferColumn('n', ['1', '2', '3', '40']), inferColumn('ok', ['yes', 'no', 'no'])];
const chunks = [tableFromColumns(['n', 'ok'], [['7', '8'], ['yes', 'no']]), tableFromColumns(['n', 'ok'], [['9'], [null]])];

describe('createWriter', () => {
  it('joins chunks into one typed Parquet file', async () => {
    const writer = createWriter('parquet', schema);
    const parts = [...chunks.flatMap((c) => writer.add(c)), ...writer.finish()];
    expect(parts).toHaveLength(1);
    const file = parts[0] as ArrayBuffer;
    expect(parquetMetadata(file).schema.slice(1).map((e) => e.type)).toEqual(['INT64', 'BOOLEAN']);
    expect(await parquetReadObjects({ file })).toEqual([
      { n: 7n, ok: true },
      { n: 8n, ok: false },
      { n: 9n, ok: null },
    ]);
  });

  it('writes CSV with the byte-order mark and line ending asked for', () => {
    const writer = createWriter('csv', schema, { bom: true, newline: '\r\n' });
    const text = [...chunks.flatMap((c) => writer.add(c)), ...writer.finish()].join('');
    expect(text).toBe('\uFEFFn,ok\r\n7,yes\r\n8,no\r\n9,\r\n');
    const plain = createWriter('csv', schema);
    expect([...chunks.flatMap((c) => plain.add(c))].join('')).toBe('n,ok\n7,yes\n8,no\n9,\n');
  });

  it('writes JSON chunk by chunk, booleans as booleans', () => {
    const writer = createWriter('json', schema);
    const text = [...chunks.flatMap((c) => writer.add(c)), ...writer.finish()].join('');
    expect(JSON.parse(text)).toEqual([
      { n: 7, ok: true },
      { n: 8, ok: false },
      { n: 9, ok: null },
    ]);
  });
});
