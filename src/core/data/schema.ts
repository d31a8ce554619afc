import { detectDateFormat, parseDate, type DateFormat } from './dates';
import { bracketed, detectNumberStyle, looksNumeric, PLAIN_STYLE, readNumber, type NumberStyle } from './numbers';
import { InputError, type Table } from './table';

export type ColumnKind = 'numeric' | 'categorical' | 'boolean' | 'datetime' | 'id' | 'constant';
export const COLUMN_KINDS: readonly ColumnKind[] = ['numeric', 'categorical', 'boolean', 'datetime', 'id', 'constant'];

export interface NumericInfo {
  integer: boolean;
  decimals: number;
  /** Significant digits, where the seed writes some values in e-notation (`1.5e-10`): those are written the same way. */
  significant?: number;
  min: number;
  max: number;
  /** How the seed writes its numbers, when not plainly (`$1,234.50`, `3,5`, `12%`). */
  style?: NumberStyle;
  /** Texts among the numbers ("unknown", "<0.5"), most frequent first: generated as they are written. */
  notes?: string[];
}

export interface ColumnSchema {
  name: string;
  kind: ColumnKind;
  /** Excluded columns are left out of the model and of the output. */
  include: boolean;
  missingShare: number;
  distinct: number;
  numeric?: NumericInfo;
  date?: DateFormat;
}

const BOOL_TOKENS = new Set(['true', 'false', 'yes', 'no', 't', 'f', 'y', 'n']);
const ID_NAME_RE = /(^|[^a-z])(id|uuid|guid|key)$/i;

// Zero-padded digits (ZIP codes, account numbers) are codes: as numbers they would lose the zeros.
const PADDED_RE = /^[+-]?0\d/;

// A numeric column may hold notes ("unknown", "<0.5", "n/k"): up to half its values, in a few
// distinct texts that repeat (a handful of one-off texts would be free text, not notes).
const MAX_NOTE_SHARE = 0.5;
const MAX_NOTES = 10;
const MAX_ONE_OFF_NOTES = 3;

/**
 * The style the values share as numbers and the texts among them that are notes, most
 * frequent first; null when they are not numbers (or are padded codes).
 */
function numberStyleOf(present: string[]): { style: NumberStyle; notes: string[] } | null {
  let style = detectNumberStyle(present);
  let notes: string[] = [];
  if (!style && present.length >= 20) {
    const numbers: string[] = [];
    const counts = new Map<string, number>();
    for (const v of present) {
      if (looksNumeric(v)) numbers.push(v);
      else counts.set(v, (counts.get(v) ?? 0) + 1);
    }
    const strays = present.length - numbers.length;
    const repeat = counts.size <= MAX_ONE_OFF_NOTES || strays >= 2 * counts.size;
    if (strays <= present.length * MAX_NOTE_SHARE && counts.size <= MAX_NOTES && repeat) {
      style = detectNumberStyle(numbers);
      notes = [...counts.entries()].sort((a, b) => b[1] - a[1] || (a[0] < b[0] ? -1 : 1)).map(([text]) => text);
    }
  }
  return style && !present.some((v) => PADDED_RE.test(v)) ? { style, notes } : null;
}

/** Infers a schema for every column; every column starts included. */
export function inferSchema(table: Table): ColumnSchema[] {
  return table.names.map((name, i) => inferColumn(name, table.columns[i]));
}

export function inferColumn(name: string, values: (string | null)[]): ColumnSchema {
  const present: string[] = [];
  for (const v of values) if (v !== null) present.push(v.trim());
  const missingShare = values.length === 0 ? 0 : 1 - present.length / values.length;
  const distinct = new Set(present).size;
  const base = { name, missingShare, distinct };
  // One value plus gaps is still a choice between two states, so only a truly fixed column is constant.
  if (distinct === 0 || (distinct === 1 && missingShare === 0)) return { ...base, kind: 'constant', include: true };

  const numeric = numericOf(present);
  if (numeric) {
    if (distinct === 2 && numeric.integer && numeric.min === 0 && numeric.max === 1) {
      return { ...base, kind: 'boolean', include: true };
    }
    const unique = distinct === present.length && missingShare === 0;
    const sequential = numeric.integer && numeric.max - numeric.min + 1 <= present.length * 1.5;
    if (unique && numeric.integer && (sequential || ID_NAME_RE.test(name))) return { ...base, kind: 'id', include: true };
    return { ...base, kind: 'numeric', include: true, numeric };
  }
  if (distinct <= 2 && present.every((v) => BOOL_TOKENS.has(v.toLowerCase()))) {
    return { ...base, kind: 'boolean', include: true };
  }
  const date = detectDateFormat(sampleOf(present, 2000));
  if (date && present.every((v) => !Number.isNaN(parseDate(v, date)))) {
    return { ...base, kind: 'datetime', include: true, date };
  }
  const nearUnique = distinct / present.length > 0.9 && present.length >= 20;
  if (distinct === present.length || nearUnique) return { ...base, kind: 'id', include: true };
  return { ...base, kind: 'categorical', include: true };
}

/** What a column of numbers (and notes) needs to be read and written; null when it is not one. */
function numericOf(present: string[]): NumericInfo | null {
  const read = numberStyleOf(present);
  if (!read) return null;
  const info = numericInfo(present, read.style);
  return read.notes.length ? { ...info, notes: read.notes } : info;
}

export function numericInfo(present: string[], style: NumberStyle = PLAIN_STYLE): NumericInfo {
  let min = Infinity;
  let max = -Infinity;
  let decimals = 0;
  let significant = 0;
  let integer = true;
  for (const text of present) {
    const x = readNumber(text, style);
    if (Number.isNaN(x)) continue;
    if (x < min) min = x;
    if (x > max) max = x;
    if (!Number.isInteger(x)) integer = false;
    // Accounts bracket negatives, `(1,234.50)`: the bracket is not a decimal place.
    const trimmed = (style.parens ? bracketed(text) : null) ?? text.trim();
    const digits = trimmed.slice(0, trimmed.length - style.suffix.trim().length).trimEnd();
    const e = digits.search(/[eE]/);
    if (e >= 0) significant = Math.max(significant, digits.slice(0, e).replace(/\D/g, '').replace(/^0+/, '').length || 1);
    const mark = digits.lastIndexOf(style.decimal);
    if (mark >= 0 && e < 0) decimals = Math.max(decimals, digits.length - mark - 1);
  }
  // Eight places past the first digit that counts: more is float noise, fewer zeroes out 0.000000012.
  const largest = Math.max(Math.abs(min), Math.abs(max));
  const cap = 8 + (largest > 0 && largest < 1 ? Math.max(0, -Math.floor(Math.log10(largest)) - 1) : 0);
  const info: NumericInfo = { integer, decimals: Math.min(decimals, cap), min, max };
  if (significant > 0) info.significant = Math.min(significant, 8);
  return style === PLAIN_STYLE ? info : { ...info, style };
}

/** Whether the model learns the column: included, and neither an ID (regenerated) nor a constant (copied). */
export function isModelled(column: ColumnSchema): boolean {
  return column.include && column.kind !== 'id' && column.kind !== 'constant';
}

/** Throws when the schema leaves the model nothing to learn (only IDs and constants, or nothing included). */
export function requireModelledColumn(schema: ColumnSchema[]): void {
  if (!schema.some(isModelled)) {
    throw new InputError('No column is left to model. Include at least one numeric, categorical, boolean or date column.');
  }
}

/** Reads a numeric column's text as numbers, in the style the seed writes them. */
export function numericReader(info: NumericInfo | undefined): (text: string) => number {
  const style = info?.style;
  return style ? (text) => readNumber(text, style) : Number;
}

/** Re-derives what a kind needs when the user picks another kind for a column. */
export function withKind(column: ColumnSchema, kind: ColumnKind, values: (string | null)[]): ColumnSchema {
  const present = values.filter((v): v is string => v !== null).map((v) => v.trim());
  const next: ColumnSchema = { ...column, kind, numeric: undefined, date: undefined };
  if (kind === 'numeric') {
    // Asked for by the user, padded codes (ZIP codes) may be numbers too.
    const plain = detectNumberStyle(present);
    const numeric = numericOf(present) ?? (plain ? numericInfo(present, plain) : null);
    if (!numeric) throw new Error(`"${column.name}" has values that are not numbers, so it cannot be numeric.`);
    next.numeric = numeric;
  }
  if (kind === 'datetime') {
    const date = detectDateFormat(sampleOf(present, 2000));
    if (!date) throw new Error(`"${column.name}" has values that are not dates in one format, so it cannot be a date column.`);
    next.date = date;
  }
  return next;
}

function sampleOf<T>(values: T[], n: number): T[] {
  if (values.length <= n) return values;
  const step = values.length / n;
  return Array.from({ length: n }, (_, i) => values[Math.floor(i * step)]);
}
