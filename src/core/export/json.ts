import type { ColumnKind } from '../data/schema';
import type { Table } from '../data/table';

/** Rows as JSON objects (without the enclosing brackets), numbers as numbers and missing as null. */
export function jsonRows(table: Table, kinds: ColumnKind[]): string {
  const keys = table.names.map((n) => JSON.stringify(n));
  const lines: string[] = new Array(table.rowCount);
  for (let r = 0; r < table.rowCount; r++) {
    const fields = table.columns.map((col, c) => {
      const v = col[r];
      if (v === null) return `${keys[c]}:null`;
      return `${keys[c]}:${kinds[c] === 'numeric' ? String(Number(v)) : JSON.stringify(v)}`;
    });
    lines[r] = `{${fields.join(',')}}`;
  }
  return lines.join(',\n');
}

export function toJson(table: Table, kinds: ColumnKind[]): string {
  return `[\n${jsonRows(table, kinds)}\n]\n`;
}
