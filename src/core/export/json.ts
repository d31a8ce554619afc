import type { ColumnSchema } from '../data/schema';
import type { Table } from '../data/table';
import { readBoolean, valueTypes } from './valueTypes';

/** Per column, a cell's text as a JSON value. */
type JsonCell = (text: string) => string;

/** An integer JSON can hold exactly, written without leading zeros (`001249` is a code: it stays text). */
const INTEGER_RE = /^-?(0|[1-9]\d{0,14})$/;

/**
 * How each column's cells are written: numbers as numbers (notes among them as strings); a boolean
 * column's two tokens (`yes`/`no`, `Y`/`N`, `t`/`f`, `1`/`0`) as true and false, and plain integer IDs
 * as numbers, so a JSON seed comes back with its own types; zero-padded IDs and the rest as strings.
 */
export function jsonCells(columns: ColumnSchema[]): JsonCell[] {
  const types = valueTypes(columns);
  return columns.map((c, i) => {
    const type = types[i];
    // A note among the numbers ("unknown") stays text.
    if (type.kind === 'number') return (v) => jsonNumber(type.read(v), v);
    if (type.kind === 'boolean') return (v) => String(readBoolean(v) ?? JSON.stringify(v));
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
