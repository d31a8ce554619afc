import { looksNumeric } from '../data/numbers';
import type { Table } from '../data/table';

// Spreadsheets run a cell that starts with one of these (= + - @ tab CR) as a formula.
const FORMULA_START = new Set([61, 43, 45, 64, 9, 13]);
const NEEDS_QUOTES = /[",\n\r]/;

/** A cell as CSV text: quoted when needed, and text that a spreadsheet would run as a formula is defused. */
export function csvCell(value: string | null, missing = ''): string {
  let text = value ?? missing;
  // A lone sign is a placeholder (often the seed's own token for "missing"), not a formula.
  if (text.length > 1 && FORMULA_START.has(text.charCodeAt(0)) && !looksNumeric(text)) text = `'${text}`;
  return NEEDS_QUOTES.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}

export function csvHeader(table: Table): string {
  return table.names.map((n) => csvCell(n)).join(',') + '\n';
}

/** Body rows of `table` as CSV text (no header), one line per row. */
export function csvRows(table: Table): string {
  const missing = table.names.map((_, c) => table.missingText?.[c] ?? '');
  const { columns } = table;
  const lines: string[] = new Array(table.rowCount);
  // Joining an array of cells is three to four times faster than growing the line with +=.
  const cells: string[] = new Array(columns.length);
  for (let r = 0; r < table.rowCount; r++) {
    for (let c = 0; c < columns.length; c++) cells[c] = csvCell(columns[c][r], missing[c]);
    lines[r] = cells.join(',');
  }
  return lines.length ? lines.join('\n') + '\n' : '';
}

export function toCsv(table: Table): string {
  return csvHeader(table) + csvRows(table);
}
