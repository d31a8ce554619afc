import { looksNumeric } from '../data/numbers';
import type { Table } from '../data/table';

// Spreadsheets run a cell that starts with one of these as a formula.
const FORMULA_START = /^[=+\-@\t\r]/;

/** A cell as CSV text: quoted when needed, and text that a spreadsheet would run as a formula is defused. */
export function csvCell(value: string | null, missing = ''): string {
  let text = value ?? missing;
  // A lone sign is a placeholder (often the seed's own token for "missing"), not a formula.
  if (text.length > 1 && FORMULA_START.test(text) && !looksNumeric(text)) text = `'${text}`;
  return /[",\n\r]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}

export function csvHeader(table: Table): string {
  return table.names.map((n) => csvCell(n)).join(',') + '\n';
}

/** Body rows of `table` as CSV text (no header), one line per row. */
export function csvRows(table: Table): string {
  const missing = table.names.map((_, c) => table.missingText?.[c] ?? '');
  const lines: string[] = new Array(table.rowCount);
  for (let r = 0; r < table.rowCount; r++) {
    let line = '';
    for (let c = 0; c < table.columns.length; c++) {
      if (c > 0) line += ',';
      line += csvCell(table.columns[c][r], missing[c]);
    }
    lines[r] = line;
  }
  return lines.length ? lines.join('\n') + '\n' : '';
}

export function toCsv(table: Table): string {
  return csvHeader(table) + csvRows(table);
}
