import { isModelled, numberReader, type ColumnSchema } from './schema';
import type { Table } from './table';

/**
 * `column` is fixed by the pair of values of `by` (a loan's rate by its grade and its term, a
 * price by product and size): `values` lists `[first key, second key, value]` as the seed
 * writes them. Keys that are numbers match by number. A row with either key blank is not
 * judged; a pair the list lacks breaks the rule.
 */
export type LookupRule = { kind: 'lookup'; column: string; by: [string, string]; values: [string, string, string][] };

// Keys: categories of this many values at most, or whole numbers of this many (a term in months).
const MAX_KEY_VALUES = 20;
const MAX_NUMBER_KEY_VALUES = 12;
const MAX_KEYS = 20;
const MAX_TARGETS = 60;
// A list longer than this is no rule a person would write down, whatever chance says.
const MAX_PAIRS = 100;
const MIN_ROWS = 20;

/** How a key cell of `column` is matched: by number where the column holds numbers, else as written. */
function keyReader(column: ColumnSchema | undefined): (cell: string) => string {
  if (!column || (column.kind !== 'numeric' && column.kind !== 'datetime')) return (cell) => cell;
  const read = numberReader(column);
  return (cell) => {
    const x = read(cell);
    return Number.isNaN(x) ? cell : String(x);
  };
}

/**
 * The value a lookup rule gives for a row's two key cells: null where either is blank (not
 * judged), undefined where the pair is not listed.
 */
export function lookupReader(rule: LookupRule, schema: ColumnSchema[]): (a: string | null, b: string | null) => string | null | undefined {
  const [readA, readB] = rule.by.map((name) => keyReader(schema.find((c) => c.name === name)));
  const table = new Map(rule.values.map(([a, b, v]) => [`${readA(a)}\u0000${readB(b)}`, v]));
  return (a, b) => (a === null || b === null ? null : table.get(`${readA(a)}\u0000${readB(b)}`));
}

/** Whether a cell holds a lookup's value: equal numbers where the column holds numbers, else equal text. */
export function lookupMatcher(column: ColumnSchema | undefined): (cell: string | null, value: string) => boolean {
  if (!column || (column.kind !== 'numeric' && column.kind !== 'datetime')) return (cell, value) => cell === value;
  const read = numberReader(column);
  return (cell, value) => cell !== null && (cell === value || read(cell) === read(value));
}

export function describeLookup(rule: LookupRule): string {
  const pairs = rule.values.map(([a, b, v]) => `${v} for ${a}, ${b}`);
  return `${rule.column} is fixed by ${rule.by[0]} and ${rule.by[1]}: ${pairs.join('; ')}`;
}

/** A lookup rule from its JSON entry, or null where the entry is not one. */
export function parseLookup(e: Record<string, unknown>): LookupRule | null {
  const { column, by, values } = e;
  if (e.kind !== 'lookup' || typeof column !== 'string' || column === '') return null;
  const texts = (x: unknown, n: number): x is string[] => Array.isArray(x) && x.length === n && x.every((t) => typeof t === 'string' && t !== '');
  if (!texts(by, 2) || !Array.isArray(values) || values.length === 0 || !values.every((v) => texts(v, 3))) return null;
  return { kind: 'lookup', column, by: [by[0], by[1]], values: values as [string, string, string][] };
}

/** A column's cells as codes (−1 for blank), with the texts coded. */
export function codesOf(cells: (string | null)[], read: (cell: string) => string = (c) => c): { codes: Int32Array; texts: string[] } {
  const index = new Map<string, number>();
  const texts: string[] = [];
  const codes = new Int32Array(cells.length);
  cells.forEach((cell, r) => {
    if (cell === null) return void (codes[r] = -1);
    const key = read(cell);
    let k = index.get(key);
    if (k === undefined) index.set(key, (k = texts.push(cell) - 1));
    codes[r] = k;
  });
  return { codes, texts };
}

/**
 * Columns fixed by a pair of categories (or whole numbers of few values) that neither fixes
 * alone: a rate by grade and term. Judged on rows where both keys are present; the column must
 * never be blank there. Were the column independent of the keys, a group of k rows sharing a
 * pair would hold one value with chance Σ pᵥᵏ (pᵥ: each value's share), as for a column that
 * follows one category; proposed below e^maxLogChance divided by the pairs and columns searched.
 * `skip` names columns another rule writes; `tied` says whether a rule already names a column and both keys.
 */
export function lookupRules(table: Table, schema: ColumnSchema[], maxLogChance: number, skip: Set<string>, tied: (columns: string[]) => boolean = () => false): LookupRule[] {
  if (table.rowCount < MIN_ROWS) return [];
  const isKey = (c: ColumnSchema) =>
    isModelled(c) &&
    c.distinct >= 2 &&
    ((c.kind === 'categorical' || c.kind === 'boolean') ? c.distinct <= MAX_KEY_VALUES : c.kind === 'numeric' && c.numeric?.integer === true && c.distinct <= MAX_NUMBER_KEY_VALUES);
  const cells = (c: ColumnSchema) => table.columns[table.names.indexOf(c.name)];
  const keys = schema
    .filter(isKey)
    .slice(0, MAX_KEYS)
    .map((c) => ({ c, ...codesOf(cells(c), keyReader(c)) }));
  const targets = schema.filter((c) => isModelled(c) && c.kind !== 'datetime' && c.distinct >= 2 && !skip.has(c.name)).slice(0, MAX_TARGETS);
  const pairs = (keys.length * (keys.length - 1)) / 2;
  if (pairs === 0 || targets.length === 0) return [];
  const odds = maxLogChance - Math.log(pairs * targets.length);
  const rules: LookupRule[] = [];
  for (const target of targets) {
    const column = codesOf(cells(target), keyReader(target));
    const others = keys.filter((k) => k.c.name !== target.name);
    // One key that fixes it alone makes it a column that follows that key, or no rule of two.
    if (others.some((k) => fixedBy([k.codes], [k.texts.length], column.codes) !== null)) continue;
    search: for (let i = 0; i < others.length; i++) {
      for (let j = i + 1; j < others.length; j++) {
        const [a, b] = [others[i], others[j]];
        if (tied([target.name, a.c.name, b.c.name])) continue;
        const groups = fixedBy([a.codes, b.codes], [a.texts.length, b.texts.length], column.codes);
        if (!groups || groups.size > MAX_PAIRS || logChance(groups) >= odds) continue;
        const values = [...groups].map(([key, g]): [string, string, string] => [a.texts[Math.floor(key / b.texts.length)], b.texts[key % b.texts.length], column.texts[g.value]]);
        rules.push({ kind: 'lookup', column: target.name, by: [a.c.name, b.c.name], values: values.sort(byKeys) });
        break search;
      }
    }
  }
  return rules;
}

const byKeys = (x: [string, string, string], y: [string, string, string]) => x[0].localeCompare(y[0], undefined, { numeric: true }) || x[1].localeCompare(y[1], undefined, { numeric: true });

interface Group {
  value: number;
  rows: number;
}

/**
 * Each key's (or pair of keys') value, coded, mapped to the one value of `target` its rows
 * hold; null where a group holds two, or a blank. Rows with a blank key are not judged.
 */
function fixedBy(keys: Int32Array[], sizes: number[], target: Int32Array): Map<number, Group> | null {
  const groups = new Map<number, Group>();
  const [first, second] = keys;
  for (let r = 0; r < target.length; r++) {
    if (first[r] < 0 || (second && second[r] < 0)) continue;
    const key = second ? first[r] * sizes[1] + second[r] : first[r];
    const group = groups.get(key);
    if (target[r] < 0 || (group && group.value !== target[r])) return null;
    if (group) group.rows++;
    else groups.set(key, { value: target[r], rows: 1 });
  }
  return groups.size > 1 ? groups : null;
}

/** ln of the chance that groups of these sizes would each hold one value, were the target independent of the keys. */
function logChance(groups: Map<number, Group>): number {
  const counts = new Map<number, number>();
  let n = 0;
  for (const g of groups.values()) {
    counts.set(g.value, (counts.get(g.value) ?? 0) + g.rows);
    n += g.rows;
  }
  if (counts.size < 2 || n < MIN_ROWS) return 0;
  const shares = [...counts.values()].map((k) => k / n);
  let sum = 0;
  for (const g of groups.values()) sum += Math.log(Math.min(1, shares.reduce((s, p) => s + p ** g.rows, 0)));
  return sum;
}
