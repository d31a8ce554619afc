import type { FlagOp, Rule } from './rules';
import { comparable } from './units';
import { isModelled, type ColumnSchema } from './schema';
import type { Table } from './table';

const MIN_ROWS = 10;
// Flag columns and number columns searched, as for other pairs.
const MAX_FLAGS = 30;
const MAX_NUMBERS = 40;
// Texts that read as "yes": the value a flag rule names where a column has one.
const TRUE_TEXT = /^(true|yes|y|t|1|oui|vrai|si|sí|ja|sim|да)$/i;

// How two numbers of a row compare: below, equal, above; or not judged.
const [BELOW, EQUAL, ABOVE, NONE] = [0, 1, 2, 3];

/** The comparisons a flag may name, each as the set of outcomes (of a against b) it holds on. */
const FORMS: { op: FlagOp; swap: boolean; holds: number[] }[] = [
  { op: '=', swap: false, holds: [EQUAL] },
  { op: '<', swap: false, holds: [BELOW] },
  { op: '<', swap: true, holds: [ABOVE] },
  { op: '≤', swap: false, holds: [BELOW, EQUAL] },
  { op: '≤', swap: true, holds: [EQUAL, ABOVE] },
];

/**
 * Two-valued columns that say how two numbers (or dates) of their row compare: `Sold Out` is
 * TRUE exactly when attendance = capacity, `Needs reorder` is yes exactly when stock < its
 * reorder level. Judged on rows where both numbers are present; the flag must never be blank
 * there. Were the flag independent of the comparison, its k rows of one value would fall on
 * the comparison's rows with chance 1 / C(n, k); proposed below e^maxLogChance divided by the
 * pairs and flags searched. A column of three values may say all three ways (a match's result
 * H, D or A by its goals), where its rows of each would fall so with chance 1 / (n choose k₁, k₂, k₃).
 * `skip` names columns another rule already writes (a step).
 */
export function flagRules(table: Table, schema: ColumnSchema[], numbers: ColumnSchema[], values: Float64Array[], maxLogChance: number, skip: Set<string>): Rule[] {
  if (table.rowCount < MIN_ROWS) return [];
  const flags = schema.filter((c) => isModelled(c) && !skip.has(c.name) && (c.kind === 'categorical' || c.kind === 'boolean') && (c.distinct === 2 || c.distinct === 3)).slice(0, MAX_FLAGS);
  const picked = numbers.map((c, i) => ({ c, xs: values[i] })).slice(0, MAX_NUMBERS);
  const pairs: [number, number][] = [];
  // Only numbers a person would compare: a count beside a count, not a quantity beside a discount in %.
  for (let i = 0; i < picked.length; i++) for (let j = i + 1; j < picked.length; j++) if (comparable(picked[i].c, picked[j].c)) pairs.push([i, j]);
  if (flags.length === 0 || pairs.length === 0) return [];
  const odds = maxLogChance - Math.log(flags.length * pairs.length * 3);
  const rules: Rule[] = [];
  const outcomes = new Uint8Array(table.rowCount);
  const cellsOf = flags.map((f) => table.columns[table.names.indexOf(f.name)]);
  const found = new Set<string>();
  for (const [i, j] of pairs) {
    const [a, b] = [picked[i].xs, picked[j].xs];
    for (let r = 0; r < outcomes.length; r++) outcomes[r] = Number.isNaN(a[r] + b[r]) ? NONE : a[r] < b[r] ? BELOW : a[r] > b[r] ? ABOVE : EQUAL;
    flags.forEach((flag, f) => {
      if (found.has(flag.name)) return;
      const rule = flagOf(cellsOf[f], outcomes, odds);
      if (!rule) return;
      const [left, right] = rule.swap ? [picked[j].c.name, picked[i].c.name] : [picked[i].c.name, picked[j].c.name];
      rules.push({ kind: 'flag', column: flag.name, left, op: rule.op, right, values: rule.values });
      found.add(flag.name);
    });
  }
  const twos = flags.filter((f) => !found.has(f.name) && f.distinct === 2);
  return [...rules, ...rangeFlags(picked.slice(0, MAX_RANGE_NUMBERS), twos, cellsOf, flags, maxLogChance)];
}

// Numbers searched for a value and the two ends of its range: cubic in them.
const MAX_RANGE_NUMBERS = 12;

/**
 * Flags that are one value exactly where a number lies outside the range two others give (a
 * lab value against its reference range by sex): judged on rows with all three numbers, where
 * the low end is never above the high one. Chance as for flags of two numbers, divided by the
 * flags and triples searched.
 */
function rangeFlags(
  picked: { c: ColumnSchema; xs: Float64Array }[],
  flags: ColumnSchema[],
  cellsOf: (string | null)[][],
  all: ColumnSchema[],
  maxLogChance: number,
): Rule[] {
  const triples = picked.length * (picked.length - 1) * (picked.length - 2);
  if (flags.length === 0 || triples === 0) return [];
  const odds = maxLogChance - Math.log(flags.length * triples);
  const outcomes = new Uint8Array(picked[0].xs.length);
  const rules: Rule[] = [];
  const found = new Set<string>();
  for (let v = 0; v < picked.length; v++) {
    for (let lo = 0; lo < picked.length; lo++) {
      for (let hi = 0; hi < picked.length; hi++) {
        if (v === lo || v === hi || lo === hi || !comparable(picked[lo].c, picked[v].c) || !comparable(picked[hi].c, picked[v].c)) continue;
        const [x, a, b] = [picked[v].xs, picked[lo].xs, picked[hi].xs];
        let ordered = true;
        for (let r = 0; r < outcomes.length && ordered; r++) {
          if (Number.isNaN(x[r] + a[r] + b[r])) outcomes[r] = NONE;
          else if (a[r] > b[r]) ordered = false;
          else outcomes[r] = x[r] < a[r] || x[r] > b[r] ? BELOW : EQUAL;
        }
        if (!ordered) continue;
        for (const flag of flags) {
          if (found.has(flag.name)) continue;
          const values = outsideOf(cellsOf[all.indexOf(flag)], outcomes, odds);
          if (!values) continue;
          rules.push({ kind: 'flag', column: flag.name, left: picked[v].c.name, op: 'outside', right: picked[lo].c.name, upper: picked[hi].c.name, values });
          found.add(flag.name);
        }
      }
    }
  }
  return rules;
}

/** The flag's value on the rows outside (BELOW) and inside (EQUAL), where each holds one and chance does not explain it. */
function outsideOf(cells: (string | null)[], outcomes: Uint8Array, maxLogChance: number): [string, string] | null {
  let [outside, inside]: (string | null | undefined)[] = [undefined, undefined];
  let [n, k] = [0, 0];
  for (let r = 0; r < outcomes.length; r++) {
    const o = outcomes[r];
    if (o === NONE) continue;
    const cell = cells[r];
    if (cell === null) return null;
    if (o === BELOW) {
      if (outside === undefined) outside = cell;
      else if (outside !== cell) return null;
      k++;
    } else if (inside === undefined) inside = cell;
    else if (inside !== cell) return null;
    n++;
  }
  if (typeof outside !== 'string' || typeof inside !== 'string' || outside === inside || n < MIN_ROWS) return null;
  return logChoose(n, k) > -maxLogChance ? [outside, inside] : null;
}

/** The comparison `cells` follows on every judged row, beyond chance, with the value it names first. */
function flagOf(cells: (string | null)[], outcomes: Uint8Array, maxLogChance: number): { op: FlagOp; swap: boolean; values: [string, string] | [string, string, string] } | null {
  // The value each outcome takes, and how many rows of each.
  const taken: (string | null | undefined)[] = [undefined, undefined, undefined];
  const counts = [0, 0, 0];
  for (let r = 0; r < outcomes.length; r++) {
    const o = outcomes[r];
    if (o === NONE) continue;
    const cell = cells[r];
    if (cell === null) return null;
    if (taken[o] === undefined) taken[o] = cell;
    else if (taken[o] !== cell) return null;
    counts[o]++;
  }
  const texts = [...new Set(taken.filter((t): t is string => typeof t === 'string'))];
  const n = counts[0] + counts[1] + counts[2];
  if (texts.length === 3 && n >= MIN_ROWS) {
    const chance = logChoose(n, counts[BELOW]) + logChoose(n - counts[BELOW], counts[EQUAL]);
    return chance > -maxLogChance ? { op: 'compare', swap: false, values: taken as [string, string, string] } : null;
  }
  if (texts.length !== 2 || n < MIN_ROWS) return null;
  // Name the value that reads as yes, else the rarer one.
  const rows = (text: string) => counts.reduce((s, c, o) => s + (taken[o] === text ? c : 0), 0);
  const yes = texts.find((t) => TRUE_TEXT.test(t.trim())) ?? (rows(texts[0]) <= rows(texts[1]) ? texts[0] : texts[1]);
  const no = texts[0] === yes ? texts[1] : texts[0];
  if (logChoose(n, rows(yes)) <= -maxLogChance) return null;
  // The first form whose outcomes are exactly those the named value takes (unseen outcomes aside).
  for (const named of [yes, no]) {
    const form = FORMS.find(({ holds }) => [BELOW, EQUAL, ABOVE].every((o) => taken[o] === undefined || (taken[o] === named) === holds.includes(o)));
    if (form) return { op: form.op, swap: form.swap, values: named === yes ? [yes, no] : [no, yes] };
  }
  return null;
}

/** ln C(n, k). */
export function logChoose(n: number, k: number): number {
  let sum = 0;
  for (let i = 1; i <= Math.min(k, n - k); i++) sum += Math.log((n - i + 1) / i);
  return sum;
}
