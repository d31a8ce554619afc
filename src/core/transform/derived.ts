import { isModelled, type ColumnSchema } from '../data/schema';
import type { Table } from '../data/table';
import { MAX_CATEGORIES } from './categorical';

/** A column the seed fixes given another's value: written from that value, not modelled. */
export interface Derivation {
  /** Schema index of the derived column and of the column it follows. */
  column: number;
  source: number;
  /** Source value → derived value, both exactly as the seed wrote them. */
  map: Map<string | null, string | null>;
  /** Rows of the seed with each source value. */
  counts: Map<string | null, number>;
}

/**
 * Values a source may have: more than a category keeps slots for (MAX_CATEGORIES), since a
 * source is encoded whole (a unit of 150, each in one building), but not a column of names.
 */
export const MAX_SOURCE_LEVELS = 2.5 * MAX_CATEGORIES;

// The seed must make a chance match this unlikely (natural log): groups that are constant
// only because they are small, or because one value dominates, are not a dependency.
const MAX_LOG_CHANCE = -20;

/**
 * Columns that another categorical column determines in the seed (a code beside its label,
 * a city's country). Modelled apart, the two are drawn from two softmaxes and disagree on
 * rare values (a "7th-8th" with 13 years of school); derived, they agree on every row.
 * Of two categorical columns that determine each other, the earlier one is modelled.
 */
export function findDerivations(table: Table, schema: ColumnSchema[]): Derivation[] {
  const candidates = schema.flatMap((c, i) => (isModelled(c) ? [i] : []));
  const sources = candidates.filter((i) => (schema[i].kind === 'categorical' || schema[i].kind === 'boolean') && schema[i].distinct <= MAX_SOURCE_LEVELS);
  const found = new Map<number, Derivation>();
  for (const column of [...candidates].reverse()) {
    for (const source of sources) {
      if (source === column || found.has(source)) continue;
      const fit = determines(table.columns[source], table.columns[column]);
      if (fit) {
        found.set(column, { column, source, ...fit });
        break;
      }
    }
  }
  // A source chosen before it was itself found derived hands over to its own source.
  for (const d of found.values()) {
    let from = found.get(d.source);
    while (from) {
      const map = new Map<string | null, string | null>();
      for (const [value, middle] of from.map) map.set(value, d.map.get(middle) ?? null);
      d.source = from.source;
      d.map = map;
      d.counts = from.counts;
      from = found.get(d.source);
    }
  }
  return [...found.values()].sort((a, b) => a.column - b.column);
}

/** The value map when every row with the same `source` value has the same `target` value, and that is no chance. */
export function determines(source: (string | null)[], target: (string | null)[]): Pick<Derivation, 'map' | 'counts'> | null {
  const map = new Map<string | null, string | null>();
  const groupSize = new Map<string | null, number>();
  for (let r = 0; r < source.length; r++) {
    const key = source[r];
    const seen = map.get(key);
    if (seen === undefined) map.set(key, target[r]);
    else if (seen !== target[r]) return null;
    groupSize.set(key, (groupSize.get(key) ?? 0) + 1);
  }
  const shares = new Map<string | null, number>();
  for (const v of target) shares.set(v, (shares.get(v) ?? 0) + 1 / target.length);
  if (shares.size < 2) return null;
  // Were target independent of source, a group of k rows would be constant with chance Σ pᵥᵏ.
  let logChance = 0;
  for (const k of groupSize.values()) {
    let chance = 0;
    for (const p of shares.values()) chance += p ** k;
    logChance += Math.log(Math.min(1, chance));
  }
  return logChance < MAX_LOG_CHANCE ? { map, counts: groupSize } : null;
}
