import { isModelled, numberReader, type ColumnSchema } from '../data/schema';
import type { Table } from '../data/table';

export interface ColumnScore {
  name: string;
  metric: 'KS' | 'TVD';
  /** 1 − statistic: 1 means the shapes match. */
  score: number;
}

export interface ShapeReport {
  score: number;
  columns: ColumnScore[];
}

/** Column shapes: mean over modelled columns of 1 − KS (numbers, dates) or 1 − TVD (categories), missing cells included. */
export function columnShapes(real: Table, synth: Table, schema: ColumnSchema[]): ShapeReport {
  const columns: ColumnScore[] = [];
  for (const column of schema) {
    if (!isModelled(column)) continue;
    const a = real.columns[real.names.indexOf(column.name)];
    const b = synth.columns[synth.names.indexOf(column.name)];
    if (!a || !b) continue;
    if (column.kind === 'numeric' || column.kind === 'datetime') {
      const read = numberReader(column);
      const notes = column.notes ?? [];
      const leads: [number[], number[]] | undefined = notes.length ? [noteCounts(a, notes), noteCounts(b, notes)] : undefined;
      columns.push({ name: column.name, metric: 'KS', score: 1 - ksStatistic(numbersOf(a, read), numbersOf(b, read), a.length, b.length, leads) });
    } else {
      columns.push({ name: column.name, metric: 'TVD', score: 1 - totalVariation(a, b) });
    }
  }
  const score = columns.length ? columns.reduce((s, c) => s + c.score, 0) / columns.length : 1;
  return { score, columns };
}

export { numberReader } from '../data/schema';

/** Sorted finite values of a column; missing and unreadable cells are left out. */
export function numbersOf(values: (string | null)[], read: (t: string) => number): Float64Array {
  const out: number[] = [];
  for (const v of values) {
    if (v === null) continue;
    const x = read(v);
    if (Number.isFinite(x)) out.push(x);
  }
  return Float64Array.from(out).sort();
}

/** How many cells hold each note, in the schema's order: the point masses a column's notes put below its numbers. */
function noteCounts(values: (string | null)[], notes: string[]): number[] {
  const index = new Map(notes.map((n, i) => [n, i]));
  const counts = new Array<number>(notes.length).fill(0);
  for (const v of values) {
    const i = v === null ? undefined : index.get(v.trim());
    if (i !== undefined) counts[i]++;
  }
  return counts;
}

/**
 * Two-sample Kolmogorov–Smirnov statistic of two sorted samples. Given each sample's count of
 * cells, the cells with no value count as one point mass below every value, so a column that
 * loses or gains missing values scores worse, as TVD does for categories. `leads` splits
 * that mass: counts of notes ("unknown", "<0.5") each sample has, as point masses between
 * the missing cells and the numbers, so trading one note for another scores worse too.
 */
export function ksStatistic(a: Float64Array, b: Float64Array, aCells = a.length, bCells = b.length, leads?: [number[], number[]]): number {
  if (aCells === 0 || bCells === 0) return aCells === bCells ? 0 : 1;
  const [aNotes, bNotes] = leads ?? [[], []];
  let fa = (aCells - a.length - aNotes.reduce((s, c) => s + c, 0)) / aCells;
  let fb = (bCells - b.length - bNotes.reduce((s, c) => s + c, 0)) / bCells;
  let d = Math.abs(fa - fb);
  for (let k = 0; k < aNotes.length; k++) {
    fa += aNotes[k] / aCells;
    fb += bNotes[k] / bCells;
    d = Math.max(d, Math.abs(fa - fb));
  }
  let i = 0;
  let j = 0;
  while (i < a.length || j < b.length) {
    const x = Math.min(i < a.length ? a[i] : Infinity, j < b.length ? b[j] : Infinity);
    while (i < a.length && a[i] <= x) i++;
    while (j < b.length && b[j] <= x) j++;
    fa = (aCells - a.length + i) / aCells;
    fb = (bCells - b.length + j) / bCells;
    d = Math.max(d, Math.abs(fa - fb));
  }
  return d;
}

/** Total variation distance between two categorical samples; missing counts as a category. */
export function totalVariation(a: (string | null)[], b: (string | null)[]): number {
  const shares = new Map<string | null, [number, number]>();
  for (const v of a) (shares.get(v) ?? shares.set(v, [0, 0]).get(v)!)[0] += 1 / a.length;
  for (const v of b) (shares.get(v) ?? shares.set(v, [0, 0]).get(v)!)[1] += 1 / b.length;
  let sum = 0;
  for (const [p, q] of shares.values()) sum += Math.abs(p - q);
  return sum / 2;
}
