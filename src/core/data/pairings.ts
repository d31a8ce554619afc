// Pairs of categories that never go together: a deposit is never made at an ATM, a memo
// belongs to its transaction type's memos, a team never plays itself.
import { isModelled, type ColumnSchema } from './schema';
import { codesOf } from './lookups';
import type { Table } from './table';

/**
 * `column` takes only the listed values on rows whose `when` is one of `allowed`'s keys: a memo
 * among the deposit memos for a deposit, a withdrawal or fee (not a deposit) at an ATM. Values
 * as the seed writes them; a row with either cell blank, or a `when` not listed, is not judged.
 */
export type AmongRule = { kind: 'among'; column: string; when: string; allowed: Record<string, string[]> };

/** `left` and `right` never hold the same value: a home team and its opponent. Blank cells are not judged. */
export type DifferRule = { kind: 'differ'; left: string; right: string };

// Categories of more values than this are not searched: the lists would be no rule a person reads.
const MAX_VALUES = 20;
const MAX_COLUMNS = 40;
const MIN_ROWS = 20;
// One pairing at least must be missing against this many rows expected: a pattern, not rare values.
const MIN_EXPECTED = 7;
// The missing pairings must hold this share of the rows that independence would put there: on
// a census, no rule from the few rows that never worked missing most occupations.
const MIN_MISSING_SHARE = 0.01;

export function describeAmong(rule: AmongRule): string {
  const entries = Object.entries(rule.allowed);
  // A value seen with the column blank only (no contractor for in-house repairs) allows no other.
  const list = (values: string[]) => (values.length === 0 ? 'blank' : values.length === 1 ? values[0] : `${values.slice(0, -1).join(', ')} or ${values[values.length - 1]}`);
  if (entries.length === 1) return `${rule.column} is ${list(entries[0][1])} when ${rule.when} is ${entries[0][0]}`;
  return `${rule.column} by ${rule.when}: ${entries.map(([key, values]) => `${list(values)} for ${key}`).join('; ')}`;
}

export function describeDiffer(rule: DifferRule): string {
  return `${rule.left} ≠ ${rule.right}`;
}

/** Whether row r keeps the rule, given the two columns' cells. */
export function amongChecker(rule: AmongRule, column: (string | null)[], when: (string | null)[]): (r: number) => boolean {
  const allowed = new Map(Object.entries(rule.allowed).map(([key, values]) => [key, new Set(values)]));
  return (r) => {
    const [x, w] = [column[r], when[r]];
    if (x === null || w === null) return true;
    const values = allowed.get(w);
    return values === undefined || values.has(x);
  };
}

export function differChecker(left: (string | null)[], right: (string | null)[]): (r: number) => boolean {
  return (r) => left[r] === null || left[r] !== right[r];
}

/** An among or differ rule from its JSON entry, or null where the entry is not one. */
export function parsePairing(e: Record<string, unknown>): AmongRule | DifferRule | null {
  const text = (x: unknown): x is string => typeof x === 'string' && x !== '';
  if (e.kind === 'differ') return text(e.left) && text(e.right) && e.left !== e.right ? { kind: 'differ', left: e.left, right: e.right } : null;
  if (e.kind !== 'among' || !text(e.column) || !text(e.when) || typeof e.allowed !== 'object' || e.allowed === null || Array.isArray(e.allowed)) return null;
  const entries = Object.entries(e.allowed as Record<string, unknown>);
  const lists = entries.every(([, values]) => Array.isArray(values) && values.length > 0 && values.every(text));
  return entries.length > 0 && lists ? { kind: 'among', column: e.column, when: e.when, allowed: Object.fromEntries(entries) as Record<string, string[]> } : null;
}

/**
 * Pairs of category columns some of whose pairings never occur where, were the two
 * independent, the seed would show them: a value a of `when` held on n rows misses value b
 * of the other with chance (1 − p_b)ⁿ (p_b: b's share of rows with both). The missing pairings'
 * chances multiplied must fall below e^maxLogChance divided by the pairs searched, and one at
 * least must be missing against MIN_EXPECTED rows, and all of them against MIN_MISSING_SHARE of
 * the rows. The rule lists, for each value of the column of fewer values that misses some, the
 * values seen with it. Pairs where one column fixes the other (a city's country) are left out:
 * the other is written from it. So is a pair whose missing pairings follow from two others
 * through a third column (memos at an ATM, from memos by type and no deposits at an ATM), and
 * one that only says what a `differ` rule found says (no team plays itself).
 */
export function amongRules(table: Table, schema: ColumnSchema[], maxLogChance: number, differs: DifferRule[] = []): AmongRule[] {
  const columns = schema
    .filter((c) => isModelled(c) && (c.kind === 'categorical' || c.kind === 'boolean') && c.distinct >= 2 && c.distinct <= MAX_VALUES)
    .slice(0, MAX_COLUMNS);
  const pairs = (columns.length * (columns.length - 1)) / 2;
  const odds = maxLogChance - Math.log(Math.max(1, pairs));
  const keys = repeatedKeys(table, schema);
  const found: Found[] = [];
  for (let i = 0; i < columns.length; i++) {
    for (let j = i + 1; j < columns.length; j++) {
      // `when` has fewer values, the earlier column among equals.
      const [w, x] = columns[j].distinct < columns[i].distinct ? [columns[j], columns[i]] : [columns[i], columns[j]];
      const f = among(table, w.name, x.name, odds, weightsFor(keys, table, w.name, x.name));
      const differ = differs.some((d) => [d.left, d.right].includes(w.name) && [d.left, d.right].includes(x.name));
      if (f && !(differ && onlyItself(f.rule, f.values.get(x.name)!.length))) found.push(f);
    }
  }
  // The shortest lists first: of three that imply each other, the two simplest stay.
  const size = (f: Found) => Object.values(f.rule.allowed).reduce((n, values) => n + values.length, 0);
  found.sort((a, b) => size(a) - size(b) || a.logChance - b.logChance);
  const kept: Found[] = [];
  for (const f of found) if (!implied(f, kept)) kept.push(f);
  // One kept early may follow from two kept after it: the longest go first.
  for (const f of [...kept].reverse()) {
    if (implied(f, kept.filter((g) => g !== f))) kept.splice(kept.indexOf(f), 1);
  }
  return kept.map((f) => f.rule);
}

interface Found {
  rule: AmongRule;
  logChance: number;
  /** Whether value u of column `a` is seen with value v of column `b` (names as in the rule). */
  seen: (a: string, u: string, b: string, v: string) => boolean;
  /** Each column's values. */
  values: Map<string, string[]>;
}

const joins = (f: Found, a: string, b: string) => f.values.has(a) && f.values.has(b);

/** Whether g and h, through the column they share, rule out every pairing f rules out. */
function implies(g: Found, h: Found, f: Found): boolean {
  const [a, b] = [f.rule.when, f.rule.column];
  const middle = [...g.values.keys()].find((c) => c !== a && c !== b && h.values.has(c));
  if (middle === undefined || !joins(g, a, middle) || !joins(h, middle, b)) return false;
  const mids = g.values.get(middle)!;
  for (const u of f.values.get(a)!) {
    for (const v of f.values.get(b)!) {
      if (f.seen(a, u, b, v)) continue;
      if (mids.some((m) => g.seen(a, u, middle, m) && h.seen(middle, m, b, v))) return false;
    }
  }
  return true;
}

/** Whether f follows from two of the rules kept. */
function implied(f: Found, kept: Found[]): boolean {
  return kept.some((g) => kept.some((h) => g !== h && implies(g, h, f)));
}

/** Rows a repeated ID holds on average at least before its rows are counted as one. */
const MIN_REPEATS = 1.15;

interface RepeatedKey {
  cells: (string | null)[];
  weights: Float64Array;
  repeats: number;
}

/** Repeated IDs, most rows a key first, each with its rows' weights: one over its key's rows. */
function repeatedKeys(table: Table, schema: ColumnSchema[]): RepeatedKey[] {
  const keys: RepeatedKey[] = [];
  for (const c of schema) {
    if (!c.include || c.kind !== 'id') continue;
    const cells = table.columns[table.names.indexOf(c.name)];
    const sizes = new Map<string, number>();
    for (const v of cells) if (v !== null) sizes.set(v, (sizes.get(v) ?? 0) + 1);
    const repeats = sizes.size ? [...sizes.values()].reduce((a, b) => a + b, 0) / sizes.size : 0;
    if (repeats < MIN_REPEATS) continue;
    const weights = Float64Array.from(cells, (v) => (v === null ? 1 : 1 / sizes.get(v)!));
    keys.push({ cells, weights, repeats });
  }
  return keys.sort((a, b) => b.repeats - a.repeats);
}

/** Whether each key of `key` holds one value of `cells` (blanks aside). */
function fixedBy(key: (string | null)[], cells: (string | null)[]): boolean {
  const seen = new Map<string, string | null>();
  for (let r = 0; r < key.length; r++) {
    const [k, v] = [key[r], cells[r]];
    if (k === null || v === null) continue;
    if (!seen.has(k)) seen.set(k, v);
    else if (seen.get(k) !== v) return false;
  }
  return true;
}

/**
 * Each row's weight as evidence on a pair of columns: where a repeated ID fixes one of them (a
 * volunteer's first name), one over its key's rows, else 1. A key's rows repeat what it fixes,
 * and mostly its other values too (a volunteer's site), so 786 shifts of 70 volunteers are
 * about 70 draws of a name and a site, not 786: counted in rows, the names never seen at a site
 * read as a rule. The key of most rows a key first.
 */
function weightsFor(keys: RepeatedKey[], table: Table, a: string, b: string): Float64Array | null {
  const cells = (name: string) => table.columns[table.names.indexOf(name)];
  return keys.find((k) => fixedBy(k.cells, cells(a)) || fixedBy(k.cells, cells(b)))?.weights ?? null;
}

function among(table: Table, whenName: string, columnName: string, odds: number, weights: Float64Array | null): Found | null {
  const cells = (name: string) => table.columns[table.names.indexOf(name)];
  const [w, x] = [codesOf(cells(whenName)), codesOf(cells(columnName))];
  if (fixes(w.codes, x.codes) || fixes(x.codes, w.codes)) return null;
  const [m, k] = [w.texts.length, x.texts.length];
  const counts = new Float64Array(m * k);
  const [rowsOf, share] = [new Float64Array(m), new Float64Array(k)];
  let n = 0;
  for (let r = 0; r < table.rowCount; r++) {
    const [a, b] = [w.codes[r], x.codes[r]];
    if (a < 0 || b < 0) continue;
    const weight = weights ? weights[r] : 1;
    counts[a * k + b] += weight;
    rowsOf[a] += weight;
    share[b] += weight;
    n += weight;
  }
  if (n < MIN_ROWS) return null;
  let logChance = 0;
  let strong = false;
  let missing = 0;
  for (let a = 0; a < m; a++) {
    for (let b = 0; b < k; b++) {
      if (counts[a * k + b] > 0) continue;
      const p = share[b] / n;
      logChance += rowsOf[a] * Math.log1p(-p);
      strong ||= rowsOf[a] * p >= MIN_EXPECTED;
      missing += rowsOf[a] * p;
    }
  }
  if (!strong || logChance >= odds || missing < MIN_MISSING_SHARE * n) return null;
  const allowed: Record<string, string[]> = {};
  for (let a = 0; a < m; a++) {
    const seen = x.texts.filter((_, b) => counts[a * k + b] > 0);
    if (seen.length < k) allowed[w.texts[a]] = seen.sort();
  }
  const ordered = Object.fromEntries(Object.entries(allowed).sort(([p], [q]) => (p < q ? -1 : p > q ? 1 : 0)));
  const [wIndex, xIndex] = [new Map(w.texts.map((v, i) => [v, i])), new Map(x.texts.map((v, i) => [v, i]))];
  const seen = (c: string, u: string, d: string, v: string) => {
    const [a, b] = c === whenName && d === columnName ? [wIndex.get(u), xIndex.get(v)] : c === columnName && d === whenName ? [wIndex.get(v), xIndex.get(u)] : [undefined, undefined];
    return a !== undefined && b !== undefined && counts[a * k + b] > 0;
  };
  return {
    rule: { kind: 'among', column: columnName, when: whenName, allowed: ordered },
    logChance,
    seen,
    values: new Map([[whenName, w.texts], [columnName, x.texts]]),
  };
}

/** Whether each listed value rules out only itself among the other column's `count` values. */
function onlyItself(rule: AmongRule, count: number): boolean {
  return Object.entries(rule.allowed).every(([key, values]) => !values.includes(key) && values.length === count - 1);
}

/** Whether each value of `a`, blank included, is seen with one value of `b` only. */
function fixes(a: Int32Array, b: Int32Array): boolean {
  const map = new Map<number, number>();
  for (let r = 0; r < a.length; r++) {
    const seen = map.get(a[r]);
    if (seen === undefined) map.set(a[r], b[r]);
    else if (seen !== b[r]) return false;
  }
  return true;
}

/**
 * Pairs of category columns sharing values that never hold the same one on a row, where were
 * they independent, rows would: a row matches with chance Σ p_left(v) p_right(v).
 */
export function differRules(table: Table, schema: ColumnSchema[], maxLogChance: number): DifferRule[] {
  const columns = schema.filter((c) => isModelled(c) && c.kind === 'categorical' && c.distinct >= 2).slice(0, MAX_COLUMNS);
  const odds = maxLogChance - Math.log(Math.max(1, (columns.length * (columns.length - 1)) / 2));
  const rules: DifferRule[] = [];
  for (let i = 0; i < columns.length; i++) {
    for (let j = i + 1; j < columns.length; j++) {
      const [left, right] = [columns[i], columns[j]].map((c) => table.columns[table.names.indexOf(c.name)]);
      const [shareLeft, shareRight] = [new Map<string, number>(), new Map<string, number>()];
      let n = 0;
      let same = false;
      for (let r = 0; r < table.rowCount && !same; r++) {
        const [a, b] = [left[r], right[r]];
        if (a === null || b === null) continue;
        same = a === b;
        shareLeft.set(a, (shareLeft.get(a) ?? 0) + 1);
        shareRight.set(b, (shareRight.get(b) ?? 0) + 1);
        n++;
      }
      if (same || n < MIN_ROWS) continue;
      let match = 0;
      for (const [v, c] of shareLeft) match += (c / n) * ((shareRight.get(v) ?? 0) / n);
      if (match > 0 && n * Math.log1p(-match) < odds) rules.push({ kind: 'differ', left: columns[i].name, right: columns[j].name });
    }
  }
  return rules;
}
