import { DATE_PARTS, PART_NAMES, partTexts, type DatePart } from './dateParts';
import { writeNumber } from './numbers';
import { addMonths, readIsoDay, wholeYears } from './years';
import { minuteOfDay } from './dates';
import { isModelled, numberReader, type ColumnSchema } from './schema';
import { type Table } from './table';
import { InputError } from '../util/errors';
import { likelyNames } from '../util/names';
import { bracketsOf, describeBrackets, parseBrackets, type BracketsRule } from './brackets';
import { describeFormula, formulaValue, parseFormula, type FormulaRule } from './formulas';
import { describeExcess, excessOf, parseExcess, type ExcessRule } from './excess';
import { describeLookup, lookupMatcher, lookupReader, parseLookup, type LookupRule } from './lookups';
import { describePeriod, parsePeriod, periodEnd, type PeriodRule } from './periods';
import { timesRate } from './rateFit';
import { amongChecker, describeAmong, describeDiffer, differChecker, parsePairing, type AmongRule, type DifferRule } from './pairings';

/**
 * A rule every row of the seed obeys, kept on every generated row. Each holds where its cells
 * are numbers: a missing cell or a note ("ongoing") breaks no rule.
 */
export type Rule =
  /**
   * `high ≥ low`: an end after its start, a last order after the first. With `years`, two dates
   * at least that many whole years apart: a hiring date 18 years past the date of birth at least.
   */
  | { kind: 'order'; low: string; high: string; years?: number; yearOf?: 'low' | 'high' }
  /**
   * `total = parts[0] + parts[1] + … − minus[0] − …`, to the total's decimals (two to four
   * columns in all); or, where the total and the first of two parts are dates, the second part
   * is a number of days (check-out = check-in + nights), or of `unit` (clock-out = clock-in + hours).
   * Where more than one number is added to a date, `units` gives what each counts, in order, in
   * place of `unit`: clock-out = clock-in + hours worked + minutes of break.
   */
  | { kind: 'sum'; total: string; parts: string[]; minus?: string[]; unit?: SumUnit; units?: TimeUnit[]; dayBefore?: true }
  /**
   * `total = parts[0] × parts[1]`, to the total's decimals: an amount from a quantity and a unit
   * price. With `percent`, one part is a rate in percent: `discount = subtotal × discount_pct / 100`;
   * with `off`, the first part less the second in percent: `invoice = gross × (100 − discount_pct) / 100`.
   * With `per`, the first part over the second: `price_per_m2 = price / surface`, in percent
   * with `percent` too (`conversion_pct = orders / visits × 100`); a row dividing by 0 is not judged.
   * With `square` too, over the second part's square, times `scale` where given: a BMI from a
   * weight in kg and a height in cm is `weight / height² × 10000`. With `ceil` too, the quotient
   * rounded up: the crates a quantity fills, `crates = ceil(qty / crate size)`.
   */
  | { kind: 'product'; total: string; parts: [string, string]; percent?: true; off?: true; per?: true; square?: true; scale?: number; ceil?: true }
  /**
   * `total = of × rate`, to the total's decimals: tax at 20 % of the net. With `by`, the rate a
   * row takes is its category's (`rates`, keyed by the values as the seed writes them): tax by
   * region. A row whose category has no rate is not judged.
   */
  | RateRule
  /**
   * `total` is the monthly payment that repays `principal` over `term` months at `rate` percent
   * a year (a loan's instalment): P · r / (1 − (1 + r)^−n), r = rate / 1200; P / n at 0 %.
   */
  | { kind: 'annuity'; total: string; principal: string; rate: string; term: string }
  | FormulaRule
  /** `column ≥ min`: a sign (spend ≥ 0). */
  | { kind: 'range'; column: string; min: number }
  /**
   * `column` is 0 exactly when `when` is 0: a quantity and its amount, hours and pay. With
   * `values`, exactly when the category `when` is one of them (a price 0 exactly for meetups;
   * null stands for `when` being blank), and then `value` in place of 0 where given (35 hours
   * a week exactly for full-time staff). With `oneWay` too, 0 on those rows and any number on
   * the others (a claim pays nothing when rejected, and a settled one may pay nothing too).
   */
  | { kind: 'zero'; column: string; when: string; values?: (string | null)[]; value?: number; oneWay?: true }
  /**
   * `column` is blank exactly on the rows whose `when` is one of `values` (a ship date blank
   * exactly while the order is pending); null among `values` stands for `when` being blank.
   */
  /** With `oneWay`, blank on those rows and either elsewhere: a promo code only on web sales, not on every one. */
  | { kind: 'blank'; column: string; when: string; values: (string | null)[]; oneWay?: true }
  /**
   * `column` is fixed by which step of `from` a row falls in: `values[0]` below `cutoffs[0]`,
   * `values[k]` from `cutoffs[k − 1]` up to `cutoffs[k]`, the last value from the last cutoff
   * (shipping 4.99 below a subtotal of 50, 0 from 50; a tier by spend). Values as the seed writes them.
   */
  | { kind: 'step'; column: string; from: string; since?: string; clock?: true; cutoffs: number[]; values: string[] }
  /**
   * `column` is fixed by a part of the date column `date`: a year, month or weekday column
   * beside the date it comes from, written as the seed writes it (`3`, `Mar`, `March`).
   */
  | { kind: 'part'; column: string; date: string; part: DatePart; grouped?: true }
  /**
   * `column` is `values[0]` exactly on the rows where `left op right`, and `values[1]` on the
   * others: `Sold Out` is TRUE exactly when attendance = capacity. Rows where either number is
   * missing are not judged. With op `outside`, `values[0]` exactly where `left` is below `right`
   * or above `upper` (a lab value outside its reference range). With op `compare`, three values:
   * where `left` is below `right`, equal to it, and above it (a match's result by its goals).
   */
  | { kind: 'flag'; column: string; left: string; op: FlagOp; right: string; upper?: string; values: [string, string] | [string, string, string] }
  | LookupRule
  | ExcessRule
  | BracketsRule
  | AmongRule
  | DifferRule
  | PeriodRule
  | YearsRule;

/** How a flag rule compares its two numbers (or dates), or its one number with a range of two. */
export type FlagOp = '=' | '<' | '≤' | 'outside' | 'compare';
/** The comparisons of two numbers a flag added by hand may name. */
export const FLAG_OPS: readonly FlagOp[] = ['=', '<', '≤'];

/** Whether `a op b` (`outside`: a below b or above `upper`); false where any is not a number. */
export function compares(op: FlagOp, a: number, b: number, upper = NaN): boolean {
  if (op === 'outside') return a < b || a > upper;
  return op === '=' ? a === b : op === '<' ? a < b : a <= b;
}

/**
 * `column` is the whole years (counted in birthdays) from the date `from` to the date `to` of
 * the same row (an age at a visit), or to the fixed day `on` (`2024-06-30`: an age, or years of
 * service, on the day the table was drawn up).
 */
export type YearsRule = { kind: 'years'; column: string; from: string; to: string } | { kind: 'years'; column: string; from: string; on: string };

/** What a number added to a date counts: days unless said. */
export const TIME_UNITS = { days: 86_400_000, weeks: 604_800_000, hours: 3_600_000, minutes: 60_000, seconds: 1000 } as const;
export type TimeUnit = keyof typeof TIME_UNITS;
/** What a number added to a date counts: a fixed time, or calendar months (a loan's end from its start and term). */
export type SumUnit = TimeUnit | 'months';
export const SUM_UNITS: readonly SumUnit[] = [...(Object.keys(TIME_UNITS) as TimeUnit[]), 'months'];

/**
 * With `times`, the rate multiplies `of` × `times` (a subtotal of seats × price × 12 for annual
 * billing). With `base` (`bases` by category), a fixed amount is added: a card fee of 1.4 % + 0.20.
 */
export type RateRule =
  | { kind: 'rate'; total: string; of: string; rate: number; times?: string; base?: number; down?: true }
  | { kind: 'rate'; total: string; of: string; by: string; rates: Record<string, number>; times?: string; bases?: Record<string, number> };

/** What a rate multiplies on a row: its column, times its second where it has one. */
export function rateBase(rule: RateRule, of: number, times: number): number {
  return rule.times !== undefined ? of * times : of;
}

/** The rate a row takes: the rule's, or its category's (NaN where the category has none). */
export function rateFor(rule: RateRule, category: string | null): number {
  if (!('by' in rule)) return rule.rate;
  return category !== null && Object.hasOwn(rule.rates, category) ? rule.rates[category] : NaN;
}

/** `x` rounded down to a whole number of `unit`s, a hair of float error forgiven (2.3 / 0.1 is 22.999…). */
export function floorTo(x: number, unit: number): number {
  return Math.floor(x / unit + 1e-9) * unit;
}

/** The unit a rate's total is rounded down to: its last decimal place. */
export function unitOf(total: ColumnSchema): number {
  return 10 ** -(total.numeric?.decimals ?? 0);
}

/** What a rate rule gives a row: its base times its rate, plus the fixed amount where it has one. */
export function rateValue(rule: RateRule, of: number, times: number, category: string | null): number {
  const base = 'by' in rule ? (rule.bases && category !== null && Object.hasOwn(rule.bases, category) ? rule.bases[category] : 0) : (rule.base ?? 0);
  return rateBase(rule, of, times) * rateFor(rule, category) + base;
}

/** Whether a blank rule may name `column` after "when": a category, or whole numbers (a count of orders). */
export function canDecideBlanks(column: ColumnSchema): boolean {
  return column.kind === 'categorical' || column.kind === 'boolean' || (column.kind === 'numeric' && column.numeric?.integer === true);
}

/** The rules judged on numbers read from their cells. */
type NumberRule = Exclude<Rule, { kind: 'blank' | 'step' | 'rate' | 'part' | 'years' | 'flag' | 'lookup' | 'among' | 'differ' | 'period' }>;

export type RuleKind = Rule['kind'];

/** The rule as the user reads it, its numbers written plainly: `ship_date ≥ order_date`, `shipping by subtotal: 4.99 below 50, …`. */
export function describeRule(rule: Rule): string {
  return describe(rule);
}

/** The rule with its cutoffs and bounds written as their columns write numbers: `shipping by subtotal: $4.99 below $50.00, …`. */
export function describeRuleIn(rule: Rule, schema: ColumnSchema[]): string {
  return describe(rule, schema);
}

function describe(rule: Rule, schema?: ColumnSchema[]): string {
  const write = (column: string, x: number) => numberIn(schema?.find((c) => c.name === column), x);
  if (rule.kind === 'order' && rule.yearOf) {
    const side = (name: string, own: 'low' | 'high') => (rule.yearOf === own ? `the year of ${name}` : name);
    return `${side(rule.high, 'high')} ≥ ${side(rule.low, 'low')}`;
  }
  if (rule.kind === 'order') return `${rule.high} ≥ ${rule.low}${rule.years ? ` + ${rule.years} year${rule.years === 1 ? '' : 's'}` : ''}`;
  if (rule.kind === 'sum') {
    if (rule.units) return `${rule.total} = ${rule.parts.map((p, k) => (k === 0 ? p : `${p} (${rule.units![k - 1]})`)).join(' + ')}`;
    // Said once: `Start + Duration (months)`, not `Duration (months) (months)`.
    const named = rule.unit !== undefined && rule.parts[rule.parts.length - 1].toLowerCase().includes(rule.unit);
    const unit = rule.unit && rule.unit !== 'days' && !named ? ` (${rule.unit})` : '';
    return `${rule.total} = ${rule.parts.join(' + ')}${(rule.minus ?? []).map((m) => ` − ${m}`).join('')}${unit}${rule.dayBefore ? ', less a day' : ''}`;
  }
  if (rule.kind === 'formula') return describeFormula(rule);
  if (rule.kind === 'annuity') return `${rule.total} = monthly instalment on ${rule.principal} at yearly rate ${rule.rate} (percent) over ${rule.term} months`;
  if (rule.kind === 'product' && rule.ceil) return `${rule.total} = ${rule.parts[0]} / ${rule.parts[1]}, rounded up`;
  if (rule.kind === 'product' && rule.per) {
    return `${rule.total} = ${rule.parts[0]} / ${rule.parts[1]}${rule.square ? '²' : ''}${rule.percent ? ' × 100' : ''}${rule.scale ? ` × ${rule.scale}` : ''}`;
  }
  if (rule.kind === 'product' && rule.off) return `${rule.total} = ${rule.parts[0]} × (100 − ${rule.parts[1]}) / 100`;
  if (rule.kind === 'product') return `${rule.total} = ${rule.parts[0]} × ${rule.parts[1]}${rule.percent ? ' / 100' : ''}`;
  if (rule.kind === 'rate') return describeRate(rule);
  if (rule.kind === 'part') return `${rule.column} ${rule.grouped || grouped(rule, schema) ? 'is fixed by' : 'is'} the ${PART_NAMES[rule.part]} of ${rule.date}`;
  if (rule.kind === 'years') return `${rule.column} = whole years from ${rule.from} to ${'to' in rule ? rule.to : rule.on}`;
  if (rule.kind === 'lookup') return describeLookup(rule);
  if (rule.kind === 'among') return describeAmong(rule);
  if (rule.kind === 'period') return describePeriod(rule);
  if (rule.kind === 'differ') return describeDiffer(rule);
  if (rule.kind === 'excess') return describeExcess(rule, write);
  if (rule.kind === 'brackets') return describeBrackets(rule, write);
  if (rule.kind === 'flag' && rule.op === 'compare') return `${rule.column} is ${rule.values[0]} when ${rule.left} < ${rule.right}, ${rule.values[1]} when equal, ${rule.values[2]} when greater`;
  if (rule.kind === 'flag' && rule.op === 'outside') return `${rule.column} is ${rule.values[0]} exactly when ${rule.left} is outside ${rule.right} to ${rule.upper}, else ${rule.values[1]}`;
  if (rule.kind === 'flag') return `${rule.column} is ${rule.values[0]} exactly when ${rule.left} ${rule.op} ${rule.right}, else ${rule.values[1]}`;
  if (rule.kind === 'blank') return `${rule.column} is blank ${rule.oneWay ? '' : 'exactly '}when ${rule.when} is ${rule.values.map((v) => v ?? 'blank').join(' or ')}`;
  if (rule.kind === 'zero') {
    const value = rule.value === undefined ? '0' : write(rule.column, rule.value);
    return `${rule.column} is ${value} ${rule.oneWay ? '' : 'exactly '}when ${rule.when} is ${rule.values ? rule.values.map((v) => v ?? 'blank').join(' or ') : '0'}`;
  }
  if (rule.kind === 'step') {
    // With `since`, the steps are of whole years, written as plain numbers; with `clock`, of the time of day.
    const at = (c: number) => (rule.clock ? clockText(c) : rule.since === undefined ? write(rule.from, c) : String(c));
    const by = rule.clock ? `the time of day of ${rule.from}` : rule.since === undefined ? rule.from : `the whole years from ${rule.since} to ${rule.from}`;
    const steps = rule.cutoffs.map((c, k) => `${rule.values[k]} below ${at(c)}`);
    return `${rule.column} by ${by}: ${[...steps, `${rule.values[rule.cutoffs.length]} from ${at(rule.cutoffs[rule.cutoffs.length - 1])}`].join(', ')}`;
  }
  return `${rule.column} ≥ ${write(rule.column, rule.min)}`;
}

// How many values a month, weekday or quarter takes: a column with fewer groups them (a season by month).
const PART_COUNTS: Partial<Record<DatePart, number>> = { month: 12, weekday: 7, quarter: 4 };

/** Whether a part rule's column holds at most half the values its part takes: Season (High, Mid, Low) by month. */
function grouped(rule: Extract<Rule, { kind: 'part' }>, schema?: ColumnSchema[]): boolean {
  const column = schema?.find((c) => c.name === rule.column);
  const count = PART_COUNTS[rule.part];
  return column !== undefined && count !== undefined && column.kind !== 'numeric' && column.distinct <= count / 2;
}

/** `x` as `column` writes its numbers, keeping any digits it has past the column's decimals. */
function numberIn(column: ColumnSchema | undefined, x: number): string {
  const style = column?.numeric?.style;
  if (!style) return String(x);
  const own = String(x).split('.')[1]?.length ?? 0;
  return writeNumber(x, Math.max(column.numeric?.decimals ?? 0, own), style);
}

/** `tax = net × 0.2`; by a category, its values grouped by rate: `tax = net × rate by region: 0.2 for North, South; 0.1 for West`. */
function describeRate(rule: RateRule): string {
  const base = rule.times === undefined ? rule.of : `${rule.of} × ${rule.times}`;
  const plus = (k: number | undefined) => (k === undefined || k === 0 ? '' : k > 0 ? ` + ${k}` : ` − ${-k}`);
  if (!('by' in rule)) return `${rule.total} = ${base} ${timesRate(rule.rate)}${plus(rule.base)}${rule.down ? ', rounded down' : ''}`;
  // Highest rate first, values in alphabetical order: the same rates read the same whatever order they came in.
  const groups = new Map<string, { rate: number; values: string[] }>();
  for (const [value, rate] of Object.entries(rule.rates)) {
    const line = `${rate}${plus(rule.bases?.[value])}`;
    groups.set(line, { rate, values: [...(groups.get(line)?.values ?? []), value] });
  }
  const sorted = [...groups].sort(([, a], [, b]) => b.rate - a.rate).map(([line, { rate, values }]) => ({ line, rate, values: values.sort((a, b) => a.localeCompare(b)).join(', ') }));
  if (!rule.bases) return `${rule.total} = ${base} × rate by ${rule.by}: ${sorted.map((g) => `${g.line} for ${g.values}`).join('; ')}`;
  // With a base, each value's whole line: the first with its column, the rest from "×" (0 where both are 0).
  const lines = sorted.map((g, k) => `${g.line === '0' ? '0' : `${k === 0 ? `${base} ` : ''}× ${g.line}`} for ${g.values}`);
  return `${rule.total} by ${rule.by}: ${lines.join('; ')}`;
}

export function ruleColumns(rule: Rule): string[] {
  if (rule.kind === 'order') return [rule.low, rule.high];
  if (rule.kind === 'sum') return [rule.total, ...rule.parts, ...(rule.minus ?? [])];
  if (rule.kind === 'product') return [rule.total, ...rule.parts];
  if (rule.kind === 'annuity') return [rule.total, rule.principal, rule.rate, rule.term];
  if (rule.kind === 'formula') return [rule.total, ...rule.parts];
  if (rule.kind === 'rate') return [rule.total, rule.of, ...(rule.times === undefined ? [] : [rule.times]), ...('by' in rule ? [rule.by] : [])];
  if (rule.kind === 'blank' || rule.kind === 'zero') return [rule.column, rule.when];
  if (rule.kind === 'step') return [rule.column, rule.from, ...(rule.since === undefined ? [] : [rule.since])];
  if (rule.kind === 'flag') return [rule.column, rule.left, rule.right, ...(rule.upper === undefined ? [] : [rule.upper])];
  if (rule.kind === 'lookup') return [rule.column, ...rule.by];
  if (rule.kind === 'among') return [rule.column, rule.when];
  if (rule.kind === 'period') return [rule.end, rule.start, rule.by];
  if (rule.kind === 'differ') return [rule.left, rule.right];
  if (rule.kind === 'excess') return [rule.column, rule.of, ...(rule.since === undefined ? [] : [rule.since]), ...(rule.minus === undefined ? [] : [rule.minus])];
  if (rule.kind === 'brackets') return [rule.column, rule.of];
  if (rule.kind === 'part') return [rule.column, rule.date];
  if (rule.kind === 'years') return [rule.column, rule.from, ...('to' in rule ? [rule.to] : [])];
  return [rule.column];
}

export function sameRule(a: Rule, b: Rule): boolean {
  return describeRule(a) === describeRule(b);
}

/** The calendar year of a date read as milliseconds (NaN stays NaN). */
export const yearOf = (ms: number): number => (Number.isNaN(ms) ? NaN : new Date(ms).getUTCFullYear());

/** A row breaks a rule with this many numbers read from its cells (NaN where not a number). */
type Test = (values: number[]) => boolean;

/** Whether a row obeys the rule, given the rule's columns read as numbers (NaN: not a number, so not judged). */
export function ruleTest(rule: NumberRule, schema: ColumnSchema[]): Test {
  if (rule.kind === 'order' && rule.years) {
    const years = rule.years;
    return ([low, high]) => Number.isNaN(low + high) || wholeYears(low, high) >= years;
  }
  if (rule.kind === 'order' && rule.yearOf) {
    const low = rule.yearOf === 'low' ? yearOf : (x: number) => x;
    const high = rule.yearOf === 'high' ? yearOf : (x: number) => x;
    return ([a, b]) => !(high(b) < low(a));
  }
  if (rule.kind === 'order') return ([low, high]) => !(high < low);
  if (rule.kind === 'range') return ([x]) => !(x < rule.min);
  if (rule.kind === 'zero') return ([x, when]) => Number.isNaN(x + when) || (x === 0) === (when === 0);
  if (rule.kind === 'excess') {
    const within = toleranceOf(rule.column, schema);
    return ([t, x, s = 0]) => Number.isNaN(t + x + s) || closeTo(t, excessOf(rule, x, s), within);
  }
  if (rule.kind === 'brackets') {
    const within = toleranceOf(rule.column, schema);
    return ([t, x]) => Number.isNaN(t + x) || closeTo(t, bracketsOf(rule, x), within);
  }
  const tolerance = rule.kind === 'sum' ? dateSumTolerance(rule, schema) : toleranceOf(rule.total, schema);
  if (rule.kind === 'annuity') return ([t, p, a, n]) => Number.isNaN(t + p + a + n) || closeTo(t, annuityPayment(p, a, n), tolerance);
  if (rule.kind === 'formula') return ([t, ...xs]) => xs.some(Number.isNaN) || Number.isNaN(t) || closeTo(t, formulaValue(rule.form, xs, rule.rate), tolerance);
  if (rule.kind === 'product') {
    const divisor = rule.percent ? 100 : 1;
    if (rule.off) return ([t, a, b]) => Number.isNaN(t + a + b) || closeTo(t, (a * (100 - b)) / 100, tolerance);
    if (rule.per) return ([t, a, b]) => Number.isNaN(t + a + b) || b === 0 || closeTo(t, ratioOf(rule, a, b), tolerance);
    return ([t, a, b]) => Number.isNaN(t + a + b) || closeTo(t, (a * b) / divisor, tolerance);
  }
  if (rule.unit === 'months') {
    const less = rule.dayBefore ? DAY_MS : 0;
    return ([t, start, n]) => Number.isNaN(t + start + n) || closeTo(t, addMonths(start, n) - less, tolerance);
  }
  const weights = sumWeights(rule, schema);
  return ([t, ...xs]) => {
    let sum = rule.dayBefore ? -DAY_MS : 0;
    for (let k = 0; k < xs.length; k++) sum += weights[k] * xs[k];
    return Number.isNaN(t + sum) || closeTo(t, sum, tolerance);
  };
}

/** Whether a total and what its formula gives agree within `tolerance`, plus a hair of float error on large totals. */
export function closeTo(total: number, given: number, tolerance: number): boolean {
  return Math.abs(total - given) <= tolerance + Math.abs(total) * 1e-12;
}

/** What a sum adds to a date, by unit: the parts after the first, what each counts. */
export type DatedSum = { total: string; parts: string[]; minus?: string[]; unit?: SumUnit; units?: TimeUnit[]; dayBefore?: true };

/**
 * What each input of a sum counts for, in order (its parts, then what is taken away): 1; the
 * numbers added to a date total their units in milliseconds (days unless said); −1 what is
 * taken away.
 */
export function sumWeights(sum: DatedSum, schema: ColumnSchema[]): number[] {
  const dated = schema.find((c) => c.name === sum.total)?.kind === 'datetime';
  // Months have no fixed length: a sum of months is added by `addMonths`, not by these weights.
  const units = sum.units ?? [sum.unit === 'months' || sum.unit === undefined ? 'days' : sum.unit];
  return [...sum.parts.map((_, k) => (k >= 1 && dated ? TIME_UNITS[units[k - 1]] : 1)), ...(sum.minus ?? []).map(() => -1)];
}

export const DAY_MS = TIME_UNITS.days;

/** Minutes from midnight as a clock reads them: 1320 is 22:00. */
export function clockText(minutes: number): string {
  const m = Math.round(minutes);
  return `${String(Math.floor(m / 60)).padStart(2, '0')}:${String(m % 60).padStart(2, '0')}`;
}

/**
 * What a step rule's cutoffs count on row r, from its `from` (and `since`) column read as numbers:
 * the number, the whole years between the two dates, or the date's minutes from midnight.
 */
export function stepQuantity(rule: { from: string; since?: string; clock?: true }, schema: ColumnSchema[], from: (r: number) => number, since?: (r: number) => number): (r: number) => number {
  const format = schema.find((c) => c.name === rule.from)?.date;
  if (rule.clock && format) return (r) => minuteOfDay(from(r), format);
  return since ? (r) => wholeYears(since(r), from(r)) : from;
}

/** The value a step rule gives where its `from` column reads `x`. */
export function stepValue(rule: { cutoffs: number[]; values: string[] }, x: number): string {
  let k = 0;
  while (k < rule.cutoffs.length && x >= rule.cutoffs[k]) k++;
  return rule.values[k];
}

/** The monthly payment repaying `principal` over `term` whole months at `rate` percent a year; NaN for no whole term. */
export function annuityPayment(principal: number, rate: number, term: number): number {
  if (!Number.isInteger(term) || term < 1) return NaN;
  const r = rate / 1200;
  return r === 0 ? principal / term : (principal * r) / (1 - (1 + r) ** -term);
}

/** A product rule's forms by name, each as the flags it sets: the search, the CLI's JSON and the panel's form share them. */
export const PRODUCT_FORMS = {
  times: {},
  percent: { percent: true },
  off: { off: true },
  per: { per: true },
  share: { per: true, percent: true },
  square: { per: true, square: true },
  squareCm: { per: true, square: true, scale: 10_000 },
  ceil: { per: true, ceil: true },
} as const satisfies Record<string, { percent?: true; off?: true; per?: true; square?: true; scale?: number; ceil?: true }>;
export type ProductForm = keyof typeof PRODUCT_FORMS;

/**
 * What a ratio rule (`per`) gives for its two parts: a / b, × 100 in percent, over b² with
 * `square`, × `scale`, rounded up with `ceil`; NaN where b is 0.
 */
export function ratioOf(rule: { per?: true; percent?: true; square?: true; scale?: number; ceil?: true }, a: number, b: number): number {
  if (b === 0) return NaN;
  // Less a hair, so that 1.1 / 0.1 (11.000000000000002 in floating point) rounds up to 11.
  if (rule.ceil) return Math.ceil(a / b - 1e-9);
  return (a / (rule.square ? b * b : b)) * (rule.percent ? 100 : 1) * (rule.scale ?? 1);
}

/** The value a flag rule gives where its numbers read `left` and `right`. */
export function flagValue(rule: { op: FlagOp; values: [string, string] | [string, string, string] }, left: number, right: number, upper = NaN): string {
  if (rule.op === 'compare') return rule.values[left < right ? 0 : left === right ? 1 : 2] ?? rule.values[1];
  return compares(rule.op, left, right, upper) ? rule.values[0] : rule.values[1];
}

/**
 * How far a sum's total may be from its parts: as `sumTolerance`, and where a date adds a
 * number written with decimals (7.75 hours), also half that number's last decimal and half the
 * date's own step, as each was rounded when written.
 */
export function dateSumTolerance(rule: DatedSum, schema: ColumnSchema[]): number {
  const total = schema.find((c) => c.name === rule.total);
  if (!total) return 1e-9;
  // Whole months land on a day (and time) exactly.
  if (rule.unit === 'months' || total.kind !== 'datetime') return sumTolerance(total);
  const weights = sumWeights(rule, schema);
  const rounding = rule.parts.slice(1).reduce((sum, name, k) => {
    const number = schema.find((c) => c.name === name)?.numeric;
    const decimals = !number || number.integer ? 0 : number.decimals;
    return sum + (decimals === 0 ? 0 : 0.5 * 10 ** -decimals * weights[k + 1]);
  }, 0);
  if (rounding === 0) return sumTolerance(total);
  const step = total.date?.time === 'hms' ? TIME_UNITS.seconds : total.date?.time === 'hm' ? TIME_UNITS.minutes : TIME_UNITS.days;
  return sumTolerance(total) + rounding + step / 2;
}

/**
 * How far a total may be from its parts' sum: the seed writes it rounded to its own decimals,
 * plus a hair of float error; a date (read in milliseconds) within half a second.
 */
export function sumTolerance(total: ColumnSchema): number {
  if (total.kind === 'datetime') return 500;
  // Whole numbers written with cents (`$3.00`) hold to the cent.
  const decimals = total.numeric?.decimals ?? 6;
  return 0.5 * 10 ** -decimals + 1e-9;
}

/** `sumTolerance` of the column named `total`. */
function toleranceOf(total: string, schema: ColumnSchema[]): number {
  const column = schema.find((c) => c.name === total);
  return column ? sumTolerance(column) : 1e-9;
}

/** Column values read as numbers the way each column writes them. */
export function readColumns(table: Table, schema: ColumnSchema[], names: string[]): Float64Array[] {
  return names.map((name) => {
    const column = schema.find((c) => c.name === name);
    const values = table.columns[table.names.indexOf(name)];
    const out = new Float64Array(table.rowCount).fill(NaN);
    if (!column || !values) return out;
    const read = numberReader(column);
    const cache = new Map<string, number>();
    for (let r = 0; r < table.rowCount; r++) {
      const v = values[r];
      if (v === null) continue;
      let x = cache.get(v);
      if (x === undefined) cache.set(v, (x = read(v)));
      out[r] = x;
    }
    return out;
  });
}

/** Whether row r of `table` obeys `rule`; the rule's columns are read once, when this is made. */
export function rowChecker(rule: Rule, table: Table, schema: ColumnSchema[]): (r: number) => boolean {
  const cells = (name: string) => table.columns[table.names.indexOf(name)] ?? [];
  if (rule.kind === 'blank') {
    const [column, when] = [cells(rule.column), cells(rule.when)];
    const values = new Set(rule.values);
    if (rule.oneWay) return (r) => column[r] === null || !values.has(when[r] ?? null);
    return (r) => (column[r] === null) === values.has(when[r] ?? null);
  }
  if (rule.kind === 'step') {
    const column = cells(rule.column);
    const [from, since] = readColumns(table, schema, [rule.from, ...(rule.since === undefined ? [] : [rule.since])]);
    const at = stepQuantity(rule, schema, (r) => from[r], since && ((r) => since[r]));
    // A row whose `from` is no number, or whose column is blank (a delivery charge on a collected order), is not judged.
    return (r) => Number.isNaN(at(r)) || column[r] === null || column[r] === stepValue(rule, at(r));
  }
  if (rule.kind === 'flag') {
    const column = cells(rule.column);
    const [left, right, upper] = readColumns(table, schema, [rule.left, rule.right, ...(rule.upper === undefined ? [] : [rule.upper])]);
    // A row missing any of its numbers is not judged.
    const high = (r: number) => (upper ? upper[r] : 0);
    return (r) => Number.isNaN(left[r] + right[r] + high(r)) || column[r] === flagValue(rule, left[r], right[r], high(r));
  }
  if (rule.kind === 'among') return amongChecker(rule, cells(rule.column), cells(rule.when));
  if (rule.kind === 'period') {
    const [end, start] = readColumns(table, schema, [rule.end, rule.start]);
    const by = cells(rule.by);
    const length = (r: number) => (by[r] !== null && Object.hasOwn(rule.lengths, by[r]!) ? rule.lengths[by[r]!] : undefined);
    // A row missing a date, or of a category with no length, is not judged.
    return (r) => {
      const x = periodEnd(rule.unit, start[r], length(r), rule.dayBefore);
      return Number.isNaN(x + end[r]) || closeTo(end[r], x, toleranceOf(rule.end, schema));
    };
  }
  if (rule.kind === 'differ') return differChecker(cells(rule.left), cells(rule.right));
  if (rule.kind === 'lookup') {
    const [column, a, b] = ruleColumns(rule).map(cells);
    const [find, matches] = [lookupReader(rule, schema), lookupMatcher(schema.find((c) => c.name === rule.column))];
    return (r) => {
      const value = find(a[r], b[r]);
      return value === null || (value !== undefined && matches(column[r], value));
    };
  }
  if (rule.kind === 'part') {
    const [dates] = readColumns(table, schema, [rule.date]);
    return partTexts(rule.part, dates, cells(rule.column)).obeys;
  }
  if (rule.kind === 'zero' && rule.values) {
    const [[xs], when, values] = [readColumns(table, schema, [rule.column]), cells(rule.when), new Set(rule.values)];
    const target = rule.value ?? 0;
    if (rule.oneWay) return (r) => Number.isNaN(xs[r]) || !values.has(when[r] ?? null) || xs[r] === target;
    return (r) => Number.isNaN(xs[r]) || (xs[r] === target) === values.has(when[r] ?? null);
  }
  if (rule.kind === 'years') {
    const [count, from, to] = readColumns(table, schema, ruleColumns(rule));
    const on = 'on' in rule ? readIsoDay(rule.on) : NaN;
    // A row with a date or the count missing is not judged.
    return (r) => {
      const years = wholeYears(from[r], to ? to[r] : on);
      return Number.isNaN(count[r] + years) || count[r] === years;
    };
  }
  if (rule.kind === 'rate') {
    const [total, of, times] = readColumns(table, schema, [rule.total, rule.of, ...(rule.times === undefined ? [] : [rule.times])]);
    const by = 'by' in rule ? cells(rule.by) : null;
    const tolerance = toleranceOf(rule.total, schema);
    const down = !('by' in rule) && rule.down ? unitOf(schema.find((c) => c.name === rule.total)!) : 0;
    return (r) => {
      const given = rateValue(rule, of[r], times ? times[r] : 1, by ? by[r] : null);
      if (down) return Number.isNaN(total[r] + given) || closeTo(total[r], floorTo(given, down), 1e-9 * Math.max(1, Math.abs(given)));
      return Number.isNaN(total[r] + given) || closeTo(total[r], given, tolerance);
    };
  }
  const test = ruleTest(rule, schema);
  const columns = readColumns(table, schema, ruleColumns(rule));
  const row = new Array<number>(columns.length);
  return (r) => {
    for (let c = 0; c < columns.length; c++) row[c] = columns[c][r];
    return test(row);
  };
}

/** Rows of `table` that break `rule`. */
export function countBreaks(table: Table, schema: ColumnSchema[], rule: Rule): number {
  const obeys = rowChecker(rule, table, schema);
  let broken = 0;
  for (let r = 0; r < table.rowCount; r++) if (!obeys(r)) broken++;
  return broken;
}

/**
 * Throws a clear message for a rule that cannot be kept: an unknown or excluded column, a
 * column that holds no numbers or dates, columns of different kinds, a rule the seed itself
 * breaks, or rules that contradict each other.
 */
export function validateRules(rules: Rule[], table: Table, schema: ColumnSchema[]): void {
  for (const rule of rules) {
    const columns = ruleColumns(rule).map((name) => {
      const column = schema.find((c) => c.name === name);
      if (!column) {
        const likely = likelyNames(name, schema.map((c) => c.name));
        const hint = likely.length ? ` Did you mean ${likely.map((n) => `"${n}"`).join(' or ')}?` : '';
        throw new InputError(`The rule "${describeRule(rule)}" names "${name}", which is not a column of this table.${hint}`);
      }
      if (!column.include) throw new InputError(`The rule "${describeRule(rule)}" uses "${name}", which is excluded. Include the column or remove the rule.`);
      return column;
    });
    if (new Set(ruleColumns(rule)).size < columns.length) throw new InputError(`The rule "${describeRule(rule)}" names the same column twice.`);
    if (rule.kind === 'blank') checkBlankRule(rule, columns, table);
    else if (rule.kind === 'step') checkStepRule(rule, columns);
    else if (rule.kind === 'flag') checkFlagRule(rule, columns, table);
    else if (rule.kind === 'lookup') checkLookupRule(rule, columns);
    else if (rule.kind === 'among' || rule.kind === 'differ') checkPairingRule(rule, columns);
    else if (rule.kind === 'period') checkPeriodRule(rule, columns);
    else if (rule.kind === 'rate') checkRateRule(rule, columns, table);
    else if (rule.kind === 'part') checkPartRule(rule, columns);
    else if (rule.kind === 'years') checkYearsRule(rule, columns);
    else if (rule.kind === 'zero' && rule.values) checkZeroByCategory({ ...rule, values: rule.values }, columns, table);
    else checkNumberRule(rule, columns);
    const broken = countBreaks(table, schema, rule);
    if (broken > 0) {
      throw new InputError(`Your data breaks the rule "${describeRuleIn(rule, schema)}" in ${broken.toLocaleString('en-US')} of ${table.rowCount.toLocaleString('en-US')} rows, so it cannot be kept: fix those rows, or leave the rule out.`);
    }
  }
  const cycle = orderCycle(rules);
  if (cycle) throw new InputError(`The rules ${cycle.join(' ≥ ')} contradict each other (they go round in a circle). Remove one of them.`);
  const totals = rules.flatMap((r) => (r.kind === 'sum' || r.kind === 'product' || r.kind === 'rate' || r.kind === 'annuity' || r.kind === 'formula' ? [r.total] : r.kind === 'period' ? [r.end] : []));
  const twice = totals.find((t, i) => totals.indexOf(t) !== i);
  if (twice) throw new InputError(`"${twice}" is the total of two sum, product or rate rules. Keep one of them.`);
}

function checkNumberRule(rule: NumberRule, columns: ColumnSchema[]): void {
  for (const column of columns) {
    if (!isModelled(column) || (column.kind !== 'numeric' && column.kind !== 'datetime')) {
      throw new InputError(`The rule "${describeRule(rule)}" needs numbers or dates, but "${column.name}" is a ${column.kind} column.`);
    }
  }
  if (rule.kind === 'sum' && columns[0].kind === 'datetime') {
    const numbers = rule.units?.length ?? 1;
    if (columns.length !== numbers + 2 || rule.parts.length !== numbers + 1 || columns[1].kind !== 'datetime' || columns.slice(2).some((c) => c.kind !== 'numeric')) {
      const what = rule.units ? `each later part a number (of ${rule.units.join(', ')})` : `its second a number of ${rule.unit ?? 'days'}`;
      throw new InputError(`The rule "${describeRule(rule)}" adds to a date: its first part must be a date and ${what}.`);
    }
    return;
  }
  if (rule.kind === 'excess' && rule.since !== undefined) {
    if (columns[0].kind !== 'numeric' || columns.slice(1).some((c) => c.kind !== 'datetime')) throw new InputError(`The rule "${describeRule(rule)}" counts the days between two dates: "${rule.column}" must be a number, "${rule.of}" and "${rule.since}" dates.`);
    return;
  }
  if (rule.kind === 'order' && rule.yearOf) {
    const [date, year] = rule.yearOf === 'low' ? columns : [columns[1], columns[0]];
    if (date.kind !== 'datetime' || year.kind !== 'numeric') throw new InputError(`The rule "${describeRule(rule)}" compares the year of a date with a number: "${date.name}" must be a date, "${year.name}" a number.`);
    return;
  }
  if (rule.kind === 'order' && rule.years && columns.some((c) => c.kind !== 'datetime')) throw new InputError(`The rule "${describeRule(rule)}" counts years between dates, but "${columns.find((c) => c.kind !== 'datetime')!.name}" is no date.`);
  if (rule.kind === 'sum' && (rule.unit || rule.units || rule.dayBefore)) throw new InputError(`The rule "${describeRule(rule)}" counts ${rule.unit ?? rule.units?.join(' and ') ?? 'days'}, but "${rule.total}" is no date.`);
  if (columns.some((c) => c.kind !== columns[0].kind) || (rule.kind !== 'order' && columns[0].kind !== 'numeric')) {
    const fix = rule.kind === 'order' ? 'compare two dates or two numbers' : rule.kind === 'sum' ? 'use numeric columns, or a date plus a number of days' : 'use numeric columns';
    throw new InputError(`The rule "${describeRule(rule)}" mixes dates and numbers; ${fix}.`);
  }
}

function checkStepRule(rule: Extract<Rule, { kind: 'step' }>, [column, from, since]: ColumnSchema[]): void {
  if (!isModelled(column)) throw new InputError(`The rule "${describeRule(rule)}" needs a column the model learns, but "${column.name}" is an ID or a constant.`);
  if (rule.clock) {
    if (!isModelled(from) || from.kind !== 'datetime' || from.date?.time === 'none') throw new InputError(`The rule "${describeRule(rule)}" reads a time of day, but "${from.name}" holds no times.`);
  } else if (since) {
    for (const date of [from, since]) {
      if (!isModelled(date) || date.kind !== 'datetime') throw new InputError(`The rule "${describeRule(rule)}" counts years between two dates, but "${date.name}" is a ${date.kind} column.`);
    }
  } else if (!isModelled(from) || from.kind !== 'numeric') throw new InputError(`The rule "${describeRule(rule)}" needs numbers after "by", but "${from.name}" is a ${from.kind} column.`);
  const rising = rule.cutoffs.every((c, k) => Number.isFinite(c) && (k === 0 || c > rule.cutoffs[k - 1]));
  if (rule.cutoffs.length === 0 || !rising || rule.values.length !== rule.cutoffs.length + 1) {
    throw new InputError(`The rule "${describeRule(rule)}" needs rising cutoffs and one value more than cutoffs.`);
  }
}

function checkFlagRule(rule: Extract<Rule, { kind: 'flag' }>, [column, left, right, upper]: ColumnSchema[], table: Table): void {
  if (!isModelled(column)) throw new InputError(`The rule "${describeRule(rule)}" needs a column the model learns, but "${column.name}" is an ID or a constant.`);
  if ((rule.op === 'compare') !== (rule.values.length === 3)) throw new InputError(`The rule "${describeRule(rule)}" names three values with "compare", and two otherwise.`);
  if ((rule.op === 'outside') !== (upper !== undefined)) throw new InputError(`The rule "${describeRule(rule)}" names an upper bound only with "outside", and needs one there.`);
  if (upper && upper.kind !== right.kind) throw new InputError(`The rule "${describeRule(rule)}" needs its range's two ends of one kind.`);
  for (const x of [left, right, ...(upper ? [upper] : [])]) {
    if (!isModelled(x) || (x.kind !== 'numeric' && x.kind !== 'datetime')) {
      throw new InputError(`The rule "${describeRule(rule)}" compares numbers or dates, but "${x.name}" is ${x.kind === 'numeric' || x.kind === 'datetime' ? 'an ID or a constant' : `a ${x.kind} column`}.`);
    }
  }
  if (left.kind !== right.kind) throw new InputError(`The rule "${describeRule(rule)}" compares a date with a number; compare two dates or two numbers.`);
  if (rule.values[0] === rule.values[1]) throw new InputError(`The rule "${describeRule(rule)}" needs two different values of "${column.name}".`);
  checkValuesHeld(rule, rule.column, rule.values, table);
}

function checkLookupRule(rule: LookupRule, [column, ...keys]: ColumnSchema[]): void {
  for (const x of [column, ...keys]) {
    if (!isModelled(x)) throw new InputError(`The rule "${describeRule(rule)}" needs columns the model learns, but "${x.name}" is an ID or a constant.`);
  }
  const key = keys.find((k) => k.kind === 'datetime');
  if (key) throw new InputError(`The rule "${describeRule(rule)}" looks values up by category or count, but "${key.name}" is a date column.`);
}

function checkPeriodRule(rule: PeriodRule, [end, start, by]: ColumnSchema[]): void {
  for (const x of [end, start]) {
    if (!isModelled(x) || x.kind !== 'datetime') throw new InputError(`The rule "${describeRule(rule)}" adds to a date, but "${x.name}" is ${isModelled(x) ? `a ${x.kind} column` : 'an ID or a constant'}.`);
  }
  if (!isModelled(by) || (by.kind !== 'categorical' && by.kind !== 'boolean')) throw new InputError(`The rule "${describeRule(rule)}" takes its lengths by category, but "${by.name}" is ${isModelled(by) ? `a ${by.kind} column` : 'an ID or a constant'}.`);
}

function checkPairingRule(rule: AmongRule | DifferRule, columns: ColumnSchema[]): void {
  for (const x of columns) {
    if (!isModelled(x) || (x.kind !== 'categorical' && x.kind !== 'boolean')) {
      throw new InputError(`The rule "${describeRule(rule)}" pairs categories, but "${x.name}" is ${isModelled(x) ? `a ${x.kind} column` : 'an ID or a constant'}.`);
    }
  }
}

function checkBlankRule(rule: Extract<Rule, { kind: 'blank' }>, [column, when]: ColumnSchema[], table: Table): void {
  if (!isModelled(column)) throw new InputError(`The rule "${describeRule(rule)}" needs a column the model learns, but "${column.name}" is an ID or a constant.`);
  // Any column may say when by being blank itself: a BMI blank exactly when the weight is.
  const together = rule.values.length === 1 && rule.values[0] === null;
  if (!isModelled(when) || (!canDecideBlanks(when) && !together)) {
    throw new InputError(`The rule "${describeRule(rule)}" needs a category or a whole number after "when" (or the value blank), but "${when.name}" is a ${when.kind} column.`);
  }
  if (rule.values.length === 0) throw new InputError(`The rule "${describeRule(rule)}" names no value of "${when.name}".`);
  checkValuesHeld(rule, rule.when, rule.values, table);
}

function checkPartRule(rule: Extract<Rule, { kind: 'part' }>, [column, date]: ColumnSchema[]): void {
  if (!isModelled(column)) throw new InputError(`The rule "${describeRule(rule)}" needs a column the model learns, but "${column.name}" is an ID or a constant.`);
  if (!isModelled(date) || date.kind !== 'datetime') throw new InputError(`The rule "${describeRule(rule)}" needs a date after "of", but "${date.name}" is a ${date.kind} column.`);
}

function checkZeroByCategory(rule: Extract<Rule, { kind: 'zero' }> & { values: (string | null)[] }, [column, when]: ColumnSchema[], table: Table): void {
  if (!isModelled(column) || column.kind !== 'numeric') {
    throw new InputError(`The rule "${describeRule(rule)}" needs numbers, but "${column.name}" is ${column.kind === 'numeric' ? 'an ID or a constant' : `a ${column.kind} column`}.`);
  }
  // Any column may say 0 where it is blank; other values need a category.
  const blankOnly = rule.values.length === 1 && rule.values[0] === null;
  if (!isModelled(when) || (when.kind !== 'categorical' && when.kind !== 'boolean' && !blankOnly)) {
    throw new InputError(`The rule "${describeRule(rule)}" needs a category after "when", but "${when.name}" is a ${when.kind} column.`);
  }
  if (rule.values.length === 0) throw new InputError(`The rule "${describeRule(rule)}" names no value of "${when.name}".`);
  checkValuesHeld(rule, rule.when, rule.values, table);
}

function checkYearsRule(rule: YearsRule, [column, ...dates]: ColumnSchema[]): void {
  if (!isModelled(column) || column.kind !== 'numeric') {
    throw new InputError(`The rule "${describeRule(rule)}" needs a column of whole numbers, but "${column.name}" is ${column.kind === 'numeric' ? 'an ID or a constant' : `a ${column.kind} column`}.`);
  }
  const notDate = dates.find((d) => !isModelled(d) || d.kind !== 'datetime');
  if (notDate) throw new InputError(`The rule "${describeRule(rule)}" counts years between dates, but "${notDate.name}" is a ${notDate.kind} column.`);
  if ('on' in rule && Number.isNaN(readIsoDay(rule.on))) throw new InputError(`The rule "${describeRule(rule)}" needs a day written like 2024-06-30 after "to".`);
}

function checkRateRule(rule: RateRule, [total, of, ...rest]: ColumnSchema[], table: Table): void {
  const times = rule.times === undefined ? undefined : rest[0];
  const by = rest[rule.times === undefined ? 0 : 1];
  for (const column of [total, of, ...(times ? [times] : [])]) {
    if (!isModelled(column) || column.kind !== 'numeric') {
      throw new InputError(`The rule "${describeRule(rule)}" needs numbers, but "${column.name}" is ${column.kind === 'numeric' ? 'an ID or a constant' : `a ${column.kind} column`}.`);
    }
  }
  const rates = 'by' in rule ? Object.values(rule.rates) : [rule.rate];
  if (rates.length === 0 || !rates.every(Number.isFinite)) throw new InputError(`The rule "${describeRule(rule)}" needs a rate that is a number.`);
  if (!('by' in rule)) return;
  if (!isModelled(by) || (by.kind !== 'categorical' && by.kind !== 'boolean')) {
    throw new InputError(`The rule "${describeRule(rule)}" needs a category after "by", but "${by.name}" is a ${by.kind} column.`);
  }
  checkValuesHeld(rule, rule.by, Object.keys(rule.rates), table);
}

/** A value the seed's `column` never holds is a typo, not a rule: say so, with the values it does hold. */
function checkValuesHeld(rule: Rule, column: string, values: (string | null)[], table: Table): void {
  const held = new Set(table.columns[table.names.indexOf(column)] ?? []);
  const unknown = values.find((v) => !held.has(v));
  if (unknown === undefined) return;
  const some = [...held].filter((v) => v !== null).slice(0, 8);
  const more = held.size - (held.has(null) ? 1 : 0) > some.length ? ', …' : '';
  throw new InputError(
    `The rule "${describeRule(rule)}" names ${unknown === null ? 'blank' : `"${unknown}"`}, which "${column}" never is in your data. Its values: ${some.join(', ')}${more}.`,
  );
}

/** Columns of a circle of order rules (a ≥ b ≥ c ≥ a), or null. */
function orderCycle(rules: Rule[]): string[] | null {
  const next = new Map<string, string[]>();
  for (const r of rules) if (r.kind === 'order') next.set(r.high, [...(next.get(r.high) ?? []), r.low]);
  const state = new Map<string, 'open' | 'done'>();
  const path: string[] = [];
  const visit = (node: string): string[] | null => {
    if (state.get(node) === 'open') return [...path.slice(path.indexOf(node)), node];
    if (state.get(node) === 'done') return null;
    state.set(node, 'open');
    path.push(node);
    for (const low of next.get(node) ?? []) {
      const found = visit(low);
      if (found) return found;
    }
    path.pop();
    state.set(node, 'done');
    return null;
  };
  for (const node of next.keys()) {
    const found = visit(node);
    if (found) return found;
  }
  return null;
}

/**
 * Rules from JSON a user wrote (`--rules rules.json`): an array of
 * `{"kind":"order","low":"a","high":"b"}`, `{"kind":"sum","total":"t","parts":["a","b"]}` (a third
 * column in `parts`, or one to take away in `"minus":["c"]`; a date plus numbers of `"unit":"hours"`,
 * or plus two or three numbers with `"units":["hours","minutes"]`), `{"kind":"product",…}` with two parts (`"percent":true`: one a rate in percent; `"off":true`: the first less the second in percent),
 * `{"kind":"rate","total":"t","of":"a","rate":0.2}` (or by a category: `"by":"c","rates":{"x":0.2}`),
 * `{"kind":"range","column":"a","min":0}`, `{"kind":"zero","column":"a","when":"b"}`, `{"kind":"blank","column":"a","when":"b","values":["x"]}` (null: b blank),
 * a step, a flag (`{"kind":"flag","column":"sold_out","left":"sold","op":"=","right":"seats","values":["yes","no"]}`),
 * a lookup (`{"kind":"lookup","column":"rate","by":["grade","term"],"values":[["A","36","4.7"],…]}`),
 * an excess (`{"kind":"excess","column":"overtime","of":"hours","over":8}`),
 * a formula of three (`{"kind":"formula","total":"freight","form":"plus-times","parts":["base","rate","kg"]}`),
 * brackets (`{"kind":"brackets","column":"tax","of":"gross","at":0,"cutoffs":[1000,4000],"slopes":[0,0.2,0.4]}`),
 * categories that go together only so (`{"kind":"among","column":"type","when":"channel","allowed":{"ATM":["Fee","Withdrawal"]}}`)
 * or never match (`{"kind":"differ","left":"home","right":"away"}`), an end a time by category after
 * its start (`{"kind":"period","end":"end","start":"start","by":"plan","unit":"months","lengths":{"Annual":12}}`),
 * a date part, or `{"kind":"years","column":"age","from":"born","to":"visit"}` (or `"on":"2024-06-30"`). Throws InputError naming the first entry amiss.
 */
export function parseRules(json: unknown): Rule[] {
  if (!Array.isArray(json)) throw new InputError('Rules must be a JSON array, e.g. [{"kind": "order", "low": "start", "high": "end"}].');
  return json.map((entry: unknown, i): Rule => {
    const e = (entry ?? {}) as Record<string, unknown>;
    const text = (key: string) => (typeof e[key] === 'string' && e[key] !== '' ? (e[key] as string) : null);
    const years = e.years === undefined || (typeof e.years === 'number' && Number.isInteger(e.years) && e.years > 0);
    const yearOf = e.yearOf === undefined || ((e.yearOf === 'low' || e.yearOf === 'high') && e.years === undefined);
    if (e.kind === 'order' && text('low') && text('high') && years && yearOf) {
      return { kind: 'order', low: text('low')!, high: text('high')!, ...(typeof e.years === 'number' && { years: e.years }), ...((e.yearOf === 'low' || e.yearOf === 'high') && { yearOf: e.yearOf }) };
    }
    const names = (key: string) => (Array.isArray(e[key]) && (e[key] as unknown[]).every((p) => typeof p === 'string' && p !== '') ? (e[key] as string[]) : null);
    const [parts, minus] = [names('parts'), e.minus === undefined ? [] : names('minus')];
    const flag = (key: string) => e[key] === undefined || typeof e[key] === 'boolean';
    const forms = [e.percent, e.off, e.per].filter((f) => f === true).length;
    const oneForm = forms <= 1 || (forms === 2 && e.off !== true);
    // A square and a scale only over a ratio: a BMI from a weight and a height.
    const scale = e.scale === undefined || (typeof e.scale === 'number' && Number.isFinite(e.scale) && e.scale > 0 && e.per === true);
    const squared = flag('square') && (e.square !== true || e.per === true);
    // Rounded up only as a plain quotient: the crates a quantity fills.
    const ceil = flag('ceil') && (e.ceil !== true || (e.per === true && e.percent !== true && e.square !== true && e.scale === undefined));
    if (e.kind === 'product' && text('total') && parts?.length === 2 && flag('percent') && flag('off') && flag('per') && oneForm && scale && squared && ceil) {
      const form = {
        ...(e.percent === true && { percent: true as const }),
        ...(e.off === true && { off: true as const }),
        ...(e.per === true && { per: true as const }),
        ...(e.square === true && { square: true as const }),
        ...(typeof e.scale === 'number' && { scale: e.scale }),
        ...(e.ceil === true && { ceil: true as const }),
      };
      return { kind: 'product', total: text('total')!, parts: [parts[0], parts[1]], ...form };
    }
    const unit = e.unit === undefined ? null : SUM_UNITS.includes(e.unit as SumUnit) ? (e.unit as SumUnit) : undefined;
    const units = Array.isArray(e.units) && e.units.every((u) => typeof u === 'string' && Object.hasOwn(TIME_UNITS, u)) ? (e.units as TimeUnit[]) : undefined;
    if (e.kind === 'sum' && text('total') && parts && units && e.unit === undefined && minus?.length === 0 && units.length >= 2 && units.length === parts.length - 1 && parts.length <= 4) {
      return { kind: 'sum', total: text('total')!, parts, units };
    }
    // Days counted both ends in (a trip's days from its start to its end): only a date plus days.
    const dayBefore = e.dayBefore === undefined || (e.dayBefore === true && parts?.length === 2 && minus?.length === 0 && (unit === null || unit === 'days' || unit === 'months'));
    if (e.kind === 'sum' && e.units === undefined && text('total') && parts && minus && unit !== undefined && dayBefore && parts.length >= 1 && parts.length + minus.length >= 2 && parts.length + minus.length <= 4) {
      return { kind: 'sum', total: text('total')!, parts, ...(minus.length > 0 && { minus }), ...(unit && unit !== 'days' && { unit }), ...(e.dayBefore === true && { dayBefore: true as const }) };
    }
    if (e.kind === 'annuity' && text('total') && text('principal') && text('rate') && text('term')) {
      return { kind: 'annuity', total: text('total')!, principal: text('principal')!, rate: text('rate')!, term: text('term')! };
    }
    const rate = parseRate(e, text) ?? parseFormula(e) ?? parseLookup(e) ?? parseExcess(e) ?? parseBrackets(e) ?? parsePairing(e) ?? parsePeriod(e);
    if (rate) return rate;
    if (e.kind === 'range' && text('column') && typeof e.min === 'number' && Number.isFinite(e.min)) return { kind: 'range', column: text('column')!, min: e.min };
    const held = e.values;
    const categories = Array.isArray(held) && held.length > 0 && held.every((v) => typeof v === 'string' || v === null) ? (held as (string | null)[]) : null;
    const value = e.value === undefined ? undefined : typeof e.value === 'number' && Number.isFinite(e.value) && categories ? e.value : null;
    const oneWay = e.oneWay === undefined || (e.oneWay === true && categories !== null);
    if (e.kind === 'zero' && text('column') && text('when') && (held === undefined || categories) && value !== null && oneWay) {
      return { kind: 'zero', column: text('column')!, when: text('when')!, ...(categories && { values: categories }), ...(value !== undefined && { value }), ...(e.oneWay === true && { oneWay: true }) };
    }
    const cutoffs = e.cutoffs;
    if (e.kind === 'step' && text('column') && text('from') && Array.isArray(cutoffs) && cutoffs.every((c) => typeof c === 'number') && names('values')) {
      const since = e.since === undefined ? undefined : text('since');
      const clock = e.clock === true && since === undefined;
      if (since !== null && (e.clock === undefined || clock)) {
        return { kind: 'step', column: text('column')!, from: text('from')!, ...(since !== undefined && { since }), ...(clock && { clock: true as const }), cutoffs: cutoffs as number[], values: names('values')! };
      }
    }
    const pair = names('values');
    const op = e.op === '<=' ? '≤' : e.op;
    if (e.kind === 'flag' && text('column') && text('left') && text('right') && op === 'outside' && text('upper') && pair?.length === 2) {
      return { kind: 'flag', column: text('column')!, left: text('left')!, op: 'outside', right: text('right')!, upper: text('upper')!, values: [pair[0], pair[1]] };
    }
    if (e.kind === 'flag' && text('column') && text('left') && text('right') && op === 'compare' && e.upper === undefined && pair?.length === 3) {
      return { kind: 'flag', column: text('column')!, left: text('left')!, op: 'compare', right: text('right')!, values: [pair[0], pair[1], pair[2]] };
    }
    if (e.kind === 'flag' && text('column') && text('left') && text('right') && FLAG_OPS.includes(op as FlagOp) && e.upper === undefined && pair?.length === 2) {
      return { kind: 'flag', column: text('column')!, left: text('left')!, op: op as FlagOp, right: text('right')!, values: [pair[0], pair[1]] };
    }
    if (e.kind === 'part' && text('column') && text('date') && DATE_PARTS.includes(e.part as DatePart)) {
      return { kind: 'part', column: text('column')!, date: text('date')!, part: e.part as DatePart, ...(e.grouped === true && { grouped: true }) };
    }
    if (e.kind === 'years' && text('column') && text('from') && (text('to') !== null) !== (text('on') !== null)) {
      const base = { kind: 'years' as const, column: text('column')!, from: text('from')! };
      return text('to') ? { ...base, to: text('to')! } : { ...base, on: text('on')! };
    }
    const values = e.values;
    const blankOneWay = e.oneWay === undefined || e.oneWay === true;
    if (e.kind === 'blank' && text('column') && text('when') && Array.isArray(values) && values.length > 0 && values.every((v) => typeof v === 'string' || v === null) && blankOneWay) {
      return { kind: 'blank', column: text('column')!, when: text('when')!, values: values as (string | null)[], ...(e.oneWay === true && { oneWay: true as const }) };
    }
    throw new InputError(
      `Rule ${i + 1} is not one of {"kind":"order","low":…,"high":…} (with "years":18 between dates 18 whole years apart at least), {"kind":"sum","total":…,"parts":[…,…],"minus":[…]}, {"kind":"product","total":…,"parts":[…,…]} (with "percent", "off" or "per":true; "per" and "ceil":true round up), {"kind":"rate","total":…,"of":…,"rate":…} (or "by":…,"rates":{…}; plus a fixed "base":… or "bases":{…}), {"kind":"annuity","total":…,"principal":…,"rate":…,"term":…}, {"kind":"formula","total":…,"form":"plus-times"|"times"|"times-off"|"plus-off","parts":[…,…,…]} (or "times4"|"times3-off" with four parts; "rate-less"|"rate-plus"|"rate-share"|"rate-capped" with two and "rate-plus3"|"rate-times3" with three, and a "rate"), {"kind":"range","column":…,"min":…}, {"kind":"zero","column":…,"when":…} (a category's "values":[…] after "when", with a "value" other than 0, "oneWay":true for 0 there and anything elsewhere), {"kind":"blank","column":…,"when":…,"values":[…]}, {"kind":"step","column":…,"from":…,"cutoffs":[…],"values":[…]} (with "since":… for whole years between two dates, or "clock":true for the time of day), {"kind":"flag","column":…,"left":…,"op":"="|"<"|"≤","right":…,"values":[yes,no]} (or "op":"outside","right":low,"upper":high; or "op":"compare","values":[below,equal,above]), {"kind":"lookup","column":…,"by":[…,…],"values":[[key,key,value],…]}, {"kind":"excess","column":…,"of":…,"over":…} (or "below":true; or "minus":… for the part of "of" above another number; "rate":… times it), {"kind":"brackets","column":…,"of":…,"at":…,"cutoffs":[…],"slopes":[…]} (one slope more than cutoffs), {"kind":"among","column":…,"when":…,"allowed":{value:[…]}}, {"kind":"differ","left":…,"right":…}, {"kind":"period","end":…,"start":…,"by":…,"unit":"months"|"days","lengths":{value:n}}, {"kind":"part","column":…,"date":…,"part":"year"|"quarter"|"month"|"weekday"|"year-month"|"day"} or {"kind":"years","column":…,"from":…,"to":…} (or "on":"2024-06-30"): ${JSON.stringify(entry)?.slice(0, 200)}`,
    );
  });
}

/** A rate rule from its JSON entry, or null where the entry is not one. */
function parseRate(e: Record<string, unknown>, text: (key: string) => string | null): RateRule | null {
  const [total, of, by] = [text('total'), text('of'), text('by')];
  if (e.kind !== 'rate' || !total || !of) return null;
  const times = e.times === undefined ? undefined : text('times');
  if (times === null) return null;
  const finite = (k: unknown): k is number => typeof k === 'number' && Number.isFinite(k);
  if (e.base !== undefined && (!finite(e.base) || e.by !== undefined)) return null;
  if (e.by === undefined && finite(e.rate)) return { kind: 'rate', total, of, rate: e.rate, ...(times !== undefined && { times }), ...(finite(e.base) && { base: e.base }), ...(e.down === true && { down: true as const }) };
  const numbers = (m: unknown): Record<string, number> | null => {
    if (typeof m !== 'object' || m === null || Array.isArray(m)) return null;
    const entries = Object.entries(m);
    return entries.every(([, k]) => finite(k)) ? (Object.fromEntries(entries) as Record<string, number>) : null;
  };
  const [rates, bases] = [numbers(e.rates), e.bases === undefined ? undefined : numbers(e.bases)];
  if (!by || !rates || Object.keys(rates).length === 0 || bases === null) return null;
  return { kind: 'rate', total, of, by, rates, ...(times !== undefined && { times }), ...(bases && { bases }) };
}
