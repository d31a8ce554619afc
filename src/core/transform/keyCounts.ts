import { isModelled, type ColumnSchema } from '../data/schema';
import type { Table } from '../data/table';
import { groupsOf, readNumbers } from './keySequences';

/**
 * An ID whose number counts the rows of another repeated key (a client's invoices INV-0001,
 * INV-0002, … , each client's from 1): written as each generated key's count, in the order of
 * `by`'s date where the seed's numbers rise with one, not as a key of its own. Read as a key,
 * INV-0001 stood for the first invoice of every client, and its rows took one date.
 */
export interface KeyCount {
  within: string;
  /** The number of a key's first row (1, or 0). */
  start: number;
  by?: string;
}

/**
 * A column modelled as a number or a category that counts a key's rows (a patient's `Visit #`
 * 1, 2, 3, or `V1`, `V2`), written over once the key's rows are final, as the seed spells it:
 * `prefix`, the number padded to `width` digits, `suffix`.
 */
export interface CountedColumn {
  column: string;
  count: KeyCount;
  prefix: string;
  suffix: string;
  width: number;
}

/** Keys with two rows or more the seed needs before a count is read from it. */
const MIN_KEYS = 5;
/** The last run of digits in an ID. */
const DIGITS_RE = /(\d+)\D*$/;

/**
 * Whether `values` (an ID column) number the rows of each key of `keys` from one start, one
 * number a row with none skipped: the counts of a client's invoices. Each key of n rows holding
 * exactly start … start + n − 1 is no coincidence once a few keys hold two rows or more. Null where not.
 */
export function fitKeyCount(values: (string | null)[], keys: (string | null)[], within: string, table: Table, schema: ColumnSchema[]): KeyCount | null {
  const numbers = values.map((v) => {
    const m = v === null ? null : DIGITS_RE.exec(v);
    return m ? Number(m[1]) : NaN;
  });
  if (numbers.some((x, r) => Number.isNaN(x) && values[r] !== null)) return null;
  const groups = groupsOf(keys.map((k, r) => (k === null || values[r] === null ? null : k)));
  if (groups.filter((g) => g.length >= 2).length < MIN_KEYS) return null;
  const start = Math.min(...groups.map((g) => Math.min(...g.map((r) => numbers[r]))));
  if (start !== 0 && start !== 1) return null;
  for (const g of groups) {
    const held = g.map((r) => numbers[r]).sort((a, b) => a - b);
    if (held.some((x, k) => x !== start + k)) return null;
  }
  const rises = (column: ColumnSchema) => {
    const when = readNumbers(column, table.columns[table.names.indexOf(column.name)]);
    return groups.every((g) => {
      const sorted = [...g].sort((a, b) => numbers[a] - numbers[b]);
      return sorted.every((r, k) => k === 0 || when[r] >= when[sorted[k - 1]]);
    });
  };
  const by = schema.find((c) => isModelled(c) && c.kind === 'datetime' && rises(c));
  return { within, start, ...(by && { by: by.name }) };
}

const SPELLING_RE = /^(\D*)(\d+)(\D*)$/;

/** How `values` spell their numbers: one prefix and suffix around the digits, padded or not; null where they do not share them. */
export function countSpelling(values: (string | null)[]): Omit<CountedColumn, 'column' | 'count'> | null {
  let found: { prefix: string; suffix: string; padded: boolean; digits: Set<number> } | null = null;
  for (const v of values) {
    if (v === null) continue;
    const m = SPELLING_RE.exec(v.trim());
    if (!m) return null;
    found ??= { prefix: m[1], suffix: m[3], padded: false, digits: new Set() };
    if (m[1] !== found.prefix || m[3] !== found.suffix) return null;
    found.digits.add(m[2].length);
    if (m[2].length > 1 && m[2].startsWith('0')) found.padded = true;
  }
  if (!found || (found.padded && found.digits.size > 1)) return null;
  return { prefix: found.prefix, suffix: found.suffix, width: found.padded ? [...found.digits][0] : 0 };
}

/** Each row's number: `start` plus its rank within its key (`label`), by `when` and then by row. */
export function countWithinKeys(label: string[], rows: number[], when: Float64Array | null, start: number): number[] {
  const out = new Array<number>(rows.length).fill(start);
  const byKey = new Map<string, number[]>();
  rows.forEach((r, k) => {
    const group = byKey.get(label[r]);
    if (group) group.push(k);
    else byKey.set(label[r], [k]);
  });
  const at = (k: number) => (when && !Number.isNaN(when[k]) ? when[k] : Infinity);
  for (const group of byKey.values()) {
    group.sort((a, b) => at(a) - at(b) || a - b);
    group.forEach((k, rank) => (out[k] = start + rank));
  }
  return out;
}

/** IDs numbered at least this many before their order is read from a date. */
const MIN_DATED = 20;

/**
 * A date the IDs' numbers rise with, row by row (a job number issued as jobs come in): fresh
 * IDs are then numbered in the order of that date, not of the rows. Written in row order, a
 * bike shop's job numbers fell against the date in 449 of 899 neighbours, none in the seed.
 * Undefined where no date does, or where IDs repeat.
 */
export function risesWith(values: (string | null)[], table: Table, schema: ColumnSchema[]): string | undefined {
  const rows = values.flatMap((v, r) => {
    const m = v === null ? null : DIGITS_RE.exec(v);
    return m ? [[Number(m[1]), r] as const] : [];
  });
  if (rows.length < MIN_DATED || new Set(rows.map(([n]) => n)).size < rows.length) return undefined;
  rows.sort((a, b) => a[0] - b[0]);
  return schema.find((c) => {
    if (!isModelled(c) || c.kind !== 'datetime') return false;
    const when = readNumbers(c, table.columns[table.names.indexOf(c.name)]);
    const dated = rows.filter(([, r]) => !Number.isNaN(when[r]));
    return dated.length >= MIN_DATED && dated.every(([, r], k) => k === 0 || when[r] >= when[dated[k - 1][1]]);
  })?.name;
}

/** Each row's place in the order of `when` (blank last), ties in row order. */
export function datePlaces(when: Float64Array): number[] {
  const order = Array.from(when, (_, r) => r).sort((a, b) => (Number.isNaN(when[a]) ? Infinity : when[a]) - (Number.isNaN(when[b]) ? Infinity : when[b]) || a - b);
  const places = new Array<number>(when.length);
  order.forEach((r, k) => (places[r] = k));
  return places;
}
