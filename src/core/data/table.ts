import type { TextEncoding } from './encoding';
import type { Rename } from './names';

/** A parsed table, column-major. Cells keep their source text; `null` is a missing value. */
export interface Table {
  readonly names: string[];
  readonly columns: (string | null)[][];
  readonly rowCount: number;
  /** How each column wrote its missing values in the source, written back in the same shares. */
  readonly missingSpellings?: Spellings[];
  /** The field separator of a delimited source (`;` in much of Europe), which CSV output keeps. */
  readonly delimiter?: string;
  /** The encoding a text source was read in (outputs are always UTF-8). */
  readonly encoding?: TextEncoding;
  /** The source started with a byte-order mark, which CSV output then starts with too. */
  readonly bom?: boolean;
  /** A delimited source's line ending (`\r\n` from Windows tools), which CSV output keeps. */
  readonly newline?: '\r\n' | '\n';
  /** Header names changed on load (duplicates, empty cells), for the user to see. */
  readonly renamed?: Rename[];
}

/** A column's spellings of a missing value (`''`, `NA`, `none`...) with how often each occurs, most common first. */
export type Spellings = [text: string, count: number][];

// What spreadsheets, pandas and databases write for "no value".
const MISSING = new Set(['', 'na', 'n/a', 'n.a.', 'nan', 'nat', 'null', 'none', 'undefined', '?', '-', '--', '—', '#n/a', '#null!', '#value!', '#div/0!']);

export function isMissingToken(text: string): boolean {
  return MISSING.has(text.trim().toLowerCase());
}

export function tableFromColumns(names: string[], columns: (string | null)[][]): Table {
  return { names, columns, rowCount: columns[0]?.length ?? 0 };
}

/** The rows of `tables` one after another; each table has the first one's columns, in its order. */
export function joinTables(tables: Table[]): Table {
  const names = tables[0].names;
  return tableFromColumns(names, names.map((_, c) => tables.flatMap((t) => t.columns[c])));
}

export function selectRows(table: Table, rows: ArrayLike<number>): Table {
  const columns = table.columns.map((col) => Array.from(rows, (r) => col[r]));
  return { ...table, columns, rowCount: rows.length };
}
