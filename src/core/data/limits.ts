import Papa from 'papaparse';
import { MAX_CELL_LENGTH, MAX_COLUMNS } from '../util/limits';
import { InputError } from '../util/errors';

const count = (n: number) => n.toLocaleString('en-US');

/** How a message names the table: its file name where known. */
export function sourceName(fileName?: string): string {
  return fileName ? `"${fileName}"` : 'The file';
}

/** Refuses a table wider than the studio models, before any of its rows are read. */
export function requireColumnCount(columns: number, source: string): void {
  if (columns <= MAX_COLUMNS) return;
  throw new InputError(
    `${source} has ${count(columns)} columns; the studio models at most ${count(MAX_COLUMNS)}. ` +
      'Remove the columns you do not need (or split the table) and load it again.',
  );
}

/**
 * Refuses a cell longer than the studio reads. `row` is numbered as the user finds it: a CSV's
 * record number (the header is row 1), a JSON or Parquet file's row from 1.
 */
export function requireCellLength(cell: string, row: number, column: string): void {
  if (cell.length <= MAX_CELL_LENGTH) return;
  throw new InputError(
    `Row ${count(row)}, column "${shorten(column)}" has a cell of ${count(cell.length)} characters; the studio reads cells of at most ${count(MAX_CELL_LENGTH)}. ` +
      'Shorten that cell (or remove the column from the file) and load it again.',
  );
}

/** Refuses a header cell longer than the studio reads; `index` counts columns from 0. */
export function requireNameLength(name: string, index: number): void {
  if (name.length <= MAX_CELL_LENGTH) return;
  throw new InputError(
    `The name of column ${count(index + 1)} has ${count(name.length)} characters; the studio reads cells of at most ${count(MAX_CELL_LENGTH)}. ` +
      'Check that the file has a header row and that its quotes are closed, then load it again.',
  );
}

/**
 * Reads only the header row of delimited text and refuses it if it is too wide. papaparse reads
 * 4 MB of rows before it hands any over, which for a 10,000-column file is every row; this pass
 * stops after one.
 */
export function requireHeaderWithinLimit(text: string, source: string): void {
  const { data } = Papa.parse<string[]>(text, { preview: 1 });
  requireColumnCount(data[0]?.length ?? 0, source);
}

/** A name short enough to quote in a message. */
function shorten(name: string): string {
  return name.length > 80 ? `${name.slice(0, 77)}…` : name;
}

/** Below this many rows a model learns a table's columns but few of its links; no rule is proposed under 10. */
export const FEW_ROWS = 100;

/** What a table of so few rows can give, and what to do, or null for a table large enough. */
export function fewRowsNote(rows: number): string | null {
  if (rows >= FEW_ROWS) return null;
  const rules = rows < 10 ? 'no rule is proposed from fewer than 10' : 'rules are proposed only where so few rows rule out chance';
  return (
    `Your table has ${count(rows)} rows. From fewer than ${FEW_ROWS} a model learns each column's values but few of the links between columns, and ${rules}: ` +
    'expect synthetic rows that keep ranges and shares, not relationships. Add rows if you can, and add the rules you know in the Rules panel (or with --rules).'
  );
}
