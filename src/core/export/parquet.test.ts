import { parquetMetadata, parquetReadObjects } from 'hyparquet';
import { describe, expect, it } from 'vitest';
import { loadTable } from '../data/load';
import { parseDelimitedText } from '../data/parse';
import { inferColumn, inferSchema } from '../data/schema';
import { tableFromColumns } from '../data/table';
import { toParquet } from './parquet';

const forty = (f: (i: number) => string) => Array.from({ length: 40 }, (_, i) => f(i));

/** Writes `columns` (first three cells each) under a schema inferred from `seeds`; returns the file's column types and rows. */
async function written(seeds: Record<string, string[]>, columns: Record<string, (string | null)[]>) {
  const names = Object.keys(seeds);
  const schema = names.map((n) => inferColumn(n, seeds[n]));
  const buffer = toParquet(tableFromColumns(names, Object.values(columns)), schema);
  const types = Object.fromEntries(
    parquetMetadata(buffer)
      .schema.slice(1)
      .map((e) => [e.name, { type: e.type, converted: e.converted_type, logical: e.logical_type }]),
  );
  return { types, rows: await parquetReadObjects({ file: buffer }) };
}

describe('toParquet', () => {
  it('writes numbers as DOUBLE, whole numbers as INT64, and as text where notes sit among them', async () => {
    const { types, rows } = await written(
      { level: forty((i) => (i % 4 ? String(i / 2) : 'unknown')), dose: forty((i) => String(i / 4)), count: forty((i) => String((i * 7) % 13)), price: forty((i) => `$1,${String(i).padStart(2, '0')}0.50`) },
      { level: ['2.5', 'unknown', null], dose: ['1.5', '0', null], count: ['12', null, '-3'], price: ['$1,234.50', null, '$7.00'] },
    );
    expect(types.level).toEqual({ type: 'BYTE_ARRAY', converted: 'UTF8', logical: undefined });
    expect(types.dose.type).toBe('DOUBLE');
    expect(types.count.type).toBe('INT64');
    expect(types.price.type).toBe('DOUBLE');
    expect(rows).toEqual([
      { level: '2.5', dose: 1.5, count: 12n, price: 1234.5 },
      { level: 'unknown', dose: 0, count: null, price: null },
      { level: null, dose: null, count: -3n, price: 7 },
    ]);
  });

  it('writes yes/no, Y/N, t/f and 0/1 columns as BOOLEAN, and a column with other text as text', async () => {
    const { types, rows } = await written(
      { yn: forty((i) => (i % 3 ? 'yes' : 'no')), letter: forty((i) => (i % 2 ? 'Y' : 'N')), tf: forty((i) => (i % 2 ? 't' : 'f')), bit: forty((i) => String(i % 2)), odd: forty((i) => (i % 2 ? 'yes' : 'no')) },
      { yn: ['yes', 'no', null], letter: ['N', 'Y', 'Y'], tf: ['f', null, 't'], bit: ['1', '0', '1'], odd: ['yes', 'perhaps', null] },
    );
    for (const name of ['yn', 'letter', 'tf', 'bit']) expect(types[name].type).toBe('BOOLEAN');
    expect(types.odd.type).toBe('BYTE_ARRAY');
    expect(rows).toEqual([
      { yn: true, letter: false, tf: false, bit: true, odd: 'yes' },
      { yn: false, letter: true, tf: null, bit: false, odd: 'perhaps' },
      { yn: null, letter: true, tf: true, bit: true, odd: null },
    ]);
  });

  it('writes dates as DATE and date-times as TIMESTAMP, UTC-adjusted only where the seed names a zone', async () => {
    const { types, rows } = await written(
      {
        day: forty((i) => `2021-03-${String(i % 28 + 1).padStart(2, '0')}`),
        us: forty((i) => `${(i % 12) + 1}/${(i % 28) + 1}/2020`),
        local: forty((i) => `2021-03-04 ${String(i % 24).padStart(2, '0')}:30`),
        zoned: forty((i) => `2021-03-04T${String(i % 24).padStart(2, '0')}:30:00+01:00`),
        month: forty((i) => `2021-${String((i % 12) + 1).padStart(2, '0')}`),
        clock: forty((i) => `${String(i % 24).padStart(2, '0')}:15`),
        noted: forty((i) => (i % 4 ? `2021-03-${String(i % 28 + 1).padStart(2, '0')}` : 'ongoing')),
      },
      {
        day: ['2021-03-04', null, '1969-12-31'],
        us: ['7/4/2020', '12/25/2020', null],
        local: ['2021-03-04 10:30', null, '2021-03-05 23:00'],
        zoned: ['2021-03-04T10:30:00+01:00', '2021-03-04T00:30:00+01:00', null],
        month: ['2021-07', null, '2021-12'],
        clock: ['13:15', null, '00:15'],
        noted: ['2021-03-04', 'ongoing', null],
      },
    );
    const date = { type: 'INT32', converted: 'DATE', logical: { type: 'DATE' } };
    expect(types.day).toEqual(date);
    expect(types.us).toEqual(date);
    expect(types.month).toEqual(date);
    expect(types.local).toEqual({ type: 'INT64', converted: 'TIMESTAMP_MILLIS', logical: { type: 'TIMESTAMP', isAdjustedToUTC: false, unit: 'MILLIS' } });
    expect(types.zoned).toEqual({ type: 'INT64', converted: 'TIMESTAMP_MILLIS', logical: { type: 'TIMESTAMP', isAdjustedToUTC: true, unit: 'MILLIS' } });
    expect(types.clock.type).toBe('BYTE_ARRAY');
    expect(types.noted.type).toBe('BYTE_ARRAY');
    const ms = (row: number, name: string) => (rows[row][name] as Date | null)?.getTime() ?? null;
    expect([ms(0, 'day'), ms(1, 'day'), ms(2, 'day')]).toEqual([Date.UTC(2021, 2, 4), null, Date.UTC(1969, 11, 31)]);
    expect([ms(0, 'us'), ms(1, 'us')]).toEqual([Date.UTC(2020, 6, 4), Date.UTC(2020, 11, 25)]);
    expect([ms(0, 'local'), ms(2, 'local')]).toEqual([Date.UTC(2021, 2, 4, 10, 30), Date.UTC(2021, 2, 5, 23)]);
    expect([ms(0, 'zoned'), ms(1, 'zoned')]).toEqual([Date.UTC(2021, 2, 4, 9, 30), Date.UTC(2021, 2, 3, 23, 30)]);
    expect([ms(0, 'month'), ms(2, 'month')]).toEqual([Date.UTC(2021, 6, 1), Date.UTC(2021, 11, 1)]);
    expect(rows.map((r) => r.clock)).toEqual(['13:15', null, '00:15']);
    expect(rows.map((r) => r.noted)).toEqual(['2021-03-04', 'ongoing', null]);
  });

  it('writes a table whose header repeated a name (each column under its own name)', async () => {
    const table = parseDelimitedText('a,a,a,b,a_2\n1,x,2021-01-02,yes,3.5\n2,y,2021-01-03,no,4.5\n');
    const rows = await parquetReadObjects({ file: toParquet(table, inferSchema(table)) });
    expect(Object.keys(rows[0])).toEqual(['a', 'a_3', 'a_4', 'b', 'a_2']);
    expect(rows[1]).toMatchObject({ a_3: 'y', b: false, a_2: 4.5 });
  });

  it('writes a file the loader reads back, nulls included, dates as dates', async () => {
    const table = tableFromColumns(
      ['n', 's', 'day', 'at'],
      [
        ['1.5', null, '3'],
        ['a', 'b', null],
        ['2021-03-04', '2021-12-31', null],
        ['2021-03-04 10:30', null, '2021-03-05 23:59'],
      ],
    );
    const t = await loadTable('x.parquet', new Uint8Array(toParquet(table, inferSchema(table))));
    expect(t.names).toEqual(['n', 's', 'day', 'at']);
    expect(t.columns[0]).toEqual(['1.5', null, '3']);
    expect(t.columns[1]).toEqual(['a', 'b', null]);
    expect(t.columns[2]).toEqual(['2021-03-04', '2021-12-31', null]);
    // Local (zone-less) timestamps come back without a `Z` they never had.
    expect(t.columns[3]).toEqual(['2021-03-04T10:30:00.000', null, '2021-03-05T23:59:00.000']);
  });
});
