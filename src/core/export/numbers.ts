import { numericReader, type ColumnSchema } from '../data/schema';

/** Per output column, how to read its text as a number; null for columns written as text. */
export type NumberReaders = (((text: string) => number) | null)[];

/** Readers for the columns of an output table, in order: numeric columns become numbers in JSON and Parquet. */
export function numberReaders(columns: ColumnSchema[]): NumberReaders {
  return columns.map((c) => (c.kind === 'numeric' ? numericReader(c.numeric) : null));
}
