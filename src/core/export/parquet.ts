import type { SchemaElement } from 'hyparquet';
import { parquetWriteBuffer } from 'hyparquet-writer';
import { parseDate } from '../data/dates';
import type { ColumnSchema } from '../data/schema';
import type { Table } from '../data/table';
import { readBoolean, valueTypes, type ValueType } from './valueTypes';

const DAY_MS = 86_400_000;

/** One Parquet column: its schema element and its values in the element's type, null for missing. */
interface ParquetColumn {
  element: SchemaElement;
  data: (string | number | bigint | boolean | null)[];
}

/**
 * One Parquet file, each column typed as docs/formats.md sets out: numbers as INT64 or DOUBLE,
 * booleans as BOOLEAN, dates as DATE or TIMESTAMP; a column with any cell its type cannot hold
 * (a note such as "unknown") is written as the seed's text, as is every other column.
 */
export function toParquet(table: Table, columns: ColumnSchema[]): ArrayBuffer {
  const types = valueTypes(columns);
  const written = table.names.map((name, c) => typedColumn(name, table.columns[c], types[c]) ?? textColumn(name, table.columns[c]));
  return parquetWriteBuffer({
    schema: [{ name: 'root', num_children: written.length }, ...written.map((w) => w.element)],
    columnData: written.map((w) => ({ name: w.element.name, data: w.data })),
  });
}

function textColumn(name: string, values: (string | null)[]): ParquetColumn {
  return { element: { name, type: 'BYTE_ARRAY', converted_type: 'UTF8', repetition_type: 'OPTIONAL' }, data: values };
}

/** The column in its type; null when a cell does not read as one. */
function typedColumn(name: string, values: (string | null)[], type: ValueType): ParquetColumn | null {
  if (type.kind === 'boolean') {
    const truths = values.map((v) => (v === null ? null : readBoolean(v)));
    if (truths.some((b, r) => b === null && values[r] !== null)) return null;
    return { element: { name, type: 'BOOLEAN', repetition_type: 'OPTIONAL' }, data: truths };
  }
  if (type.kind === 'number') {
    const xs = values.map((v) => (v === null ? null : type.read(v)));
    if (xs.some((x) => Number.isNaN(x))) return null;
    // Whole numbers past 2^53 are not exact in JavaScript: those stay DOUBLE, as they were read.
    if (type.integer && xs.every((x) => x === null || Number.isSafeInteger(x))) {
      return { element: { name, type: 'INT64', repetition_type: 'OPTIONAL' }, data: xs.map((x) => (x === null ? null : BigInt(x))) };
    }
    return { element: { name, type: 'DOUBLE', repetition_type: 'OPTIONAL' }, data: xs };
  }
  if (type.kind === 'date') {
    const times = values.map((v) => (v === null ? null : parseDate(v, type.format)));
    if (times.some((t) => Number.isNaN(t))) return null;
    // A month with no day is written as its first day.
    if (type.format.time === 'none') {
      const element: SchemaElement = { name, type: 'INT32', converted_type: 'DATE', logical_type: { type: 'DATE' }, repetition_type: 'OPTIONAL' };
      return { element, data: times.map((t) => (t === null ? null : Math.floor(t / DAY_MS))) };
    }
    // Times written with a zone are instants (UTC-adjusted); without one they are wall-clock times,
    // which Parquet calls local. Local timestamps carry the legacy annotation too, as the format asks of writers.
    const logical = { type: 'TIMESTAMP' as const, isAdjustedToUTC: type.format.zone !== '', unit: 'MILLIS' as const };
    const element: SchemaElement = { name, type: 'INT64', converted_type: 'TIMESTAMP_MILLIS', logical_type: logical, repetition_type: 'OPTIONAL' };
    return { element, data: times.map((t) => (t === null ? null : BigInt(t))) };
  }
  return null;
}
