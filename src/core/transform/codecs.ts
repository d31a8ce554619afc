import { dateStepMs, formatDate, parseDate, roundDate } from '../data/dates';
import { PLAIN_STYLE, writeNumber, writeSignificant } from '../data/numbers';
import { numericReader, type ColumnSchema } from '../data/schema';
import type { NumberCodec } from './continuous';

const MAX_PARSED = 200_000;

/** Reads and writes a numeric or date column's text, keeping its bounds, decimals and format. */
export function codecFor(column: ColumnSchema, values: (string | null)[]): NumberCodec {
  if (column.kind === 'datetime' && column.date) {
    const format = column.date;
    // Parsed once per distinct text: a date column repeats its days, and parsing dominated its fit.
    const parsed = new Map<string, number>();
    const read = (text: string) => {
      let ms = parsed.get(text);
      if (ms === undefined) {
        ms = parseDate(text, format);
        if (parsed.size < MAX_PARSED) parsed.set(text, ms);
      }
      return ms;
    };
    const times = values.map((v) => (v === null ? NaN : read(v)));
    const step = dateStepMs(format, times);
    const [min, max] = bounds(times);
    return { read, write: (x) => formatDate(roundDate(x, step, format), format), min, max };
  }
  const info = column.numeric;
  const decimals = info?.decimals ?? 6;
  const read = numericReader(info);
  const [min, max] = info ? [info.min, info.max] : bounds(values.map((v) => (v === null ? NaN : read(v))));
  const style = info?.style ?? PLAIN_STYLE;
  const significant = info?.significant;
  // Whole numbers stay whole even where the seed writes them `34.0`; stepped ones stay on their step.
  const step = info?.step;
  const whole = step ? (x: number) => Math.round(x / step) * step : info?.integer ? Math.round : (x: number) => x;
  const plain = (x: number) => writeNumber(whole(x), decimals, style);
  // A seed that writes 12.345 beside one 1e20 keeps its three places for the values it writes plainly.
  const plainUpTo = info?.plainUpTo;
  const inPlainRange = (x: number) => plainUpTo !== undefined && Math.abs(x) <= 10 * plainUpTo && (x === 0 || Math.abs(x) >= 10 ** -decimals);
  const write = significant ? (x: number) => (inPlainRange(x) ? plain(x) : writeSignificant(whole(x), significant)) : plain;
  return { read, write, min, max };
}

function bounds(xs: number[]): [number, number] {
  let min = Infinity;
  let max = -Infinity;
  for (const x of xs) {
    if (x < min) min = x;
    if (x > max) max = x;
  }
  return [min, max];
}
