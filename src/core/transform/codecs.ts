import { dateStepMs, formatDate, formatPicker, parseDate, roundDate, type DateFormat } from '../data/dates';
import { PLAIN_STYLE, readNumber, writeNumber, writeSignificant } from '../data/numbers';
import { numericReader, type ColumnSchema, type NumericInfo } from '../data/schema';
import { fromJsonNumber, toJsonNumber, type JsonNumber } from '../util/json';
import type { NumberCodec } from './continuous';
import { onMonthDay, sharedMonthDay } from './monthDays';
import { onWeekday, weekdayShares } from './weekdays';

const DAY_MS = 86_400_000;

const MAX_PARSED = 200_000;

/**
 * All a codec is, as plain data: what `codecFromSpec` rebuilds it from. Bounds may be open
 * (a column with no numbers has min Infinity), hence JSON numbers.
 */
export type CodecSpec =
  /**
   * With `weekdays`, each weekday's share of the seed's dates (Sunday first): written dates keep
   * them. With `monthDay`, the day of the month every seed date is on (−1: the last): written dates are too.
   */
  | { kind: 'date'; format: DateFormat; stepMs: number; min: JsonNumber; max: JsonNumber; weekdays?: number[]; monthDay?: number }
  | { kind: 'number'; numeric: NumericInfo | null; min: JsonNumber; max: JsonNumber }
  /** A gap between two columns, read and written at full precision. */
  | { kind: 'gap'; min: JsonNumber; max: JsonNumber };

/**
 * Reads and writes a numeric or date column's text, keeping its bounds, decimals and format;
 * with `weekdays`, a modelled date's days of the week where the seed's are far from even (a
 * date built from another, as a check-out from its check-in and nights, is written as built).
 */
export function codecFor(column: ColumnSchema, values: (string | null)[], weekdays = false): NumberCodec {
  if (column.kind === 'datetime' && column.date) {
    const format = column.date;
    const read = dateReader(format);
    const times = values.map((v) => (v === null ? NaN : read(v)));
    const [min, max] = bounds(times);
    const stepMs = dateStepMs(format, times);
    const monthDay = weekdays && stepMs === DAY_MS ? sharedMonthDay(times) : null;
    const shares = weekdays && stepMs <= DAY_MS && monthDay === null ? weekdayShares(times, format) : null;
    const spec: CodecSpec = { kind: 'date', format, stepMs, min: toJsonNumber(min), max: toJsonNumber(max), ...(shares && { weekdays: shares }), ...(monthDay !== null && { monthDay }) };
    return codecFromSpec(spec);
  }
  const info = column.numeric ?? null;
  const [min, max] = info ? [info.min, info.max] : bounds(values.map((v) => (v === null ? NaN : numericReader(undefined)(v))));
  return codecFromSpec({ kind: 'number', numeric: info, min: toJsonNumber(min), max: toJsonNumber(max) });
}

/** Reads and writes a gap (or a line's remainder) at full precision, within its seed range and never below `floor`. */
export function gapCodecFor(values: (string | null)[], floor = 0): NumberCodec {
  const read = (t: string) => readNumber(t, PLAIN_STYLE);
  const [min, max] = bounds(values.map((v) => (v === null ? NaN : read(v))));
  return codecFromSpec({ kind: 'gap', min: toJsonNumber(Math.max(floor, min)), max: toJsonNumber(max) });
}

/** The codec `spec` describes; a codec carries its spec, so a fitted encoder can save it. */
export function codecFromSpec(spec: CodecSpec): NumberCodec {
  const [min, max] = [fromJsonNumber(spec.min), fromJsonNumber(spec.max)];
  if (spec.kind === 'gap') return { read: (t) => readNumber(t, PLAIN_STYLE), write: String, min, max, spec };
  if (spec.kind === 'date') {
    const { format, stepMs, weekdays, monthDay } = spec;
    // A column written in several layouts is written in all of them, in the seed's shares.
    const next = formatPicker(format);
    const write = (x: number) => {
      const f = next();
      const day = weekdays ? onWeekday(roundDate(x, stepMs, f), weekdays, f, min, max, x) : monthDay !== undefined ? onMonthDay(x, monthDay, min, max) : x;
      return formatDate(roundDate(day, stepMs, f), f);
    };
    return { read: dateReader(format), write, min, max, spec };
  }
  const info = spec.numeric ?? undefined;
  const read = numericReader(info);
  return { ...numberWriter(info), read, min, max, spec };
}

function dateReader(format: DateFormat): (text: string) => number {
  // Parsed once per distinct text: a date column repeats its days, and parsing dominated its fit.
  const parsed = new Map<string, number>();
  return (text: string) => {
    let ms = parsed.get(text);
    if (ms === undefined) {
      ms = parseDate(text, format);
      if (parsed.size < MAX_PARSED) parsed.set(text, ms);
    }
    return ms;
  };
}

function numberWriter(info: NumericInfo | undefined): { write: (x: number) => string } {
  const decimals = info?.decimals ?? 6;
  const style = info?.style ?? PLAIN_STYLE;
  const significant = info?.significant;
  // Whole numbers stay whole even where the seed writes them `34.0`; stepped ones stay on their step.
  const step = info?.step;
  const ending = info?.ending;
  const whole = step ? (x: number) => Math.round(x / step) * step : ending ? onEnding(ending) : info?.integer ? Math.round : (x: number) => x;
  const plain = (x: number) => writeNumber(whole(x), decimals, style, info?.trimZeros);
  // A seed that writes 12.345 beside one 1e20 keeps its three places for the values it writes plainly.
  const plainUpTo = info?.plainUpTo;
  const inPlainRange = (x: number) => plainUpTo !== undefined && Math.abs(x) <= 10 * plainUpTo && (x === 0 || Math.abs(x) >= 10 ** -decimals);
  const write = significant ? (x: number) => (inPlainRange(x) ? plain(x) : writeSignificant(whole(x), significant)) : plain;
  return { write };
}

/** The nearest value with the seed's ending (74.99 for 75.3), 0 kept as 0, and never below 0 from above it. */
function onEnding({ step, offset }: { step: number; offset: number }): (x: number) => number {
  return (x) => {
    if (x === 0) return 0;
    const k = Math.round((x - offset) / step);
    return (x > 0 ? Math.max(0, k) : k) * step + offset;
  };
}

/** The least and greatest of `xs` ([Infinity, −Infinity] for none; NaN passed over), in a loop: a million spread as arguments would overflow the stack. */
export function bounds(xs: ArrayLike<number>): [number, number] {
  let min = Infinity;
  let max = -Infinity;
  for (let k = 0; k < xs.length; k++) {
    if (xs[k] < min) min = xs[k];
    if (xs[k] > max) max = xs[k];
  }
  return [min, max];
}
