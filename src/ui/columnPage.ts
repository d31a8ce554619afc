/** Rows the Columns panel draws at once: enough to scan, few enough to draw in a frame. */
export const PAGE_COLUMNS = 100;

export interface ColumnPage<T> {
  /** The page's columns, each with its position in the table. */
  rows: { column: T; index: number }[];
  /** Where the page starts and ends among the columns that match, end exclusive. */
  start: number;
  end: number;
  matching: number;
  /** "Columns 101–200 of 1,000", or what matched the filter. */
  summary: string;
}

/**
 * The page of `columns` that starts at `first` among those whose name contains `filter` (any
 * case). A start past the end (the filter narrowed the list) moves back to the last page.
 */
export function columnPage<T extends { name: string }>(columns: readonly T[], filter: string, first: number): ColumnPage<T> {
  const needle = filter.trim().toLowerCase();
  const all = columns.map((column, index) => ({ column, index }));
  const matches = needle ? all.filter((r) => r.column.name.toLowerCase().includes(needle)) : all;
  const lastStart = Math.max(0, Math.floor((matches.length - 1) / PAGE_COLUMNS) * PAGE_COLUMNS);
  const start = Math.min(Math.max(0, first), lastStart);
  const end = Math.min(matches.length, start + PAGE_COLUMNS);
  const count = (n: number) => n.toLocaleString('en-US');
  const summary =
    matches.length === 0
      ? `No column name contains "${filter.trim()}".`
      : `Columns ${count(start + 1)}–${count(end)} of ${count(matches.length)}${needle ? ` whose name contains "${filter.trim()}"` : ''}`;
  return { rows: matches.slice(start, end), start, end, matching: matches.length, summary };
}
