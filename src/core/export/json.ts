import type { Table } from '../data/table';
import type { NumberReaders } from './numbers';

/** Rows as JSON objects (without the enclosing brackets), numbers as numbers and missing as null. */
export function jsonRows(table: Table, readers: NumberReaders): string {
  const keys = table.names.map((n) => JSON.stringify(n));
  const lines: string[] = new Array(table.rowCount);
  for (let r = 0; r < table.rowCount; r++) {
    const fields = table.columns.map((col, c) => {
      const v = col[r];
      if (v === null) return `${keys[c]}:null`;
      const read = readers[c];
      return `${keys[c]}:${read ? jsonNumber(read(v)) : JSON.stringify(v)}`;
    });
    lines[r] = `{${fields.join(',')}}`;
  }
  return lines.join(',\n');
}

// JSON has no NaN or Infinity.
function jsonNumber(x: number): string {
  return Number.isFinite(x) ? String(x) : 'null';
}

export function toJson(table: Table, readers: NumberReaders): string {
  return `[\n${jsonRows(table, readers)}\n]\n`;
}
