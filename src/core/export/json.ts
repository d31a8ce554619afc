import type { ColumnSchema } from '../data/schema';
import type { Table } from '../data/table';
import { numberReaders } from './numbers';

/** Per column, a cell's text as a JSON value. */
type JsonCell = (text: string) => string;

const INTEGER_RE = /^-?\d{1,15}$/;
const BOOLEAN_RE = /^(true|false)$/i;

/**
 * How each column's cells are written: numbers as numbers (notes among them as strings); `true`/`false` as booleans and
 * plain integer IDs as numbers, so a JSON seed comes back with its own types; the rest as strings.
 */
export function jsonCells(columns: ColumnSchema[]): JsonCell[] {
  const readers = numberReaders(columns);
  return columns.map((c, i) => {
    const read = readers[i];
    // A note among the numbers ("unknown") stays text.
    if (read) return (v) => jsonNumber(read(v), v);
    if (c.kind === 'boolean') return (v) => (BOOLEAN_RE.test(v.trim()) ? v.trim().toLowerCase() : JSON.stringify(v));
    if (c.kind === 'id') return (v) => (INTEGER_RE.test(v.trim()) ? String(Number(v)) : JSON.stringify(v));
    return (v) => JSON.stringify(v);
  });
}

/** Rows as JSON objects (without the enclosing brackets), missing as null. */
export function jsonRows(table: Table, cells: JsonCell[]): string {
  const keys = table.names.map((n) => JSON.stringify(n));
  const lines: string[] = new Array(table.rowCount);
  for (let r = 0; r < table.rowCount; r++) {
    const fields = table.columns.map((col, c) => {
      const v = col[r];
      return `${keys[c]}:${v === null ? 'null' : cells[c](v)}`;
    });
    lines[r] = `{${fields.join(',')}}`;
  }
  return lines.join(',\n');
}

// JSON has no NaN or Infinity.
function jsonNumber(x: number, text: string): string {
  if (Number.isNaN(x)) return JSON.stringify(text);
  return Number.isFinite(x) ? String(x) : 'null';
}
