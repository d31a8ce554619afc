import type { TextEncoding } from './encoding';
import type { Rename } from './names';

/** A parsed table, column-major. Cells keep their source text; `null` is a missing value. */
export interface Table {
  readonly names: string[];
  readonly columns: (string | null)[][];
  readonly rowCount: number;
  /** How each column wrote a missing value in the source (written back the same way). */
  readonly missingText?: string[];
  /** The field separator of a delimited source (`;` in much of Europe), which CSV output keeps. */
  readonly delimiter?: string;
  /** The encoding a text source was read in (outputs are always UTF-8). */
  readonly encoding?: TextEncoding;
  /** Header names changed on load (duplicates, empty cells), for the user to see. */
  readonly renamed?: Rename[];
}

// What spreadsheets, pandas and databases write for "no value".
const MISSING = new Set(['', 'na', 'n/a', 'n.a.', 'nan', 'nat', 'null', 'none', 'undefined', '?', '-', '--', '—', '#n/a', '#null!', '#value!', '#div/0!']);

export function isMissingToken(text: string): boolean {
  return MISSING.has(text.trim().toLowerCase());
}

export function tableFromColumns(names: string[], columns: (string | null)[][]): Table {
  return { names, columns, rowCount: columns[0]?.length ?? 0 };
}

export function selectRows(table: Table, rows: ArrayLike<number>): Table {
  const columns = table.columns.map((col) => Array.from(rows, (r) => col[r]));
  return { ...table, columns, rowCount: rows.length };
}
