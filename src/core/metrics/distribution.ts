import { formatDate } from '../data/dates';
import type { ColumnSchema } from '../data/schema';
import { numberReader, numbersOf } from './fidelity';

/** Real and synthetic shares over the same bins or categories, for a side-by-side chart. */
export interface Distribution {
  name: string;
  kind: 'histogram' | 'bars';
  labels: string[];
  /** Bin left edges (histograms only). */
  edges: number[];
  real: number[];
  synth: number[];
}

const BINS = 20;
const TOP = 12;

export function distributionOf(column: ColumnSchema, real: (string | null)[], synth: (string | null)[]): Distribution {
  if (column.kind === 'numeric' || column.kind === 'datetime') {
    const read = numberReader(column);
    const a = numbersOf(real, read);
    const b = numbersOf(synth, read);
    const steps = fewValues(a, BINS);
    if (steps) {
      const share = (xs: Float64Array) => steps.map((v) => xs.filter((x) => x === v).length / (xs.length || 1));
      return { name: column.name, kind: 'bars', labels: steps.map((v) => edgeLabel(column, v)), edges: [], real: share(a), synth: share(b) };
    }
    const lo = a.length ? a[0] : 0;
    const hi = a.length ? a[a.length - 1] : 1;
    const width = (hi - lo) / BINS || 1;
    const edges = Array.from({ length: BINS }, (_, i) => lo + i * width);
    const bin = (xs: Float64Array) => {
      const counts = new Array<number>(BINS).fill(0);
      for (const x of xs) counts[Math.max(0, Math.min(BINS - 1, Math.floor((x - lo) / width)))] += 1 / (xs.length || 1);
      return counts;
    };
    return { name: column.name, kind: 'histogram', labels: edges.map((e, i) => binLabel(column, e, e + width, i === BINS - 1)), edges, real: bin(a), synth: bin(b) };
  }
  const counts = new Map<string, number>();
  for (const v of real) counts.set(v ?? '(missing)', (counts.get(v ?? '(missing)') ?? 0) + 1);
  const labels = [...counts.entries()].sort((x, y) => y[1] - x[1]).slice(0, TOP).map(([k]) => k);
  const share = (values: (string | null)[]) => {
    const index = new Map(labels.map((l, i) => [l, i]));
    const out = new Array<number>(labels.length).fill(0);
    for (const v of values) {
      const i = index.get(v ?? '(missing)');
      if (i !== undefined) out[i] += 1 / (values.length || 1);
    }
    return out;
  };
  return { name: column.name, kind: 'bars', labels: labels.map((l) => l.trim()), edges: [], real: share(real), synth: share(synth) };
}

/** A column's own small distribution for the schema panel: 16 bins, or its 6 most common values. */
export function miniDistribution(column: ColumnSchema, values: (string | null)[]): { labels: string[]; shares: number[] } {
  if (column.kind === 'numeric' || column.kind === 'datetime') {
    const xs = numbersOf(values, numberReader(column));
    const bins = 16;
    const steps = fewValues(xs, bins);
    if (steps) return { labels: steps.map((v) => edgeLabel(column, v)), shares: steps.map((v) => xs.filter((x) => x === v).length / xs.length) };
    const lo = xs[0] ?? 0;
    const width = ((xs[xs.length - 1] ?? 1) - lo) / bins || 1;
    const shares = new Array<number>(bins).fill(0);
    for (const x of xs) shares[Math.min(bins - 1, Math.floor((x - lo) / width))] += 1 / xs.length;
    return { labels: shares.map((_, i) => binLabel(column, lo + i * width, lo + (i + 1) * width, i === bins - 1)), shares };
  }
  if (column.kind === 'id' || column.kind === 'constant') return { labels: [], shares: [] };
  const counts = new Map<string, number>();
  for (const v of values) counts.set(v?.trim() ?? '(missing)', (counts.get(v?.trim() ?? '(missing)') ?? 0) + 1);
  const top = [...counts.entries()].sort((a, b) => b[1] - a[1]).slice(0, 6);
  return { labels: top.map(([k]) => k), shares: top.map(([, c]) => c / values.length) };
}

/** The distinct values of sorted `xs` when there are at most `max` (a five-step scale gets a bar each), else null. */
function fewValues(xs: Float64Array, max: number): number[] | null {
  const out: number[] = [];
  for (const x of xs) {
    if (out.length && out[out.length - 1] === x) continue;
    if (out.length === max) return null;
    out.push(x);
  }
  return out.length ? out : null;
}

const NUMBER_LABEL = new Intl.NumberFormat('en-US', { maximumSignificantDigits: 3 });
const WHOLE_LABEL = new Intl.NumberFormat('en-US', { maximumFractionDigits: 0 });
const WHOLE_UNGROUPED = new Intl.NumberFormat('en-US', { maximumFractionDigits: 0, useGrouping: false });

/** A whole number with separators, except four digits at most the seed never grouped: a year 1995, not 1,995 or 2,000. */
function whole(column: ColumnSchema, x: number): string {
  const n = column.numeric;
  const plain = n !== undefined && (n.style?.group ?? '') === '' && Math.max(Math.abs(n.min), Math.abs(n.max)) < 10_000;
  return (plain ? WHOLE_UNGROUPED : WHOLE_LABEL).format(x);
}

/**
 * A bin from `start` to `end` (`end` in it where `last`) as a reader writes it: the whole numbers
 * it holds for a column of whole numbers (`9–10`, not an edge of 8.44 no row holds), else its
 * left edge.
 */
function binLabel(column: ColumnSchema, start: number, end: number, last: boolean): string {
  if (column.kind !== 'numeric' || !column.numeric?.integer) return edgeLabel(column, start);
  const [from, to] = [Math.ceil(start), last ? Math.floor(end) : Math.ceil(end) - 1];
  return to > from ? `${whole(column, from)}–${whole(column, to)}` : whole(column, from);
}

/** A bin edge as a reader writes it: a date as a date (milliseconds mean nothing to a reader), a number to three digits (4,100, not 4.10e+3). */
function edgeLabel(column: ColumnSchema, edge: number): string {
  if (column.kind === 'datetime' && column.date) return formatDate(edge, column.date);
  return column.numeric?.integer && Number.isInteger(edge) ? whole(column, edge) : NUMBER_LABEL.format(edge);
}
