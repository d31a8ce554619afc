import { isModelled, numberReader, type ColumnSchema } from '../data/schema';
import type { Table } from '../data/table';
import { determines } from './derived';

/**
 * What fixes an ID's prefix in the seed: a category (`APP-` for apps, `GRO-` for groceries), as
 * a map from its values; or the year of a date, written into a template (`LST-YYYY-` with the
 * year the listing was made).
 */
export type IdLink = { column: string; map: [string | null, string][] } | { column: string; template: string; format?: DateFormat };

/**
 * How a date is written into a prefix: `PX2402-` holds the year and month of its row's date.
 * A template with a format holds it as `{YYMM}`; one without (saved before formats) as `YYYY`.
 */
export type DateFormat = 'YYYYMMDD' | 'YYMMDD' | 'YYYY-MM-DD' | 'YYYYMM' | 'YYYY-MM' | 'YYMM' | 'YYYY' | 'YY';
const DATE_FORMATS: readonly DateFormat[] = ['YYYYMMDD', 'YYMMDD', 'YYYY-MM-DD', 'YYYYMM', 'YYYY-MM', 'YYMM', 'YYYY', 'YY'];

/** A date (UTC milliseconds) written in `format`; '' for NaN. */
export function dateText(format: DateFormat, ms: number): string {
  if (Number.isNaN(ms)) return '';
  const d = new Date(ms);
  const [y, m, day] = [String(d.getUTCFullYear()).padStart(4, '0'), String(d.getUTCMonth() + 1).padStart(2, '0'), String(d.getUTCDate()).padStart(2, '0')];
  return format.replace('YYYY', y).replace('YY', y.slice(2)).replace('MM', m).replace('DD', day);
}

/** A linked prefix for a row whose date is `ms`: the template with the date written in. */
export function fillTemplate(link: { template: string; format?: DateFormat }, ms: number): string {
  if (!link.format) return link.template.replace('YYYY', String(yearOf(ms)));
  return link.template.replace(`{${link.format}}`, dateText(link.format, ms));
}

// Rows a year link needs with both an ID and a date, and years it must span.
const MIN_ROWS = 20;

/** The year of a date (UTC milliseconds); NaN for NaN. */
export const yearOf = (ms: number) => (Number.isNaN(ms) ? NaN : new Date(ms).getUTCFullYear());

/** The column whose value fixes each seed ID's prefix (`prefixes[r]`, null where no ID), where one does beyond chance. */
export function findIdLink(prefixes: (string | null)[], table: Table, schema: ColumnSchema[]): IdLink | null {
  for (const column of schema) {
    if (!isModelled(column) || column.kind !== 'datetime') continue;
    const found = dateTemplate(prefixes, table.columns[table.names.indexOf(column.name)], numberReader(column));
    if (found) return { column: column.name, ...found };
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

/**
 * `LST-{YYYY}-` (or `PX{YYMM}-`, …) where every prefix is one text with its row's date in it in
 * one format, over two values of it or more: the most detailed format that every row holds.
 */
function dateTemplate(prefixes: (string | null)[], dates: (string | null)[], read: (text: string) => number): { template: string; format: DateFormat } | null {
  for (const format of DATE_FORMATS) {
    let template: string | null = null;
    const seen = new Set<string>();
    let rows = 0;
    for (let r = 0; r < prefixes.length; r++) {
      const [prefix, date] = [prefixes[r], dates[r]];
      if (prefix === null || date === null) continue;
      const text = dateText(format, read(date));
      const at = text === '' ? -1 : prefix.indexOf(text);
      const shape = at < 0 ? null : `${prefix.slice(0, at)}{${format}}${prefix.slice(at + text.length)}`;
      if (shape === null || (template !== null && shape !== template)) {
        template = null;
        break;
      }
      template = shape;
      seen.add(text);
      rows++;
    }
    if (template !== null && rows >= MIN_ROWS && seen.size >= 2) return { template, format };
  }
  return null;
}
