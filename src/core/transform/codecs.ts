import { dateResolutionMs, formatDate, parseDate } from '../data/dates';
import type { ColumnSchema } from '../data/schema';
import type { NumberCodec } from './continuous';

/** Reads and writes a numeric or date column's text, keeping its bounds, decimals and format. */
export function codecFor(column: ColumnSchema, values: (string | null)[]): NumberCodec {
  if (column.kind === 'datetime' && column.date) {
    const format = column.date;
    const step = dateResolutionMs(format);
    const read = (text: string) => parseDate(text, format);
    const [min, max] = bounds(values, read);
    return { read, write: (x) => formatDate(Math.round(x / step) * step, format), min, max };
  }
  const info = column.numeric;
  const decimals = info?.decimals ?? 6;
  const integer = info?.integer ?? false;
  const read = (text: string) => Number(text);
  const [min, max] = info ? [info.min, info.max] : bounds(values, read);
  const write = integer && decimals === 0 ? (x: number) => String(Math.round(x)) : (x: number) => trimZero(x.toFixed(decimals));
  return { read, write, min, max };
}

function trimZero(text: string): string {
  return text === '-0' || /^-0\.0*$/.test(text) ? text.slice(1) : text;
}

function bounds(values: (string | null)[], read: (t: string) => number): [number, number] {
  let min = Infinity;
  let max = -Infinity;
  for (const v of values) {
    if (v === null) continue;
    const x = read(v);
    if (x < min) min = x;
    if (x > max) max = x;
  }
  return [min, max];
}
