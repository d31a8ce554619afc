import type { DateFormat } from '../data/dates';
import { numericReader, type ColumnSchema } from '../data/schema';

/**
 * What a column's text becomes in JSON and Parquet (CSV keeps the text). Notes among a column's
 * values keep it text in Parquet, where a column has one type, and keep those cells text in JSON.
 */
export type ValueType =
  /** `integer`: the schema says whole numbers, so Parquet writes INT64 rather than DOUBLE. */
  | { kind: 'number'; read: (text: string) => number; integer: boolean }
  | { kind: 'boolean' }
  /** Dates and timestamps, not times of day: Parquet has no TIMESTAMP for those. */
  | { kind: 'date'; format: DateFormat }
  | { kind: 'text' };

export function valueTypes(columns: ColumnSchema[]): ValueType[] {
  return columns.map((c): ValueType => {
    // Styled numbers (`$1,234.50`, `12 %`) are read as the numbers they write; only CSV keeps the style.
    if (c.kind === 'numeric') return { kind: 'number', read: numericReader(c.numeric), integer: !!c.numeric?.integer && !c.notes };
    if (c.kind === 'boolean') return { kind: 'boolean' };
    if (c.kind === 'datetime' && c.date && !c.notes && !c.date.dateless) return { kind: 'date', format: c.date };
    return { kind: 'text' };
  });
}

const TRUE = new Set(['true', 'yes', 'y', 't', '1']);
const FALSE = new Set(['false', 'no', 'n', 'f', '0']);

/** The truth a boolean column's token writes (`yes`, `Y`, `t`, `TRUE`, `1`, `1.0` are true); null for any other text. */
export function readBoolean(text: string): boolean | null {
  const token = text.trim().toLowerCase();
  if (TRUE.has(token)) return true;
  if (FALSE.has(token)) return false;
  // A 0/1 column may write `1.0`: it was inferred boolean from its numbers.
  if (!/^[+-]?(\d+\.?\d*|\.\d+)$/.test(token)) return null;
  const x = Number(token);
  return x === 1 ? true : x === 0 ? false : null;
}
