import { isModelled, type ColumnSchema } from '../data/schema';
import type { Table } from '../data/table';
import type { Rng } from '../util/rng';
import { bounds } from './codecs';
import { determines } from './derived';
import { fitAges, fitCarried, fitRunning, fitSpacing, inDateOrder, type Aged, type Carried, type Running, type Spaced } from './keySequences';

// An ID repeated over several rows (a customer's monthly bills, a student's exams) is written
// fresh, and shared by a few generated rows at a time: as many as the seed's keys hold, rows
// that agree on every column the seed fixes for a key (the customer's plan, the student's class).

/**
 * What a repeated key keeps: the columns each key fixes in the seed, its rows per key there, and
 * a column no key holds a value of twice (a student's subjects, a customer's bill months).
 */
export interface KeyGroups {
  fixed: string[];
  sizes: number[];
  distinct?: string;
  /**
   * An earlier key each of whose keys holds one of these (an order its customer): this key is
   * shared by whole keys of that one, `units` of them at a time as in the seed.
   */
  within?: string;
  units?: number[];
  /** Where some of this column's cells are blank: each key of `within` is blank on all its rows or on none. */
  wholeBlanks?: true;
  /**
   * Other columns each key fixes in the seed (a patient's date of birth, an order's visit date,
   * a project's client among many): a key's rows take its first row's values of them.
   */
  copied?: string[];
  /**
   * Columns each key fixes where they are not blank, blank on some of a key's rows and not on
   * others (a household income declared one term and not the next): a key's filled cells take
   * the value of its first filled one, and its blanks stay as drawn.
   */
  given?: string[];
  /** A date the key's rows step through as the seed's do (renewals about a year apart). */
  spaced?: Spaced;
  /** Counts of years from one date per key the table does not hold (an age at each visit). */
  aged?: Aged[];
  /** Numbers that run over the key's rows in date order (a points balance). */
  running?: Running[];
  /** Numbers carried over from the row before (a previous reading, a balance brought forward). */
  carried?: Carried[];
}

/** Rows a key holds on average at least (an allotment holder: 500 plots of 410 holders, 63 with two or more): fewer, and most rows are a key of their own. */
const MIN_REPEATS = 1.15;
/** Levels a fixed column may have: a number a key fixes but with a value on each (a lease's area) is no group. */
const MAX_LEVELS = 30;
/** Keys each set of values of the fixed columns holds on average, at least. */
const KEYS_PER_SET = 4;

/**
 * How a repeated ID's rows group, or null where its values do not repeat; `self` is its schema
 * index. With `builtFrom` (how each column is written from others: see `SequenceInput`), the
 * dates its rows step through and the counts of years they keep are read too.
 */
export function fitKeys(values: (string | null)[], table: Table, schema: ColumnSchema[], self = -1, builtFrom?: (name: string) => string | null): KeyGroups | null {
  const counts = new Map<string, number>();
  for (const v of values) if (v !== null) counts.set(v, (counts.get(v) ?? 0) + 1);
  const present = values.length - values.filter((v) => v === null).length;
  if (counts.size === 0 || present / counts.size < MIN_REPEATS) return null;
  // Columns each key fixes, fewest levels first; added while each set of their values still holds four keys on average:
  // keys are formed within a set, and one of two or three keys (a volunteer's first name, 21 of them over 70 keys) ran
  // out of rows mid-key, leaving 92 short keys. A column left out is copied from a key's first row instead.
  const candidates = schema
    .map((c, i) => [c, i] as const)
    .filter(([c]) => isModelled(c) && c.distinct >= 2 && c.distinct <= MAX_LEVELS)
    .filter(([, i]) => determines(values, table.columns[i]) !== null)
    .sort(([a], [b]) => a.distinct - b.distinct);
  const fixed: number[] = [];
  // One that splits no set further (a plan's fee beside the plan) is kept with it and not named.
  let sets = 1;
  for (const [, i] of candidates) {
    const tuples = new Set(values.map((_, r) => [...fixed, i].map((k) => table.columns[k][r]).join('\u0000')));
    if (tuples.size <= sets || KEYS_PER_SET * tuples.size > counts.size) continue;
    fixed.push(i);
    sets = tuples.size;
  }
  const distinct = distinctColumn(values, table, schema, new Set(candidates.map(([, i]) => i)));
  const within = finerKey(values, counts.size, table, schema, self);
  // A number or a date has too many values to group rows by, and so has a category of many.
  const others = schema.flatMap((c, i) => (i !== self && isModelled(c) && !fixed.includes(i) ? [i] : []));
  const copied = others.filter((i) => mostlyFixed(values, table.columns[i])).map((i) => schema[i].name);
  const given = others.filter((i) => !copied.includes(schema[i].name) && mostlyFixed(values, table.columns[i], true)).map((i) => schema[i].name);
  const held = new Set([...candidates.map(([c]) => c.name), ...copied, ...given]);
  // A key of whole finer keys (a customer's orders) leaves them to the finer one, whose rows share its dates.
  const sequence = builtFrom && !within && { keys: values, table, schema, held, builtFrom };
  const spaced = sequence && fitSpacing(sequence);
  const aged = sequence ? fitAges(sequence) : [];
  const order = sequence && inDateOrder(sequence, spaced || null);
  const running = sequence && order ? fitRunning(sequence, order) : [];
  const carried = sequence && order ? fitCarried(sequence, order) : [];
  return {
    fixed: fixed.map((i) => schema[i].name),
    sizes: [...counts.values()],
    ...(distinct !== null && { distinct: schema[distinct].name }),
    ...(within && { within: schema[within.column].name, units: within.units, ...(within.wholeBlanks && { wholeBlanks: true }) }),
    ...(copied.length > 0 && { copied }),
    ...(given.length > 0 && { given }),
    ...(spaced && { spaced }),
    ...(aged.length > 0 && { aged }),
    ...(running.length > 0 && { running }),
    ...(carried.length > 0 && { carried }),
  };
}

/** Keys that may hold two values of a copied column, as a share of keys: a tenant's email typed for two flats. */
const MAX_MIXED_KEYS = 0.02;

/**
 * Whether each key's rows hold one value of `cells`, beyond chance, on all but a few keys (rows
 * without a key do not count; nor blank cells, with `filledOnly`): copied from a key's first
 * row, those few keys' rows agree too.
 */
function mostlyFixed(keys: (string | null)[], cells: (string | null)[], filledOnly = false): boolean {
  const held = new Map<string, Set<string | null>>();
  keys.forEach((k, r) => k !== null && !(filledOnly && cells[r] === null) && held.set(k, (held.get(k) ?? new Set()).add(cells[r])));
  const mixed = new Set([...held].flatMap(([k, values]) => (values.size > 1 ? [k] : [])));
  if (mixed.size > MAX_MIXED_KEYS * held.size) return false;
  const rows = keys.flatMap((k, r) => (k === null || mixed.has(k) || (filledOnly && cells[r] === null) ? [] : [r]));
  return determines(rows.map((r) => keys[r]), rows.map((r) => cells[r])) !== null;
}

/**
 * Each row's cells of `columns` as those of the first row holding its ID (rows without one keep
 * theirs); with `filledOnly`, each filled cell as the first filled cell of its ID, blanks kept.
 */
export function copyWithinKeys(ids: (string | null)[], columns: (string | null)[][], filledOnly = false): void {
  for (const cells of columns) {
    const first = new Map<string, string | null>();
    for (let r = 0; r < ids.length; r++) {
      const id = ids[r];
      if (id === null || (filledOnly && cells[r] === null)) continue;
      if (first.has(id)) cells[r] = first.get(id)!;
      else first.set(id, cells[r]);
    }
  }
}

/**
 * An ID column before `self` with as many keys or more, each of which holds one of `values` (a
 * driver one cab), one with as many keys first: with how many of its keys each of these holds.
 */
function finerKey(values: (string | null)[], keys: number, table: Table, schema: ColumnSchema[], self: number): { column: number; units: number[]; wholeBlanks?: true } | null {
  // One of as many keys first: the same people under another name (an account and its customer), grouped alike.
  const earlier = Array.from({ length: Math.max(0, self) }, (_, a) => a).sort((a, b) => Number(schema[b].distinct === keys) - Number(schema[a].distinct === keys) || a - b);
  for (const a of earlier) {
    if (schema[a].kind !== 'id' || !schema[a].include || schema[a].distinct < keys) continue;
    const finer = table.columns[a];
    // It may be blank where the finer key is not (a student with no guardian's email on file, a
    // member's email on the years they were a junior): each finer key holds one value where it holds one.
    const rows = values.flatMap((v, r) => (v === null ? [] : [r]));
    const pick = (cells: (string | null)[]) => rows.map((r) => cells[r]);
    if (finer.some((v, r) => v === null && values[r] !== null) || determines(pick(finer), pick(values)) === null) continue;
    const held = new Map<string | null, Set<string | null>>();
    finer.forEach((v, r) => held.set(values[r], (held.get(values[r]) ?? new Set()).add(v)));
    held.delete(null);
    const blanks = new Map<string | null, Set<boolean>>();
    finer.forEach((v, r) => blanks.set(v, (blanks.get(v) ?? new Set()).add(values[r] === null)));
    const whole = values.includes(null) && [...blanks.values()].every((s) => s.size === 1);
    return { column: a, units: [...held.values()].map((s) => s.size), ...(whole && { wholeBlanks: true as const }) };
  }
  return null;
}

/** Levels a column no key repeats may have. */
const MAX_DISTINCT_LEVELS = 100;
/** How unlikely (natural log) a column's values must be to never repeat within a key by chance. */
const MAX_LOG_CHANCE = -20;

/**
 * The column whose values no key holds twice, beyond chance, most clearly: with shares p, a key
 * of k rows has no repeat with chance about exp(−C(k, 2) Σ p²). `fixedBy` names columns the key fixes.
 */
function distinctColumn(values: (string | null)[], table: Table, schema: ColumnSchema[], fixedBy: Set<number>): number | null {
  let best: { column: number; log: number } | null = null;
  for (const [i, c] of schema.entries()) {
    if (!isModelled(c) || fixedBy.has(i) || c.distinct < 2 || c.distinct > MAX_DISTINCT_LEVELS) continue;
    const cells = table.columns[i];
    const seen = new Map<string, Set<string | null>>();
    let repeats = false;
    for (let r = 0; r < values.length && !repeats; r++) {
      const key = values[r];
      if (key === null) continue;
      const held = seen.get(key) ?? new Set<string | null>();
      repeats = held.has(cells[r]);
      seen.set(key, held.add(cells[r]));
    }
    if (repeats) continue;
    const shares = new Map<string | null, number>();
    for (const v of cells) shares.set(v, (shares.get(v) ?? 0) + 1 / cells.length);
    const collide = [...shares.values()].reduce((a, p) => a + p * p, 0);
    const log = [...seen.values()].reduce((a, held) => a - ((held.size * (held.size - 1)) / 2) * collide, 0);
    if (log < MAX_LOG_CHANCE && (!best || log < best.log)) best = { column: i, log };
  }
  return best?.column ?? null;
}

/**
 * Each row's ID, shared by rows that agree on the fixed columns: keys as long as keys drawn
 * from the seed's, each taking the ID `ids` gives its first row (IDs stay unique across
 * batches, as rows' indices are), a row going to the first key that does not yet hold its
 * value of the distinct column. `cellsOf(name)` reads a column's kept rows.
 */
export function assignKeys(ids: string[], keys: KeyGroups, cellsOf: (name: string) => (string | null)[] | undefined, rng: Rng): string[] {
  const columns = keys.fixed.map(cellsOf).filter((c): c is (string | null)[] => c !== undefined);
  const groups = new Map<string, number[]>();
  for (let r = 0; r < ids.length; r++) {
    const tuple = columns.map((c) => c[r]).join('\u0000');
    const rows = groups.get(tuple);
    if (rows) rows.push(r);
    else groups.set(tuple, [r]);
  }
  const finer = keys.within === undefined ? undefined : cellsOf(keys.within);
  if (finer && keys.units) return byUnits(ids, finer, columns, keys.units, rng);
  const out = [...ids];
  const distinct = keys.distinct === undefined ? undefined : cellsOf(keys.distinct);
  const [smallest, largest] = bounds(keys.sizes);
  for (const rows of groups.values()) {
    // Keys still taking rows: each its ID, the rows it wants yet, the values of the distinct column it holds.
    type Key = { id: string; left: number; held: Set<string | null>; rows: number[] };
    const [open, made] = [[] as Key[], [] as Key[]];
    for (const r of rows) {
      const value = distinct ? distinct[r] : null;
      let key = open.find((k) => !k.held.has(value));
      if (!key) {
        key = { id: ids[r], left: keys.sizes[rng.int(keys.sizes.length)], held: new Set(), rows: [] };
        open.push(key);
        made.push(key);
      }
      out[r] = key.id;
      key.rows.push(r);
      if (distinct) key.held.add(value);
      if (--key.left <= 0) open.splice(open.indexOf(key), 1);
    }
    // A group's last keys end short when its rows run out (a project of one task where the seed's
    // have three or more): their rows join the group's other keys, smallest first, where they fit.
    for (const short of made.filter((k) => k.rows.length < smallest)) {
      for (const r of [...short.rows]) {
        const value = distinct ? distinct[r] : null;
        const takers = made.filter((k) => k !== short && k.rows.length >= smallest && k.rows.length < largest && !k.held.has(value));
        const into = takers.sort((a, b) => a.rows.length - b.rows.length)[0];
        if (!into) continue;
        out[r] = into.id;
        into.rows.push(r);
        if (distinct) into.held.add(value);
        short.rows.splice(short.rows.indexOf(r), 1);
      }
    }
  }
  return out;
}

/**
 * Each row's ID, shared by whole keys of a finer column (an order's rows all get one customer):
 * those keys grouped by the fixed columns their first row holds, then taken `units` at a time.
 */
function byUnits(ids: string[], finer: (string | null)[], columns: (string | null)[][], units: number[], rng: Rng): string[] {
  const rowsOf = new Map<string | null, number[]>();
  finer.forEach((v, r) => {
    const rows = rowsOf.get(v);
    if (rows) rows.push(r);
    else rowsOf.set(v, [r]);
  });
  const groups = new Map<string, number[][]>();
  for (const rows of rowsOf.values()) {
    const tuple = columns.map((c) => c[rows[0]]).join('\u0000');
    const group = groups.get(tuple);
    if (group) group.push(rows);
    else groups.set(tuple, [rows]);
  }
  const out = [...ids];
  for (const group of groups.values()) {
    for (let start = 0; start < group.length; ) {
      const size = units[rng.int(units.length)];
      const id = ids[group[start][0]];
      for (const rows of group.slice(start, start + size)) for (const r of rows) out[r] = id;
      start += size;
    }
  }
  return out;
}
