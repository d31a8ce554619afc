import { readColumns } from '../data/rules';
import { isModelled, type ColumnSchema } from '../data/schema';
import type { Table } from '../data/table';

/**
 * A number column's range within each value of the category that moves it most (a salary by
 * department, a price by product line), widened by a quarter of its width on each side: a
 * generated row far outside its category's range (a book at 16,000 € where the dearest is
 * 303 €) is drawn again. Values as the seed writes them, each with [low, high].
 */
export interface CategoryRange {
  column: string;
  by: string;
  ranges: [string, number, number][];
}

// Only a category that explains this share of a number's variance (η², the correlation ratio squared) bounds it.
const MIN_EXPLAINED = 0.25;
// A value needs this many rows with a number for its range to stand for it.
const MIN_GROUP_ROWS = 10;
const MAX_CATEGORY_VALUES = 50;
const MARGIN = 0.25;

/** The ranges of each number column (not derived from another) by the category that explains it most, where one explains enough. */
export function categoryRanges(table: Table, schema: ColumnSchema[], free: Set<string>): CategoryRange[] {
  const numbers = schema.filter((c) => free.has(c.name) && c.kind === 'numeric' && isModelled(c));
  const categories = schema.filter((c) => isModelled(c) && (c.kind === 'categorical' || c.kind === 'boolean') && c.distinct >= 2 && c.distinct <= MAX_CATEGORY_VALUES);
  if (numbers.length === 0 || categories.length === 0) return [];
  const values = readColumns(table, schema, numbers.map((c) => c.name));
  const out: CategoryRange[] = [];
  numbers.forEach((column, k) => {
    let best: { by: string; explained: number; groups: Map<string, number[]> } | null = null;
    for (const by of categories) {
      const cells = table.columns[table.names.indexOf(by.name)];
      const groups = new Map<string, number[]>();
      values[k].forEach((x, r) => {
        const cell = cells[r];
        if (Number.isNaN(x) || cell === null) return;
        const g = groups.get(cell);
        if (g) g.push(x);
        else groups.set(cell, [x]);
      });
      const explained = explainedShare([...groups.values()]);
      if (explained >= MIN_EXPLAINED && (!best || explained > best.explained)) best = { by: by.name, explained, groups };
    }
    if (!best) return;
    const ranges: [string, number, number][] = [];
    for (const [value, xs] of best.groups) {
      if (xs.length < MIN_GROUP_ROWS) continue;
      let [low, high] = [Infinity, -Infinity];
      for (const x of xs) [low, high] = [Math.min(low, x), Math.max(high, x)];
      const margin = MARGIN * (high - low);
      ranges.push([value, low - margin, high + margin]);
    }
    if (ranges.length) out.push({ column: column.name, by: best.by, ranges });
  });
  return out;
}

/** η²: the share of the numbers' variance that lies between the groups' means. */
function explainedShare(groups: number[][]): number {
  let [n, sum] = [0, 0];
  for (const g of groups) for (const x of g) [n, sum] = [n + 1, sum + x];
  if (n < 2 || groups.length < 2) return 0;
  const mean = sum / n;
  let [between, total] = [0, 0];
  for (const g of groups) {
    const m = g.reduce((s, x) => s + x, 0) / g.length;
    between += g.length * (m - mean) ** 2;
    for (const x of g) total += (x - mean) ** 2;
  }
  return total > 0 ? between / total : 0;
}

/** Counts (`count`) each row whose number lies outside its category's range, by what it broke. */
export function markOutOfRange(ranges: CategoryRange[], table: Table, schema: ColumnSchema[], count: (what: string, r: number) => void): void {
  for (const { column, by, ranges: within } of ranges) {
    const [xs] = readColumns(table, schema, [column]);
    const cells = table.columns[table.names.indexOf(by)];
    if (!cells) continue;
    const range = new Map(within.map(([value, low, high]) => [value, [low, high] as const]));
    for (let r = 0; r < xs.length; r++) {
      const bounds = cells[r] === null ? undefined : range.get(cells[r]!);
      if (bounds && !Number.isNaN(xs[r]) && (xs[r] < bounds[0] || xs[r] > bounds[1])) count(`${column} within its range for each ${by}`, r);
    }
  }
}
