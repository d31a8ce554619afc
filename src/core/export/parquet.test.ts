import { parquetReadObjects } from 'hyparquet';
import { describe, expect, it } from 'vitest';
import { inferColumn } from '../data/schema';
import { tableFromColumns } from '../data/table';
import { numberReaders } from './numbers';
import { toParquet } from './parquet';

describe('toParquet', () => {
  it('writes numbers as DOUBLE, and as text where notes sit among them', async () => {
    const seed = Array.from({ length: 40 }, (_, i) => (i % 4 ? String(i / 2) : 'unknown'));
    const plain = Array.from({ length: 40 }, (_, i) => String(i / 2));
    const schema = [inferColumn('level', seed), inferColumn('dose', plain)];
    const table = tableFromColumns(['level', 'dose'], [['2.5', 'unknown', null], ['1.5', '0', null]]);
    const rows = await parquetReadObjects({ file: toParquet(table, numberReaders(schema)) });
    expect(rows).toEqual([
      { level: '2.5', dose: 1.5 },
      { level: 'unknown', dose: 0 },
      { level: null, dose: null },
    ]);
  });
});
