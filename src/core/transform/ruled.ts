import { annuityPayment, DAY_MS, floorTo, unitOf, flagValue, ratioOf, rateFor, rateValue, readColumns, ruleColumns, rowChecker, describeRuleIn, stepQuantity, stepValue, sumTolerance, sumWeights, type RateRule, type Rule, type SumUnit, type TimeUnit, type YearsRule } from '../data/rules';
import { datePart, partTexts, type DatePart } from '../data/dateParts';
import { addMonths, readIsoDay, wholeYears } from '../data/years';
import { PLAIN_STYLE, writeNumber } from '../data/numbers';
import { numberReader, type ColumnSchema } from '../data/schema';
import type { Table } from '../data/table';
import { lookupReader, type LookupRule } from '../data/lookups';
import { bracketsOf, type BracketsRule } from '../data/brackets';
import { formulaValue, type FormulaForm } from '../data/formulas';
import { excessOf, type ExcessRule } from '../data/excess';
import { periodEnd, type PeriodRule } from '../data/periods';
import type { Bounds, NumberCodec } from './continuous';
import { scaledWriter, scaleOf, spreadEnough, type Scaled } from './scaled';

/**
 * A column written from others. A rule's, so the rule holds by construction: `end` as `start`
 * plus a modelled gap that is never negative (as SDV's inequality transform does), a total as
 * the sum or product of its parts. Rules no construction covers are kept by redrawing rows that break them.
 * And a column the seed shows lying close to a straight line in another (`line`: a hire date
 * and the years since it), modelled as what is left off the line; see `straightLines`.
 */
export type Construction =
  /**
   * `column` as `low` plus a modelled gap that is never negative; with `below`, as `low` less
   * it (an attendance under a capacity that follows the venue, where the capacity is not modelled).
   */
  | { kind: 'gap'; column: string; low: string; below?: true }
  /**
   * The parts' sum less `minus`; with `times`, the product of two parts (an amount from a
   * quantity and a unit price), a hundredth of it with `percent`.
   */
  | ({ kind: 'sum'; column: string; parts: string[]; minus?: string[]; times?: true; percent?: true; off?: true; per?: true; square?: true; scale?: number; ceil?: true; unit?: SumUnit; units?: TimeUnit[]; dayBefore?: true; annuity?: true; formula?: FormulaForm; formulaRate?: number; early?: true; zeroBlanks?: true; pinned?: Pinned } & Partial)
  | { kind: 'line'; column: string; from: string; slope: number }
  /** A rate rule's total, written as its column times the rate (its category's, where the rate is by one). */
  | ({ kind: 'rate'; column: string; rule: RateRule } & Partial)
  /** A period rule's end, written as its start plus its category's length. */
  | ({ kind: 'period'; column: string; rule: PeriodRule } & Partial)
  /**
   * A step rule's column, modelled as it is and written over from the step its number falls in;
   * with `keepBlank`, not where the model gave a blank (a delivery charge blank for collected orders).
   */
  | { kind: 'step'; column: string; from: string; since?: string; clock?: true; cutoffs: number[]; values: string[]; keepBlank?: true }
  /**
   * A date part rule's column, modelled as it is and written over from its date: each part
   * value as the seed writes it (`texts`); one the seed never shows is written as the number
   * itself where the seed's texts are their part values (`identity`: a year), else the row is redrawn.
   */
  | { kind: 'part'; column: string; date: string; part: DatePart; texts: [number, string | null][]; identity: boolean }
  /** A years rule's column (an age), modelled as it is and written over from its dates. */
  | YearsRule
  /** A flag rule's column (sold out), modelled as it is and written over from how its two numbers compare. */
  | Extract<Rule, { kind: 'flag' }>
  /**
   * A lookup rule's column (a rate by grade and term), modelled as it is and written over from its
   * two keys; with `freeBlank`, left as modelled where a key is blank, as the seed holds several
   * values there (a box charged at its plan's price, or 0 when skipped, where it has no discount code).
   */
  | (LookupRule & { freeBlank?: true })
  /**
   * An excess rule's column (overtime), modelled as it is and written over from the number it is
   * the part of; with `keepBlank`, not where the model gave a blank (the seed has some beside a number).
   */
  | (ExcessRule & { keepBlank?: true })
  /** A brackets rule's column (a tax), modelled as it is and written over from the number it is a function of; `keepBlank` as an excess's. */
  | (BracketsRule & { keepBlank?: true })
  | Within
  | Scaled;

/**
 * A sum whose total a zero rule pins on some values of a category (a balance 0 exactly when an
 * invoice is paid): on those rows the total is written as `value`, and `solve`, a modelled
 * member of the sum, is written so the sum holds (the amount paid, the amount due).
 */
export interface Pinned {
  when: string;
  values: (string | null)[];
  value: number;
  solve: string;
}

/**
 * A number kept inside or outside the range two others give, as its flag says (a lab value and
 * its abnormal flag): the flag is modelled, and a value on the wrong side is drawn again in place,
 * past the nearer end by one of the seed's distances (`gaps`, quantiles), below the range on a
 * `below` share of rows, or inside at one of the seed's relative places (`spots`). So the flag
 * keeps its share, and the rule holds.
 */
export interface Within {
  kind: 'within';
  column: string;
  flag: string;
  low: string;
  high: string;
  outside: string;
  inside: string;
  below: number;
  gaps: number[];
  spots: number[];
}

/**
 * A total the seed holds on rows missing a part (a total where the parts cost is blank) is
 * `partial`: modelled as it is, and written over from its parts where they are numbers and the
 * model gave it a number, so the rule holds wherever it can be judged and those rows stay.
 */
interface Partial {
  partial?: true;
}

/** A construction that models what is left of its column once another is taken off: a gap, a line's remainder, a scaled number's z. */
export type Remainder = Extract<Construction, { kind: 'gap' | 'line' | 'scaled' }>;

const isNumber = (x: number) => !Number.isNaN(x);
const inputsOf = (c: Construction): string[] => {
  // An `early` product reads its first part as the model gave it, before that part is written over.
  if (c.kind === 'sum' && c.early) return [...c.parts.slice(1), ...(c.minus ?? [])];
  if (c.kind === 'sum') return [...c.parts, ...(c.minus ?? [])];
  if (c.kind === 'rate') return [c.rule.of, ...(c.rule.times === undefined ? [] : [c.rule.times]), ...('by' in c.rule ? [c.rule.by] : [])];
  if (c.kind === 'period') return [c.rule.start, c.rule.by];
  if (c.kind === 'part') return [c.date];
  if (c.kind === 'years') return [c.from, ...('to' in c ? [c.to] : [])];
  if (c.kind === 'flag') return [c.left, c.right, ...(c.upper === undefined ? [] : [c.upper])];
  if (c.kind === 'lookup') return c.by;
  if (c.kind === 'excess') return [c.of, ...(c.since === undefined ? [] : [c.since]), ...(c.minus === undefined ? [] : [c.minus])];
  if (c.kind === 'brackets') return [c.of];
  if (c.kind === 'step') return [c.from, ...(c.since === undefined ? [] : [c.since])];
  if (c.kind === 'within') return [c.flag, c.low, c.high];
  if (c.kind === 'scaled') return [c.by, ...(c.then ? [c.then.by] : [])];
  return [c.kind === 'gap' ? c.low : c.from];
};
type Overwritten = Extract<Construction, { kind: 'step' | 'part' | 'years' | 'flag' | 'lookup' | 'excess' | 'brackets' | 'sum' | 'rate' | 'period' | 'within' }>;
const OVERWRITTEN = new Set<Construction['kind']>(['step', 'part', 'years', 'flag', 'lookup', 'excess', 'brackets', 'within']);
/** Constructions whose column is modelled, then written over from others: a step, a date part, years between dates, a flag, a lookup, an excess, brackets. */
export const isOverwritten = (c: Construction): c is Overwritten => OVERWRITTEN.has(c.kind) || (isTotal(c) && c.partial === true);
/** Constructions whose column is not modelled at all: written whole from other columns. */
export const isWritten = (c: Construction): c is Extract<Construction, { kind: 'sum' | 'rate' | 'period' }> => isTotal(c) && !c.partial;
const isTotal = (c: Construction): c is Extract<Construction, { kind: 'sum' | 'rate' | 'period' }> => c.kind === 'sum' || c.kind === 'rate' || c.kind === 'period';
const slopeOf = (c: Extract<Remainder, { kind: 'gap' | 'line' }>) => (c.kind === 'gap' ? 1 : c.slope);
/** −1 where the modelled gap lies below its base: the column is the base less the gap. */
const signOf = (c: Extract<Remainder, { kind: 'gap' | 'line' }>) => (c.kind === 'gap' && c.below ? -1 : 1);

/**
 * How closely two columns must follow a straight line (|Pearson r|) for one to be written from
 * the other. At 0.98 what is left off the line has a twentieth of the column's spread: a
 * generator that gets it a little wrong then gets the column nearly right. No pair of
 * independent columns reaches it by chance on the 30 rows a line needs at least: |r| ≥ 0.98
 * on 30 rows has a chance below 10⁻²⁰.
 */
export const LINE_MIN_R = 0.98;
const LINE_MIN_ROWS = 30;
/**
 * A line this tight is an exact proportion up to rounding (VAT at 20 % of the net, to the cent):
 * it is planned before the orders it implies, which would otherwise build the net from the VAT
 * plus a free gap and lose the proportion on every row.
 */
const EXACT_LINE_R = 0.9999;
const UNIT_SLOPE_TOLERANCE = 0.01;
/** A line goes before an order's gap on its column where what is left off it spreads less than this share of the gap's. */
const TIGHTER_LINE = 0.6;
/** A looser line goes before the orders only where its slope is this far from 1 or more. */
const LOOSE_SLOPE_TOLERANCE = 0.25;

/**
 * Pairs of modelled number or date columns (`free`) that lie close to a straight line, strongest
 * first: the one with more distinct values is written from the other (a date from a count of
 * years, not the count from the date), and only where it is a number wherever the other is,
 * or, of two dates or two numbers, blank on some of those rows (then written from the other,
 * fitted where both are).
 */
export function straightLines(table: Table, schema: ColumnSchema[], free: Set<string>): Extract<Construction, { kind: 'line' }>[] {
  return fittedLines(table, schema, free).map((f) => f.line);
}

/**
 * A looser line, between two numbers no rule names (kilometres driven and days rented, r 0.91):
 * a generator on a few hundred rows loses such a link (0.91 came out 0.44 on a reviewer's
 * rentals), while what is left off the line is nearly independent of the other number, which
 * is what such a generator writes best. Only where the line's column is spread out (20 values
 * or more, none on 5 % of rows) and on 100 rows or more.
 */
const LOOSE_LINE_R = 0.8;
const LOOSE_LINE_ROWS = 100;

/**
 * Loose lines (see `LOOSE_LINE_R`) between numbers of `free`, strongest first, each written
 * from a number of any rule into one no rule names but as a sign or an order (checked on it).
 */
function looseLines(table: Table, schema: ColumnSchema[], free: Set<string>, rules: Rule[]): Extract<Construction, { kind: 'line' }>[] {
  if (table.rowCount < LOOSE_LINE_ROWS) return [];
  const ruled = new Set(rules.flatMap((r) => (r.kind === 'range' || r.kind === 'order' ? [] : ruleColumns(r))));
  const numbers = new Set(schema.filter((c) => free.has(c.name) && c.kind === 'numeric').map((c) => c.name));
  const spread = (name: string) => !ruled.has(name) && (schema.find((c) => c.name === name)?.distinct ?? 0) >= 20 && spreadEnough(readColumns(table, schema, [name])[0]);
  return fittedLines(table, schema, numbers, LOOSE_LINE_R)
    .flatMap(({ line }) => (spread(line.column) ? [line] : spread(line.from) ? [{ ...line, column: line.from, from: line.column, slope: NaN }] : []))
    .map((line) => (Number.isNaN(line.slope) ? { ...line, slope: slopeBetween(table, schema, line.from, line.column) } : line));
}

/** The standard deviation of `xs` (0 for fewer than two). */
function spreadOf(xs: Float64Array): number {
  if (xs.length < 2) return 0;
  const mean = xs.reduce((s, x) => s + x, 0) / xs.length;
  return Math.sqrt(xs.reduce((s, x) => s + (x - mean) ** 2, 0) / (xs.length - 1));
}

/** Least-squares slope of `y` on `x`. */
function slopeBetween(table: Table, schema: ColumnSchema[], x: string, y: string): number {
  const [xs, ys] = readColumns(table, schema, [x, y]).map(centred);
  return lineFit(xs, ys)?.slope ?? 0;
}

/** `straightLines` with each line's |r|, strongest first. */
function fittedLines(table: Table, schema: ColumnSchema[], free: Set<string>, minR = LINE_MIN_R): { line: Extract<Construction, { kind: 'line' }>; r: number }[] {
  const picked = schema.filter((c) => free.has(c.name) && (c.kind === 'numeric' || c.kind === 'datetime'));
  const [numeric, kinds] = [picked.map((c) => c.name), picked.map((c) => c.kind)];
  // Each column centred once: a pair then costs one product over the rows, not two passes.
  const columns = readColumns(table, schema, numeric).map(centred);
  const found: { line: Extract<Construction, { kind: 'line' }>; r: number }[] = [];
  for (let i = 0; i < numeric.length; i++) {
    for (let j = i + 1; j < numeric.length; j++) {
      // Ties go to the later column, as a table usually lists what it is built from first.
      // A column blank on some rows of another of its kind (an actual start, blank until work
      // begins, beside its planned start; a sale price beside the list price) is written from
      // that other, on the rows it holds a number.
      const alike = kinds[i] === kinds[j];
      const within = (a: Centred, b: Centred) => alike && a.present < b.present && a.raw.every((v, r) => !isNumber(v) || isNumber(b.raw[r]));
      const blanks = within(columns[i], columns[j]) ? [j, i] : within(columns[j], columns[i]) ? [i, j] : null;
      const [x, y] = blanks ?? (columns[j].distinct >= columns[i].distinct ? [i, j] : [j, i]);
      const fit = lineFit(blanks ? centred(columns[x].raw.map((v, r) => (isNumber(columns[y].raw[r]) ? v : NaN))) : columns[x], columns[y]);
      if (fit && Math.abs(fit.r) >= minR) found.push({ line: { kind: 'line', column: numeric[y], from: numeric[x], slope: fit.slope }, r: Math.abs(fit.r) });
    }
  }
  return found.sort((a, b) => b.r - a.r);
}

/** A column's numbers less their mean (0 where missing), with what a line fit needs of it. */
interface Centred {
  raw: Float64Array;
  values: Float64Array;
  /** Rows holding a number, and the sum of the centred values' squares. */
  present: number;
  squares: number;
  distinct: number;
}

function centred(raw: Float64Array): Centred {
  let [present, sum] = [0, 0];
  for (const x of raw) if (isNumber(x)) [present, sum] = [present + 1, sum + x];
  const mean = sum / Math.max(1, present);
  const values = raw.map((x) => (isNumber(x) ? x - mean : 0));
  let squares = 0;
  for (const v of values) squares += v * v;
  return { raw, values, present, squares, distinct: new Set(raw.filter(isNumber)).size };
}

/**
 * Least-squares slope of `y` on `x` and their correlation; null unless `y` is a number exactly
 * where `x` is (so each column's own mean is the pair's), on enough rows, neither constant.
 */
function lineFit(x: Centred, y: Centred): { slope: number; r: number } | null {
  if (x.present !== y.present || x.present < LINE_MIN_ROWS || x.squares === 0 || y.squares === 0) return null;
  if (x.present < x.raw.length) for (let r = 0; r < x.raw.length; r++) if (isNumber(x.raw[r]) !== isNumber(y.raw[r])) return null;
  let products = 0;
  for (let r = 0; r < x.values.length; r++) products += x.values[r] * y.values[r];
  return { slope: products / x.squares, r: products / Math.sqrt(x.squares * y.squares) };
}

/**
 * Which accepted rules are kept by construction. `free` names the columns the model would
 * learn on its own (not IDs, constants or columns that follow another, `derived`). A column is built at
 * most once (a sum before an order), never from itself through a chain, and only where the
 * seed shows the construction loses nothing: a total is a number exactly when both parts are;
 * an end is a number only where its start is. Of several starts, the latest on average is
 * the one built from (the tightest bound); the others are kept by redraw.
 */
export function planConstructions(
  rules: Rule[],
  table: Table,
  schema: ColumnSchema[],
  free: Set<string>,
  lines = true,
  derived = new Set<string>(),
  sources = new Map<string, string>(),
  loose = false,
): Construction[] {
  const plan = new Map<string, Construction>();
  // A column that follows another (`sources`: its source) is written from it, after it when it is written over.
  const dependsOn = (column: string, target: string): boolean => {
    const source = sources.get(column);
    if (source !== undefined) return source === target || dependsOn(source, target);
    const c = plan.get(column);
    return c ? inputsOf(c).some((f) => f === target || dependsOn(f, target)) : false;
  };
  // Columns that follow another are written before any construction, so they may be built from
  // (pay = hours × an hourly rate that follows the employee); they are never built themselves.
  const usable = (c: Construction) =>
    free.has(c.column) && !plan.has(c.column) && inputsOf(c).every((f) => (free.has(f) || derived.has(f)) && f !== c.column && !dependsOn(f, c.column));
  for (const rule of rules) {
    if (rule.kind !== 'sum' && rule.kind !== 'product' && rule.kind !== 'rate' && rule.kind !== 'annuity' && rule.kind !== 'formula' && rule.kind !== 'period') continue;
    if (rule.kind === 'product' && rule.per && !rule.square && !rule.ceil && planRatio(rule, table, schema, free, plan, usable)) continue;
    const c: Construction =
      rule.kind === 'period'
        ? { kind: 'period', column: rule.end, rule }
        : rule.kind === 'rate'
        ? { kind: 'rate', column: rule.total, rule }
        : rule.kind === 'annuity'
          ? { kind: 'sum', column: rule.total, parts: [rule.principal, rule.rate, rule.term], annuity: true }
          : rule.kind === 'formula'
          ? { kind: 'sum', column: rule.total, parts: rule.parts, formula: rule.form, ...(rule.rate !== undefined && { formulaRate: rule.rate }) }
          : rule.kind === 'product'
          ? productConstruction(rule)
          : (solvedSum(rule, schema, free, plan, rules) ?? { kind: 'sum', column: rule.total, parts: rule.parts, minus: rule.minus, ...(rule.unit && { unit: rule.unit }), ...(rule.units && { units: rule.units }), ...(rule.dayBefore && { dayBefore: rule.dayBefore }) });
    if (!usable(c)) continue;
    // A rate's category is text: only its number column decides where the total is one.
    const numbers = c.kind === 'period' ? [c.rule.end, c.rule.start] : c.kind === 'rate' ? [c.column, c.rule.of, ...(c.rule.times === undefined ? [] : [c.rule.times])] : [c.column, ...inputsOf(c)];
    const [t, ...inputs] = readColumns(table, schema, numbers);
    const rated = c.kind === 'rate' ? rateReader(c.rule, table) : c.kind === 'period' ? periodReader(c.rule, table) : () => true;
    // A total that is a number exactly where its parts are is written whole; one the seed also holds where a part is blank, over the model's.
    const whole = t.every((x, r) => isNumber(x) === (inputs.every((xs) => isNumber(xs[r])) && rated(r)));
    // A total the seed holds beside a blank part as the sum of the others (an invoice total with no freight) counts the blank as 0.
    const zeroBlanks = !whole && c.kind === 'sum' && plainSum(c) && blanksCountZero(t, inputs, c.parts.length, schema.find((k) => k.name === c.column));
    plan.set(c.column, whole ? c : { ...c, partial: true, ...(zeroBlanks && { zeroBlanks: true as const }) });
  }
  for (const rule of rules) {
    if (rule.kind !== 'step' && rule.kind !== 'part' && rule.kind !== 'years' && rule.kind !== 'flag' && rule.kind !== 'lookup' && rule.kind !== 'excess' && rule.kind !== 'brackets') continue;
    const keepBlank = (rule.kind === 'excess' || rule.kind === 'brackets' || rule.kind === 'step') && blankBeside(rule.column, rule.kind === 'step' ? rule.from : rule.of, table, schema);
    const freeBlank = rule.kind === 'lookup' && severalBesideBlank(rule, table);
    const c: Construction = rule.kind === 'part' ? partConstruction(rule, table, schema) : { ...rule, ...(keepBlank && { keepBlank: true as const }), ...(freeBlank && { freeBlank: true as const }) };
    // A value outside its range is kept from its modelled flag where it can be: the flag keeps its share.
    const within = rule.kind === 'flag' && rule.op === 'outside' ? withinConstruction(rule, table, schema) : null;
    if (within && usable(within)) plan.set(within.column, within);
    else if (usable(c)) plan.set(c.column, c);
  }
  const fitted = lines ? fittedLines(table, schema, free) : [];
  // A line of slope near 1 (a discharge hours after its admission, on a range of years) is what
  // an order's gap builds already, with the order kept by construction: the gap goes first there.
  // A line far from slope 1 (fees about a tenth of the price, and price ≥ fees an order too) goes
  // first: the gap, price − fees, would be modelled on its own and lose the proportion.
  const proportion = ({ line, r }: (typeof fitted)[number]) =>
    Math.abs(line.slope - 1) > (r >= EXACT_LINE_R ? UNIT_SLOPE_TOLERANCE : LOOSE_SLOPE_TOLERANCE);
  // So does one far tighter than every order's gap on its column (an actual end a few days off its
  // planned end, against the weeks since the actual start): the orders are then kept by redraw.
  const tighter = ({ line }: (typeof fitted)[number]) => {
    const lows = rules.flatMap((r) => (r.kind === 'order' && !r.yearOf && r.high === line.column ? [r.low] : []));
    if (lows.length === 0 || lows.includes(line.from)) return false;
    const spread = (from: string, slope: number) => {
      const [x, y] = readColumns(table, schema, [from, line.column]);
      return spreadOf(y.map((v, r) => v - slope * x[r]).filter(isNumber));
    };
    return spread(line.from, line.slope) < TIGHTER_LINE * Math.min(...lows.map((low) => spread(low, 1)));
  };
  for (const f of fitted) if ((proportion(f) || tighter(f)) && usable(f.line)) plan.set(f.line.column, f.line);
  // A start's mean on the rows its end holds a number: of an actual and a planned start, the
  // actual is the later where work has ended, though blank on the latest plans, not yet begun.
  const meanWhere = (xs: Float64Array, ys: Float64Array) => {
    const present = xs.filter((x, r) => isNumber(x) && isNumber(ys[r]));
    return present.reduce((s, x) => s + x, 0) / Math.max(1, present.length);
  };
  // A year beside a date's year is kept by redraw: no gap builds one from the other.
  const orders = rules.flatMap((r) => (r.kind === 'order' && !r.yearOf ? [r] : []));
  const candidates = orders
    .map((rule) => {
      const [low, high] = readColumns(table, schema, [rule.low, rule.high]);
      const within = (xs: Float64Array, ys: Float64Array) => xs.every((x, r) => !isNumber(x) || isNumber(ys[r]));
      return { rule, low, high, up: within(high, low), down: within(low, high), mean: meanWhere(low, high) };
    })
    .sort((a, b) => b.mean - a.mean);
  for (const { rule, up, down } of candidates) {
    const c: Construction = { kind: 'gap', column: rule.high, low: rule.low };
    if (up && usable(c)) plan.set(c.column, c);
    // An end written from a category (a capacity that follows the venue) is not modelled: the
    // start is built below it instead, and keeps the seed's rows at the end (full events).
    const under: Construction = { kind: 'gap', column: rule.low, low: rule.high, below: true };
    if (!plan.has(rule.high) && derived.has(rule.high) && down && usable(under)) plan.set(under.column, under);
  }
  // Rules first: a column a rule builds keeps its rule exactly, which a line does not promise.
  for (const { line } of fitted) if (usable(line)) plan.set(line.column, line);
  if (loose) for (const line of looseLines(table, schema, free, rules)) if (usable(line)) plan.set(line.column, line);
  pinSums(rules, plan, free, schema);
  return [...plan.values()];
}

/** A product rule's total, written from its parts with the rule's form (percent, off, a ratio, over a square). */
function productConstruction({ total, parts, percent, off, per, square, scale, ceil }: Extract<Rule, { kind: 'product' }>): Extract<Construction, { kind: 'sum' }> {
  return { kind: 'sum', column: total, parts, times: true, ...(percent && { percent }), ...(off && { off }), ...(per && { per }), ...(square && { square }), ...(scale && { scale }), ...(ceil && { ceil }) };
}

/**
 * A ratio (price per m² = price / surface) is kept by modelling the ratio and the divisor, which
 * a category explains more simply than the price (a city's price per m², whatever the surface),
 * writing the numerator as their product in its own format (whole thousands), and then the
 * ratio again from what was written, so the rule holds exactly. Used where the numerator is
 * modelled as it is and each of the three is a number exactly where the other two are.
 */
function planRatio(
  rule: Extract<Rule, { kind: 'product' }>,
  table: Table,
  schema: ColumnSchema[],
  free: Set<string>,
  plan: Map<string, Construction>,
  usable: (c: Construction) => boolean,
): boolean {
  const [t, [a, b]] = [rule.total, rule.parts];
  const percent = rule.percent && { percent: true as const };
  const numerator: Construction = { kind: 'sum', column: a, parts: [t, b], times: true, early: true, ...percent };
  const ratio: Construction = { kind: 'sum', column: t, parts: [a, b], times: true, per: true, partial: true, ...percent };
  if (!free.has(t) || plan.has(t) || !usable(numerator)) return false;
  const columns = readColumns(table, schema, [t, a, b]);
  const together = columns[0].every((_, r) => new Set(columns.map((xs) => isNumber(xs[r]))).size === 1);
  if (!together) return false;
  plan.set(a, numerator);
  plan.set(t, ratio);
  return true;
}

/** How a flag of a value outside a range keeps the value on its flag's side, from the seed's rows. */
function withinConstruction(rule: Extract<Rule, { kind: 'flag' }>, table: Table, schema: ColumnSchema[]): Within | null {
  if (rule.upper === undefined) return null;
  const [x, lo, hi] = readColumns(table, schema, [rule.left, rule.right, rule.upper]);
  const [gaps, spots] = [[] as number[], [] as number[]];
  let below = 0;
  for (let r = 0; r < x.length; r++) {
    if (!isNumber(x[r] + lo[r] + hi[r])) continue;
    if (x[r] < lo[r]) {
      below++;
      gaps.push(lo[r] - x[r]);
    } else if (x[r] > hi[r]) gaps.push(x[r] - hi[r]);
    else if (hi[r] > lo[r]) spots.push((x[r] - lo[r]) / (hi[r] - lo[r]));
  }
  if (gaps.length === 0 || spots.length === 0) return null;
  const [outside, inside] = rule.values;
  return { kind: 'within', column: rule.left, flag: rule.column, low: rule.right, high: rule.upper, outside, inside, below: below / gaps.length, gaps: quantiles(gaps), spots: quantiles(spots) };
}

/** 21 evenly spaced quantiles of `xs`. */
function quantiles(xs: number[]): number[] {
  const sorted = [...xs].sort((a, b) => a - b);
  return Array.from({ length: 21 }, (_, k) => sorted[Math.round((k / 20) * (sorted.length - 1))]);
}

/** How a date part rule's column is written: the seed's text for each part value. */
function partConstruction(rule: Extract<Rule, { kind: 'part' }>, table: Table, schema: ColumnSchema[]): Construction {
  const [dates] = readColumns(table, schema, [rule.date]);
  const { texts } = partTexts(rule.part, dates, table.columns[table.names.indexOf(rule.column)]);
  const column = schema.find((c) => c.name === rule.column);
  const read = column && (column.kind === 'numeric' || column.kind === 'datetime') ? numberReader(column) : null;
  const identity = read !== null && [...texts].every(([key, text]) => text !== null && read(text) === key);
  return { ...rule, texts: [...texts], identity };
}

/** Whether row r of `table` has a rate under `rule` (a category the rule names). */
function periodReader(rule: PeriodRule, table: Table): (r: number) => boolean {
  const cells = table.columns[table.names.indexOf(rule.by)];
  return (r) => cells[r] !== null && Object.hasOwn(rule.lengths, cells[r]!);
}

/**
 * On the rows a pinned sum's category fixes, its total as the pin's value and the member solved
 * for as what makes the sum hold, in that member's own format; rows missing a member are left.
 */
function pinRows(
  c: Extract<Construction, { kind: 'sum' }>,
  pin: Pinned,
  at: { col: (name: string) => (string | null)[]; numberAt: (name: string) => (r: number) => number; schema: ColumnSchema[]; codec: NumberCodec },
): void {
  const [when, values, out, target] = [at.col(pin.when), new Set(pin.values), at.col(c.column), at.col(pin.solve)];
  const spec = at.schema.find((k) => k.name === pin.solve)?.numeric;
  if (!spec) return;
  const members = [...c.parts, ...(c.minus ?? [])];
  const reads = members.map(at.numberAt);
  const sign = (k: number) => (k < c.parts.length ? 1 : -1);
  const own = members.indexOf(pin.solve);
  for (let r = 0; r < out.length; r++) {
    if (!values.has(when[r] ?? null)) continue;
    let rest = 0;
    for (let k = 0; k < members.length; k++) {
      const x = reads[k](r);
      if (k !== own) rest += sign(k) * (Number.isNaN(x) && c.zeroBlanks ? 0 : x);
    }
    if (Number.isNaN(rest)) continue;
    // value = rest + sign · solve.
    out[r] = at.codec.write(pin.value);
    target[r] = writeNumber(sign(own) * (pin.value - rest), spec.integer ? 0 : spec.decimals, spec.style ?? PLAIN_STYLE);
  }
}

/**
 * Pins each plain sum whose total a zero rule by category fixes on some rows (see `Pinned`): the
 * member solved for is modelled and built from nothing, preferably one another zero rule of the
 * same category fixes too (the amount paid, 0 when unpaid), else the last taken away the seed
 * never leaves blank, else the last taken away, else the last.
 */
function pinSums(rules: Rule[], plan: Map<string, Construction>, free: Set<string>, schema: ColumnSchema[]): void {
  // A part the seed never leaves blank is solved before one it does: a down payment, not a trade-in most sales lack.
  const filled = (m: string) => (schema.find((c) => c.name === m)?.missingShare ?? 0) === 0;
  const solved = new Set<string>();
  for (const rule of rules) {
    if (rule.kind !== 'zero' || !rule.values) continue;
    const c = plan.get(rule.column);
    if (!c || c.kind !== 'sum' || !plainSum(c) || (c.partial && !c.zeroBlanks) || c.pinned) continue;
    const members = [...c.parts, ...(c.minus ?? [])];
    const open = members.filter((m) => free.has(m) && !plan.has(m) && !solved.has(m) && m !== rule.when);
    const sameWhen = (m: string) => rules.some((r) => r !== rule && r.kind === 'zero' && r.column === m && r.when === rule.when);
    const taken = [...open].reverse().filter((m) => (c.minus ?? []).includes(m));
    const solve = open.find(sameWhen) ?? taken.find(filled) ?? taken[0] ?? open[open.length - 1];
    if (solve === undefined) continue;
    solved.add(solve);
    plan.set(c.column, { ...c, pinned: { when: rule.when, values: rule.values, value: rule.value ?? 0, solve } });
  }
}

/**
 * A plain sum whose total falls on a round step its parts do not (a budget in £500s, spent and
 * remaining to the penny), written as its last such member solved from the total and the other
 * members: a total written as the sum would leave its step, and rounding it back would break the sum.
 */
function solvedSum(rule: Extract<Rule, { kind: 'sum' }>, schema: ColumnSchema[], free: Set<string>, plan: Map<string, Construction>, rules: Rule[]): Extract<Construction, { kind: 'sum' }> | null {
  const numeric = (name: string) => schema.find((c) => c.name === name)?.numeric;
  const total = numeric(rule.total);
  if (rule.unit || rule.units || rule.dayBefore || !total || (!total.step && !total.ending)) return null;
  const coarse = total.step ?? total.ending!.step;
  // Not a part another rule writes, planned yet or not (a court fee of its hourly rate times its minutes, beside refund = fee + surcharge).
  const written = new Set(rules.flatMap((r) => (r !== rule && 'total' in r ? [r.total] : [])));
  const finer = (name: string) => {
    const n = numeric(name);
    return n !== undefined && free.has(name) && !plan.has(name) && !written.has(name) && (n.step ?? n.ending?.step ?? 0) < coarse;
  };
  const minus = rule.minus ?? [];
  const solve = [...rule.parts, ...minus].reverse().find(finer);
  if (solve === undefined) return null;
  const others = (names: string[]) => names.filter((n) => n !== solve);
  // total = Σ parts − Σ minus: a part is the total less the other parts plus the minus; a minus the other way round.
  return rule.parts.includes(solve)
    ? { kind: 'sum', column: solve, parts: [rule.total, ...minus], minus: others(rule.parts) }
    : { kind: 'sum', column: solve, parts: rule.parts, minus: [...others(minus), rule.total] };
}

/** A sum of parts less others, in one unit: no product, ratio, formula or date. */
function plainSum(c: Extract<Construction, { kind: 'sum' }>): boolean {
  return !c.times && !c.percent && !c.off && !c.per && !c.unit && !c.units && !c.dayBefore && !c.annuity && !c.formula && !c.early;
}

/**
 * Whether, on every seed row (three at least) with the total and some parts but not all, the
 * total is the sum of the parts it has: a blank part counts as 0 there.
 */
function blanksCountZero(total: Float64Array, inputs: Float64Array[], parts: number, column: ColumnSchema | undefined): boolean {
  if (!column || column.kind !== 'numeric') return false;
  const tol = sumTolerance(column);
  let rows = 0;
  for (let r = 0; r < total.length; r++) {
    const present = inputs.filter((xs) => isNumber(xs[r])).length;
    if (!isNumber(total[r]) || present === 0 || present === inputs.length) continue;
    const sum = inputs.reduce((acc, xs, k) => acc + (isNumber(xs[r]) ? (k < parts ? 1 : -1) * xs[r] : 0), 0);
    if (Math.abs(sum - total[r]) > tol + Math.abs(total[r]) * 1e-12) return false;
    rows++;
  }
  return rows >= MIN_ZERO_BLANK_ROWS;
}

/** Seed rows a blank part needs to count as 0. */
const MIN_ZERO_BLANK_ROWS = 3;

/** Whether the seed leaves `column` blank on some row where `of` holds a number (freight blank on cash sales). */
function blankBeside(column: string, of: string, table: Table, schema: ColumnSchema[]): boolean {
  const cells = table.columns[table.names.indexOf(column)];
  const [numbers] = readColumns(table, schema, [of]);
  return cells.some((v, r) => v === null && isNumber(numbers[r]));
}

/** Whether the seed holds two texts or more in a lookup's column where one of its keys is blank. */
function severalBesideBlank(rule: LookupRule, table: Table): boolean {
  const [cells, a, b] = [rule.column, ...rule.by].map((name) => table.columns[table.names.indexOf(name)]);
  return new Set(cells.filter((_, r) => a[r] === null || b[r] === null)).size >= 2;
}

function rateReader(rule: RateRule, table: Table): (r: number) => boolean {
  if (!('by' in rule)) return () => true;
  const cells = table.columns[table.names.indexOf(rule.by)];
  return (r) => isNumber(rateFor(rule, cells[r]));
}

/**
 * The column a gap or line models, as text: `high - low` (below: `low - high`; a line: `y - slope · x`) where both
 * are numbers, the cell's own text where it is a note ("ongoing"), missing where it is missing.
 */
export function gapValues(table: Table, schema: ColumnSchema[], c: Remainder): (string | null)[] {
  if (c.kind === 'scaled') return scaledValues(table, schema, c);
  const [low, high] = readColumns(table, schema, [inputsOf(c)[0], c.column]);
  const [slope, sign] = [slopeOf(c), signOf(c)];
  const texts = table.columns[table.names.indexOf(c.column)];
  return texts.map((text, r) => (text === null ? null : isNumber(high[r]) ? String(sign * (high[r] - slope * low[r])) : text));
}

/** A scaled column as its z: how many of its category's spreads each number lies from that category's mean. */
function scaledValues(table: Table, schema: ColumnSchema[], c: Scaled): (string | null)[] {
  const [xs] = readColumns(table, schema, [c.column]);
  const cellsOf = (name: string) => table.columns[table.names.indexOf(name)];
  const [texts, by, then, scale] = [cellsOf(c.column), cellsOf(c.by), c.then ? cellsOf(c.then.by) : null, scaleOf(c)];
  return texts.map((text, r) => {
    if (text === null || !isNumber(xs[r])) return text;
    const [mean, sd] = scale(by[r], then?.[r] ?? null);
    return String((xs[r] - mean) / sd);
  });
}

/** A step's (date part's, years') column where its number (a date) is blank: the seed's most frequent text there, or blank. */
export function stepOtherwise(table: Table, schema: ColumnSchema[], c: Overwritten): string | null {
  const cells = table.columns[table.names.indexOf(c.column)];
  // A lookup's keys are categories: what counts is a blank key, not a key that is no number.
  const inputs = c.kind === 'lookup' ? c.by.map((k) => table.columns[table.names.indexOf(k)]).map((xs) => Float64Array.from(xs, (x) => (x === null ? NaN : 0))) : readColumns(table, schema, inputsOf(c));
  return textWithoutNumber(cells.filter((_, r) => inputs.some((xs) => Number.isNaN(xs[r]))), () => NaN);
}

/** Most frequent text of a column where it holds no number (usually missing), written where a total's parts are not numbers. */
export function textWithoutNumber(values: (string | null)[], read: (t: string) => number): string | null {
  const counts = new Map<string | null, number>();
  for (const v of values) if (v === null || !isNumber(read(v))) counts.set(v, (counts.get(v) ?? 0) + 1);
  let best: string | null = null;
  let most = 0;
  for (const [v, n] of counts) if (n > most) [best, most] = [v, n];
  return best;
}

/**
 * A column that follows one a construction writes over (a discount rate that follows a tier a
 * step gives): written again from it, before anything built from it reads it.
 */
export interface Follow {
  column: string;
  from: string;
  map: Map<string | null, string | null>;
}

/** What decoding needs of a constructed column: how to write it, and what to write where its inputs are not numbers. */
export interface Built {
  construction: Construction;
  codec: NumberCodec;
  /** Sums and steps: the text written where an input is not a number. */
  otherwise: string | null;
}

/**
 * What to write again once `changed` columns are written over on finished rows (a key's rows given
 * its first row's date of birth): the columns a function of them gives (an age from the date of
 * birth), and so on down. A gap, a line's or a scaled number's remainder, and a ratio's numerator
 * are the model's, gone once written: those columns are left, and their rules checked again.
 */
export function rewrittenFrom(built: Built[], follows: Follow[], changed: Set<string>): { built: Built[]; follows: Follow[] } {
  const affected = new Set(changed);
  const again = { built: [] as Built[], follows: [] as Follow[] };
  const written = (c: Construction) => !['gap', 'line', 'scaled', 'within'].includes(c.kind) && !(c.kind === 'sum' && c.early);
  for (let grew = true; grew; ) {
    grew = false;
    for (const f of follows) {
      if (affected.has(f.column) || !affected.has(f.from)) continue;
      again.follows.push(f);
      affected.add(f.column);
      grew = true;
    }
    for (const b of built) {
      const c = b.construction;
      if (affected.has(c.column) || !written(c) || !inputsOf(c).some((f) => affected.has(f))) continue;
      again.built.push(b);
      affected.add(c.column);
      grew = true;
    }
  }
  return again;
}

/**
 * Writes the constructed columns into `columns` (gap columns hold their decoded gaps on entry),
 * in an order where every input is written first. Marks in `bad` the rows a construction
 * cannot serve (a gap with no start).
 */
export function construct(built: Built[], names: string[], columns: (string | null)[][], schema: ColumnSchema[], bad: Uint8Array, follows: Follow[] = []): void {
  const ready = new Set(names.filter((n) => !built.some((b) => b.construction.column === n) && !follows.some((f) => f.column === n)));
  const readers = new Map(schema.map((c) => [c.name, numberReader(c)]));
  const col = (name: string) => columns[names.indexOf(name)];
  // A column's row r read as a number; the column and its reader looked up once, not once a row.
  const numberAt = (name: string) => {
    const [cells, read] = [col(name), readers.get(name)!];
    return (r: number) => (cells[r] === null ? NaN : read(cells[r]!));
  };
  const pending = [...follows, ...built];
  // A member a pinned sum writes is read by others only once that sum has written it.
  const pinnedOf = (p: (typeof pending)[number]) => ('construction' in p && p.construction.kind === 'sum' ? p.construction.pinned : undefined);
  for (const p of pending) if (pinnedOf(p)) ready.delete(pinnedOf(p)!.solve);
  const needs = (p: (typeof pending)[number]) => ('construction' in p ? inputsOf(p.construction).filter((f) => f !== pinnedOf(p)?.solve) : [p.from]);
  while (pending.length) {
    const i = pending.findIndex((p) => needs(p).every((f) => ready.has(f)));
    if (i < 0) throw new Error('Constructed columns depend on each other in a circle.');
    const [next] = pending.splice(i, 1);
    if (!('construction' in next)) {
      columns[names.indexOf(next.column)] = col(next.from).map((v) => next.map.get(v) ?? null);
      ready.add(next.column);
      continue;
    }
    const { construction: c, codec, otherwise } = next;
    const out = col(c.column);
    // Each row's number from `value`, in the column's format; the fallback text where it is none.
    // A partial total keeps the model's cell where it gave none, or where its parts give none.
    const partial = (isTotal(c) && c.partial === true) || ((c.kind === 'excess' || c.kind === 'brackets' || c.kind === 'step') && c.keepBlank === true);
    const writeEach = (value: (r: number) => number) => {
      for (let r = 0; r < out.length; r++) {
        if (partial && out[r] === null) continue;
        const x = value(r);
        if (partial && Number.isNaN(x)) continue;
        out[r] = Number.isNaN(x) ? otherwise : codec.write(x);
      }
    };
    if (c.kind === 'step') {
      const quantity = stepQuantity(c, schema, numberAt(c.from), c.since === undefined ? undefined : numberAt(c.since));
      for (let r = 0; r < out.length; r++) {
        if (partial && out[r] === null) continue;
        const x = quantity(r);
        out[r] = Number.isNaN(x) ? otherwise : stepValue(c, x);
      }
    } else if (c.kind === 'flag') {
      const [left, right, upper] = [numberAt(c.left), numberAt(c.right), c.upper === undefined ? () => 0 : numberAt(c.upper)];
      for (let r = 0; r < out.length; r++) {
        const [a, b, h] = [left(r), right(r), upper(r)];
        out[r] = Number.isNaN(a + b + h) ? otherwise : flagValue(c, a, b, h);
      }
    } else if (c.kind === 'within') {
      const [flags, low, high, value] = [col(c.flag), numberAt(c.low), numberAt(c.high), numberAt(c.column)];
      // Two spread sequences (golden-ratio steps) stand in for draws: the same row gets the same place.
      const u = (r: number, k: number) => (r * k + 0.5) % 1;
      const pick = (qs: number[], t: number) => qs[Math.min(qs.length - 1, Math.floor(t * qs.length))];
      for (let r = 0; r < out.length; r++) {
        const [f, a, b, x] = [flags[r], low(r), high(r), value(r)];
        if (f === null || Number.isNaN(a + b + x)) continue;
        const outside = x < a || x > b;
        if (f === c.outside && !outside) out[r] = codec.write(u(r, 0.7548776662) < c.below ? a - pick(c.gaps, u(r, 0.6180339887)) : b + pick(c.gaps, u(r, 0.6180339887)));
        else if (f === c.inside && outside) out[r] = codec.write(a + pick(c.spots, u(r, 0.6180339887)) * (b - a));
      }
    } else if (c.kind === 'lookup') {
      const [find, a, b] = [lookupReader(c, schema), col(c.by[0]), col(c.by[1])];
      for (let r = 0; r < out.length; r++) {
        // A pair the seed never has is no row the rule can write: drawn again.
        const value = find(a[r], b[r]);
        if (value === undefined) bad[r] = 1;
        else if (value !== null || !c.freeBlank) out[r] = value ?? otherwise;
      }
    } else if (c.kind === 'part') {
      const [dates, read, texts] = [col(c.date), readers.get(c.date)!, new Map(c.texts)];
      for (let r = 0; r < out.length; r++) {
        const key = datePart(c.part, dates[r] === null ? NaN : read(dates[r]!));
        if (Number.isNaN(key)) out[r] = otherwise;
        else if (texts.has(key)) out[r] = texts.get(key)!;
        else if (c.identity) out[r] = codec.write(key);
        else bad[r] = 1;
      }
    } else if (c.kind === 'excess') {
      const second = c.since ?? c.minus;
      const [of, since] = [numberAt(c.of), second === undefined ? () => NaN : numberAt(second)];
      writeEach((r) => excessOf(c, of(r), since(r)));
    } else if (c.kind === 'brackets') {
      const of = numberAt(c.of);
      writeEach((r) => bracketsOf(c, of(r)));
    } else if (c.kind === 'years') {
      const from = numberAt(c.from);
      const on = 'on' in c ? readIsoDay(c.on) : NaN;
      const to = 'to' in c ? numberAt(c.to) : () => on;
      writeEach((r) => wholeYears(from(r), to(r)));
    } else if (c.kind === 'period') {
      const [start, by, rule] = [numberAt(c.rule.start), col(c.rule.by), c.rule];
      writeEach((r) => periodEnd(rule.unit, start(r), by[r] !== null && Object.hasOwn(rule.lengths, by[r]!) ? rule.lengths[by[r]!] : undefined, rule.dayBefore));
    } else if (c.kind === 'rate') {
      const of = numberAt(c.rule.of);
      const by = 'by' in c.rule ? col(c.rule.by) : null;
      const times = c.rule.times !== undefined ? numberAt(c.rule.times) : () => 1;
      const rule = c.rule;
      const down = !('by' in rule) && rule.down ? unitOf(schema.find((s) => s.name === rule.total)!) : 0;
      writeEach((r) => (down ? floorTo(rateValue(rule, of(r), times(r), null), down) : rateValue(rule, of(r), times(r), by ? by[r] : null)));
    } else if (c.kind === 'scaled') {
      const [by, then, write] = [col(c.by), c.then ? col(c.then.by) : null, scaledWriter(c)];
      for (let r = 0; r < out.length; r++) {
        const z = out[r] === null ? NaN : Number(out[r]);
        if (!Number.isNaN(z)) out[r] = codec.write(write(by[r], z, r, then?.[r] ?? null));
      }
    } else if (c.kind !== 'sum') {
      const [from] = inputsOf(c);
      const low = col(from);
      const read = readers.get(from)!;
      const slope = slopeOf(c);
      for (let r = 0; r < out.length; r++) {
        const gap = out[r] === null ? NaN : Number(out[r]);
        if (Number.isNaN(gap)) continue;
        const start = low[r] === null ? NaN : read(low[r]!);
        if (Number.isNaN(start)) {
          bad[r] = 1;
          out[r] = null;
        } else out[r] = codec.write(slope * start + signOf(c) * gap);
      }
    } else if (c.kind === 'sum' && c.annuity) {
      // A loan's instalment from its principal, yearly rate in percent and term in months.
      const [principal, rate, term] = c.parts.map(numberAt);
      writeEach((r) => annuityPayment(principal(r), rate(r), term(r)));
    } else if (c.kind === 'sum' && c.formula) {
      const [parts, form] = [c.parts.map(numberAt), c.formula];
      writeEach((r) => formulaValue(form, parts.map((x) => x(r)), c.formulaRate));
    } else if (c.kind === 'sum' && c.per) {
      // A price per m² from the price and the surface: no number where the surface is 0.
      const [a, b] = c.parts.map(numberAt);
      writeEach((r) => ratioOf(c, a(r), b(r)));
    } else if (c.kind === 'sum' && c.unit === 'months') {
      // A date plus whole calendar months (an end from its start and a term), or the day before.
      const [start, months] = [numberAt(c.parts[0]), numberAt(c.parts[1])];
      const less = c.dayBefore ? DAY_MS : 0;
      writeEach((r) => addMonths(start(r), months(r)) - less);
    } else {
      const names = [...c.parts, ...(c.minus ?? [])];
      const inputs = names.map(col);
      const reads = names.map((p) => readers.get(p)!);
      const weights = sumWeights({ ...c, total: c.column }, schema);
      writeEach((r) => {
        let value = c.times ? 1 : 0;
        const blank = c.zeroBlanks && inputs.some((xs) => xs[r] !== null) ? 0 : NaN;
        for (let k = 0; k < inputs.length; k++) {
          const x = inputs[k][r] === null ? blank : weights[k] * reads[k](inputs[k][r]!);
          // The second part of a price less a percentage counts as what is left of 100.
          value = c.times ? value * (c.off && k === 1 ? 100 - x : x) : value + x;
        }
        return c.percent || c.off ? value / 100 : c.dayBefore ? value - DAY_MS : value;
      });
      if (c.pinned) pinRows(c, c.pinned, { col, numberAt, schema, codec });
    }
    ready.add(c.column);
    if (c.kind === 'sum' && c.pinned) ready.add(c.pinned.solve);
  }
}

/**
 * Blanks each blank rule's column on the rows where its category says it is blank, so those
 * rows keep the rule by construction; a row left blank where it should hold a value is for
 * `markBroken` to redraw. Blanking one side, rather than redrawing every row that breaks the
 * rule, keeps the category's shares: on the review's orders table, redrawing both sides took
 * pending orders from 12 % of rows to 7 %. Runs before `construct`, on what it builds from.
 */
export function blankByRules(rules: Rule[], names: string[], columns: (string | null)[][], written = new Set<string>()): void {
  for (const rule of rules) {
    // A total written later (from its parts) is not yet known here: its rule is kept by redraw.
    if (rule.kind !== 'blank' || written.has(rule.when)) continue;
    const [column, when] = [columns[names.indexOf(rule.column)], columns[names.indexOf(rule.when)]];
    if (!column || !when) continue;
    const values = new Set(rule.values);
    for (let r = 0; r < column.length; r++) if (values.has(when[r] ?? null)) column[r] = null;
  }
}

/**
 * Writes each zero rule's column as 0 where its other column reads 0 (or holds one of the
 * rule's category values), so those rows keep the rule by construction (as `blankByRules` does
 * for blanks); `zeros` holds, per rule it may write, its 0 (or value) as the column writes it.
 * Rows with that value where the other column says none are redrawn.
 */
export function zeroByRules(rules: Rule[], names: string[], columns: (string | null)[][], schema: ColumnSchema[], zeros: Map<Rule, string>): void {
  for (const rule of rules) {
    if (rule.kind !== 'zero') continue;
    const zero = zeros.get(rule);
    const when = schema.find((c) => c.name === rule.when);
    if (zero === undefined || !when) continue;
    const [column, others] = [columns[names.indexOf(rule.column)], columns[names.indexOf(rule.when)]];
    if (rule.values) {
      const values = new Set(rule.values);
      for (let r = 0; r < column.length; r++) if (values.has(others[r] ?? null)) column[r] = zero;
      continue;
    }
    const read = numberReader(when);
    for (let r = 0; r < column.length; r++) if (others[r] !== null && read(others[r]!) === 0) column[r] = zero;
  }
}

/**
 * Marks in `bad` the rows that break an accepted rule, or whose constructed value left its
 * `bounds`; returns how many rows each rule (by description) or bound broke.
 */
export function markBroken(rules: Rule[], bounds: Map<string, Bounds>, table: Table, schema: ColumnSchema[], bad: Uint8Array): Map<string, number> {
  const broken = new Map<string, number>();
  const count = (what: string, r: number) => {
    if (!bad[r]) broken.set(what, (broken.get(what) ?? 0) + 1);
    bad[r] = 1;
  };
  for (const rule of rules) {
    const obeys = rowChecker(rule, table, schema);
    const text = describeRuleIn(rule, schema);
    for (let r = 0; r < table.rowCount; r++) if (!obeys(r)) count(text, r);
  }
  for (const [name, { min, max }] of bounds) {
    const [xs] = readColumns(table, schema, [name]);
    for (let r = 0; r < xs.length; r++) if (xs[r] < min || xs[r] > max) count(`${name} within ${min} … ${max}`, r);
  }
  return broken;
}
