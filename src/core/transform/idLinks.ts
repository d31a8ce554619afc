import { isModelled, numberReader, type ColumnSchema } from '../data/schema';
import type { Table } from '../data/table';
import { determines } from './derived';

/**
 * What fixes an ID's prefix in the seed: a category (`APP-` for apps, `GRO-` for groceries), as
 * a map from its values; or the year of a date, written into a template (`LST-YYYY-` with the
 * year the listing was made).
 */
export type IdLink = { column: string; map: [string | null, string][] } | { column: string; template: string };

// Rows a year link needs with both an ID and a date, and years it must span.
const MIN_ROWS = 20;
const YEAR_RE = /(19|20)\d\d/;

/** The year of a date (UTC milliseconds); NaN for NaN. */
export const yearOf = (ms: number) => (Number.isNaN(ms) ? NaN : new Date(ms).getUTCFullYear());

/** The column whose value fixes each seed ID's prefix (`prefixes[r]`, null where no ID), where one does beyond chance. */
export function findIdLink(prefixes: (string | null)[], table: Table, schema: ColumnSchema[]): IdLink | null {
  for (const column of schema) {
    if (!isModelled(column) || column.kind !== 'datetime') continue;
    const template = yearTemplate(prefixes, table.columns[table.names.indexOf(column.name)], numberReader(column));
    if (template) return { column: column.name, template };
  }
  for (const column of schema) {
    if (!isModelled(column) || (column.kind !== 'categorical' && column.kind !== 'boolean')) continue;
    const cells = table.columns[table.names.indexOf(column.name)];
    const rows = prefixes.flatMap((p, r) => (p === null ? [] : [r]));
    const fit = determines(
      rows.map((r) => cells[r]),
      rows.map((r) => prefixes[r]),
    );
    if (fit) return { column: column.name, map: [...fit.map].flatMap(([value, prefix]) => (prefix === null ? [] : [[value, prefix] as [string | null, string]])) };
  }
  return null;
}

/** `LST-YYYY-` where every prefix is one text with the year of `dates` in it, over two years or more. */
function yearTemplate(prefixes: (string | null)[], dates: (string | null)[], read: (text: string) => number): string | null {
  let template: string | null = null;
  const years = new Set<number>();
  let rows = 0;
  for (let r = 0; r < prefixes.length; r++) {
    const [prefix, date] = [prefixes[r], dates[r]];
    if (prefix === null || date === null) continue;
    const year = yearOf(read(date));
    const m = YEAR_RE.exec(prefix);
    if (!m || Number(m[0]) !== year) return null;
    const shape = prefix.replace(YEAR_RE, 'YYYY');
    if (template !== null && shape !== template) return null;
    template = shape;
    years.add(year);
    rows++;
  }
  return rows >= MIN_ROWS && years.size >= 2 ? template : null;
}
