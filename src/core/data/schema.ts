import { detectDateFormat, parseDate, type DateFormat } from './dates';
import type { Table } from './table';

export type ColumnKind = 'numeric' | 'categorical' | 'boolean' | 'datetime' | 'id' | 'constant';
export const COLUMN_KINDS: readonly ColumnKind[] = ['numeric', 'categorical', 'boolean', 'datetime', 'id', 'constant'];

export interface NumericInfo {
  integer: boolean;
  decimals: number;
  min: number;
  max: number;
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

const NUMBER_RE = /^[+-]?(\d+\.?\d*|\.\d+)([eE][+-]?\d+)?$/;
const BOOL_TOKENS = new Set(['true', 'false', 'yes', 'no', 't', 'f', 'y', 'n']);
const ID_NAME_RE = /(^|[^a-z])(id|uuid|guid|key)$/i;

export function isNumberText(text: string): boolean {
  return NUMBER_RE.test(text.trim());
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

  if (present.every(isNumberText)) {
    const numeric = numericInfo(present);
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

export function numericInfo(present: string[]): NumericInfo {
  let min = Infinity;
  let max = -Infinity;
  let decimals = 0;
  let integer = true;
  for (const text of present) {
    const x = Number(text);
    if (x < min) min = x;
    if (x > max) max = x;
    if (!Number.isInteger(x)) integer = false;
    const dot = text.indexOf('.');
    if (dot >= 0 && !/[eE]/.test(text)) decimals = Math.max(decimals, text.length - dot - 1);
  }
  return { integer, decimals: Math.min(decimals, 8), min, max };
}

/** Re-derives what a kind needs when the user picks another kind for a column. */
export function withKind(column: ColumnSchema, kind: ColumnKind, values: (string | null)[]): ColumnSchema {
  const present = values.filter((v): v is string => v !== null).map((v) => v.trim());
  const next: ColumnSchema = { ...column, kind, numeric: undefined, date: undefined };
  if (kind === 'numeric') {
    if (!present.every(isNumberText)) throw new Error(`"${column.name}" has values that are not numbers, so it cannot be numeric.`);
    next.numeric = numericInfo(present);
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
