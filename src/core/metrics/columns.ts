import { isModelled, type ColumnSchema } from '../data/schema';
import type { Table } from '../data/table';
import { numberReader } from './fidelity';

/** A column ready for arithmetic: numbers (NaN for missing) or category codes (-1 for missing). */
export type NumericColumn = { kind: 'number'; name: string; values: Float64Array };
export type CodedColumn = { kind: 'code'; name: string; values: Int32Array; labels: string[] };
export type PreparedColumn = NumericColumn | CodedColumn;

/** The columns a report compares: modelled columns only (no IDs, no constants, none excluded). */
export function comparable(schema: ColumnSchema[]): ColumnSchema[] {
  return schema.filter(isModelled);
}

/**
 * Reads each comparable column of several tables with shared category codes, so code 3
 * means the same category in the real and the synthetic table.
 */
export function prepare(schema: ColumnSchema[], tables: Table[]): PreparedColumn[][] {
  const columns = comparable(schema);
  const prepared: PreparedColumn[][] = tables.map(() => []);
  for (const column of columns) {
    if (column.kind === 'numeric' || column.kind === 'datetime') {
      const read = numberReader(column);
      tables.forEach((t, k) => {
        const raw = t.columns[t.names.indexOf(column.name)];
        prepared[k].push({ kind: 'number', name: column.name, values: Float64Array.from(raw, (v) => (v === null ? NaN : read(v))) });
      });
    } else {
      const index = new Map<string, number>();
      const labels: string[] = [];
      const codeOf = (v: string | null) => {
        if (v === null) return -1;
        let code = index.get(v);
        if (code === undefined) {
          code = labels.length;
          index.set(v, code);
          labels.push(v);
        }
        return code;
      };
      tables.forEach((t, k) => {
        const raw = t.columns[t.names.indexOf(column.name)];
        prepared[k].push({ kind: 'code', name: column.name, values: Int32Array.from(raw, codeOf), labels });
      });
    }
  }
  return prepared;
}

/** Smallest and largest present value (NaN is missing); [Infinity, -Infinity] when none is. */
export function extent(values: Float64Array): [number, number] {
  let lo = Infinity;
  let hi = -Infinity;
  for (const v of values) {
    if (Number.isNaN(v)) continue;
    if (v < lo) lo = v;
    if (v > hi) hi = v;
  }
  return [lo, hi];
}
