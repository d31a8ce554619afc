import { sharePicker } from '../util/shares';

/** How a column writes its dates, so synthetic values are written back the same way. */
export interface DateFormat {
  order: 'ymd' | 'mdy' | 'dmy';
  sep: '-' | '/' | '.' | ' ';
  /** The month as a number, or as an English name: `Mar`, `March`. */
  month: 'number' | 'short' | 'long';
  /** A comma after the day, as in `Mar 4, 2021`. */
  comma: boolean;
  /** Days, months and hours written with two digits (`03/04`), not as few as needed (`3/4`). */
  pad: boolean;
  time: 'none' | 'hm' | 'hms';
  timeSep: 'T' | ' ';
  clock: 12 | 24;
  /** The zone as the seed wrote it (`Z`, `+01:00`), or ''. Values are read as UTC, written in this zone. */
  zone: string;
  /** A time of day with no date (`13:45`, `1:45 PM`), read as a time on 1 January 1970. */
  dateless?: boolean;
  /** A month with no day (`2023-07`, `07/2023`), read as its first day and written to the nearest month. */
  monthOnly?: boolean;
  /** Digits after the seconds (`10:00:05.123`): milliseconds are kept and written to this many places. */
  fraction?: number;
  /**
   * Other layouts the same column writes its dates in (`2023-07-10` in most rows, `07/10/2023`
   * in some), each with its count of seed values; this format has `count` of them.
   */
  others?: { format: DateFormat; count: number }[];
  count?: number;
}

const NUMERIC_RE = /^(\d{1,4})([-/.])(\d{1,2})\2(\d{1,4})/;
const NAMED_MDY_RE = /^([A-Za-z]{3,9})\.? (\d{1,2})(,?) (\d{4})/;
const NAMED_DMY_RE = /^(\d{1,2})([ -])([A-Za-z]{3,9})\.?\2(\d{4})/;
const YEAR_MONTH_RE = /^(\d{4})([-/.])(\d{1,2})$/;
const MONTH_YEAR_RE = /^(\d{1,2})([-/.])(\d{4})$/;
const CLOCK_RE = /^\d{1,2}:\d{2}(?::\d{2}(?:\.\d+)?)?(?: ?[AaPp][Mm])?$/;
const TIME_RE = /^(?:([T ])(\d{1,2}):(\d{2})(?::(\d{2})(?:\.(\d{1,9}))?)?(?: ?([AaPp][Mm]))?(Z|[+-]\d{2}:?\d{2})?)?$/;
const MONTHS = ['january', 'february', 'march', 'april', 'may', 'june', 'july', 'august', 'september', 'october', 'november', 'december'];

interface Parts {
  year: number;
  a: number;
  b: number;
  sep: DateFormat['sep'];
  /** Which layout: numeric with the year first or last, or a month name with day first or second. */
  layout: 'year-first' | 'year-last' | 'named-mdy' | 'named-dmy' | 'time-only' | 'year-month' | 'month-year';
  month: DateFormat['month'];
  comma: boolean;
  short: boolean;
  time: DateFormat['time'];
  timeSep: DateFormat['timeSep'];
  clock: DateFormat['clock'];
  zone: string;
  hh: number;
  mm: number;
  ss: number;
  ms: number;
  /** How many digits the seconds' fraction has; 0 for none. */
  fraction: number;
}

function monthOf(name: string): { month: number; style: 'short' | 'long' } | null {
  const lower = name.toLowerCase();
  const i = MONTHS.findIndex((m) => m === lower || m.slice(0, 3) === lower || (lower === 'sept' && m === 'september'));
  return i < 0 ? null : { month: i + 1, style: lower.length <= 4 ? 'short' : 'long' };
}

function split(raw: string): Parts | null {
  const text = raw.trim();
  let date: Omit<Parts, 'time' | 'timeSep' | 'clock' | 'zone' | 'hh' | 'mm' | 'ss' | 'ms' | 'fraction'> | null = null;
  let m: RegExpExecArray | null = null;
  let rest: string | null = null;
  const ym = YEAR_MONTH_RE.exec(text);
  const my = ym ? null : MONTH_YEAR_RE.exec(text);
  if (ym || my) {
    const [year, month] = ym ? [ym[1], ym[3]] : [my![3], my![1]];
    const sep = (ym ?? my)![2] as DateFormat['sep'];
    date = { year: Number(year), a: Number(month), b: 1, sep, layout: ym ? 'year-month' : 'month-year', month: 'number', comma: false, short: month.length < 2 };
    rest = '';
  } else if (CLOCK_RE.test(text)) {
    date = { year: 1970, a: 1, b: 1, sep: '-', layout: 'time-only', month: 'number', comma: false, short: false };
    // TIME_RE reads a time after the separator that follows a date.
    rest = ` ${text}`;
  } else if ((m = NUMERIC_RE.exec(text))) {
    const yearFirst = m[1].length === 4;
    if (!yearFirst && m[4].length !== 4) return null;
    const [a, b] = yearFirst ? [m[3], m[4]] : [m[1], m[3]];
    const year = Number(yearFirst ? m[1] : m[4]);
    date = { year, a: Number(a), b: Number(b), sep: m[2] as DateFormat['sep'], layout: yearFirst ? 'year-first' : 'year-last', month: 'number', comma: false, short: a.length < 2 || b.length < 2 };
  } else if ((m = NAMED_MDY_RE.exec(text))) {
    const month = monthOf(m[1]);
    if (!month) return null;
    date = { year: Number(m[4]), a: month.month, b: Number(m[2]), sep: ' ', layout: 'named-mdy', month: month.style, comma: m[3] === ',', short: m[2].length < 2 };
  } else if ((m = NAMED_DMY_RE.exec(text))) {
    const month = monthOf(m[3]);
    if (!month) return null;
    date = { year: Number(m[4]), a: Number(m[1]), b: month.month, sep: m[2] as DateFormat['sep'], layout: 'named-dmy', month: month.style, comma: false, short: m[1].length < 2 };
  }
  if (m) rest = text.slice(m[0].length);
  if (!date || rest === null) return null;
  const t = TIME_RE.exec(rest);
  if (!t) return null;
  const twelve = t[6] !== undefined;
  let hh = Number(t[2] ?? 0);
  if (twelve) {
    if (hh < 1 || hh > 12) return null;
    hh = (hh % 12) + (t[6].toLowerCase() === 'pm' ? 12 : 0);
  }
  return {
    ...date,
    short: date.short || (t[2] !== undefined && t[2].length < 2),
    time: t[2] === undefined ? 'none' : t[4] === undefined ? 'hm' : 'hms',
    timeSep: (t[1] ?? 'T') as DateFormat['timeSep'],
    clock: twelve ? 12 : 24,
    zone: t[7] ?? '',
    hh,
    mm: Number(t[3] ?? 0),
    ss: Number(t[4] ?? 0),
    ms: t[5] ? Math.round(Number(`0.${t[5]}`) * 1000) : 0,
    fraction: t[5]?.length ?? 0,
  };
}

/** Finds one format that reads every sample of one layout, or null. */
function detectOne(ps: Parts[]): DateFormat | null {
  const first = ps[0];
  const order: DateFormat['order'] =
    first.layout === 'year-first' || first.layout === 'year-month' ? 'ymd' : first.layout === 'named-mdy' || first.layout === 'month-year' ? 'mdy' : first.layout === 'named-dmy' ? 'dmy' : ps.some((p) => p.a > 12) ? 'dmy' : 'mdy';
  const format: DateFormat = {
    order,
    sep: first.sep,
    month: first.month === 'number' ? 'number' : ps.some((p) => p.month === 'long') ? 'long' : 'short',
    comma: first.comma,
    pad: !ps.some((p) => p.short),
    time: ps.some((p) => p.time === 'hms') ? 'hms' : ps.some((p) => p.time === 'hm') ? 'hm' : 'none',
    timeSep: first.timeSep,
    clock: ps.some((p) => p.clock === 12) ? 12 : 24,
    zone: ps.find((p) => p.zone)?.zone ?? '',
    ...(first.layout === 'time-only' ? { dateless: true } : {}),
    ...(first.layout === 'year-month' || first.layout === 'month-year' ? { monthOnly: true } : {}),
  };
  const fraction = Math.max(...ps.map((p) => p.fraction));
  if (fraction > 0) format.fraction = fraction;
  return ps.every((p) => toMs(p, format) !== null) ? format : null;
}

/** Which samples one format can read together: the same layout, separator and kind of month. */
const layoutKey = (p: Parts) => `${p.layout}|${p.sep}|${p.month === 'number'}`;

/**
 * The format that reads every sample, or null when the values are not dates. A column written
 * in several layouts (`2023-07-10` and `07/10/2023`) gets the most common one, with the others
 * and their counts in `others`, so its dates are read and written in all of them.
 */
export function detectDateFormat(samples: string[]): DateFormat | null {
  if (samples.length === 0) return null;
  const parts = samples.map(split);
  if (parts.some((p) => p === null)) return null;
  const groups = new Map<string, Parts[]>();
  for (const p of parts as Parts[]) {
    const group = groups.get(layoutKey(p));
    if (group) group.push(p);
    else groups.set(layoutKey(p), [p]);
  }
  const found = [...groups.values()].sort((a, b) => b.length - a.length).map((ps) => ({ format: detectOne(ps), count: ps.length }));
  if (found.some((f) => f.format === null)) return null;
  const [main, ...others] = found as { format: DateFormat; count: number }[];
  // Dates and times of day, or days and whole months, are different quantities, not layouts.
  if (others.some((o) => Boolean(o.format.dateless) !== Boolean(main.format.dateless) || Boolean(o.format.monthOnly) !== Boolean(main.format.monthOnly))) return null;
  return others.length ? { ...main.format, count: main.count, others } : main.format;
}

/** Which of a column's layouts a text split into `p` is written in: the column's first where none matches. */
function formatOf(p: Parts, f: DateFormat): DateFormat {
  if (!f.others) return f;
  const fixed = layoutOrder(p);
  // A numeric date with the year last is day- or month-first, as its column's format says.
  const same = (g: DateFormat) => g.sep === p.sep && (g.month === 'number') === (p.month === 'number') && (fixed ? g.order === fixed : g.order !== 'ymd');
  return same(f) ? f : (f.others.find((o) => same(o.format))?.format ?? f);
}

/** The order a layout fixes by itself, or null where the column's order decides (day or month first). */
function layoutOrder(p: Parts): DateFormat['order'] | null {
  if (p.layout === 'year-first' || p.layout === 'year-month') return 'ymd';
  if (p.layout === 'named-mdy' || p.layout === 'month-year') return 'mdy';
  if (p.layout === 'named-dmy') return 'dmy';
  return null;
}

/** Picks, call after call, the format each written date takes: the column's layouts in the seed's shares. */
export function formatPicker(f: DateFormat): () => DateFormat {
  return sharePicker<DateFormat>([[f, f.count ?? 1], ...(f.others ?? []).map((o) => [o.format, o.count] as const)]);
}

/** The minutes from midnight of an instant, on the clock of the format's zone (22:00 is 1320). */
export function minuteOfDay(ms: number, format: DateFormat): number {
  if (Number.isNaN(ms)) return NaN;
  const day = 86_400_000;
  return Math.floor((((ms + offsetMinutes(format.zone) * 60_000) % day) + day) % day / 60_000);
}

/** Minutes east of UTC for a zone written `Z`, `+01:00` or `-0500`. */
export function offsetMinutes(zone: string): number {
  if (!zone || zone === 'Z') return 0;
  const digits = zone.slice(1).replace(':', '');
  const minutes = Number(digits.slice(0, 2)) * 60 + Number(digits.slice(2));
  return zone[0] === '-' ? -minutes : minutes;
}

function toMs(p: Parts, f: DateFormat): number | null {
  // Named layouts fix which field is the month; numeric ones follow the column's order.
  const [mo, d] = p.layout === 'named-mdy' ? [p.a, p.b] : p.layout === 'named-dmy' ? [p.b, p.a] : f.order === 'dmy' ? [p.b, p.a] : [p.a, p.b];
  if (mo < 1 || mo > 12 || d < 1 || d > 31 || p.hh > 23 || p.mm > 59 || p.ss > 59) return null;
  const local = Date.UTC(p.year, mo - 1, d, p.hh, p.mm, p.ss) + p.ms;
  if (new Date(local).getUTCDate() !== d) return null;
  return local - offsetMinutes(p.zone) * 60_000;
}

/** Milliseconds since the epoch (UTC), or NaN when the text does not fit. */
export function parseDate(text: string, format: DateFormat): number {
  const p = split(text);
  return p === null ? NaN : (toMs(p, formatOf(p, format)) ?? NaN);
}

// Half an average month: a month-only value is written as the month whose start is nearest.
const HALF_MONTH_MS = 15.2 * 86_400_000;

export function formatDate(ms: number, f: DateFormat): string {
  const d = new Date(ms + offsetMinutes(f.zone) * 60_000 + (f.monthOnly ? HALF_MONTH_MS : 0));
  const two = (n: number) => String(n).padStart(2, '0');
  const field = (n: number) => (f.pad ? two(n) : String(n));
  const y = String(d.getUTCFullYear()).padStart(4, '0');
  const day = field(d.getUTCDate());
  const name = MONTHS[d.getUTCMonth()];
  const month = f.month === 'number' ? field(d.getUTCMonth() + 1) : name[0].toUpperCase() + (f.month === 'short' ? name.slice(1, 3) : name.slice(1));
  let text: string;
  if (f.monthOnly) return f.order === 'ymd' ? `${y}${f.sep}${month}` : `${month}${f.sep}${y}`;
  if (f.month !== 'number') text = f.order === 'mdy' ? `${month} ${day}${f.comma ? ',' : ''} ${y}` : [day, month, y].join(f.sep);
  else text = (f.order === 'ymd' ? [y, month, day] : f.order === 'mdy' ? [month, day, y] : [day, month, y]).join(f.sep);
  if (f.time === 'none') return text;
  const hours = d.getUTCHours();
  text = (f.dateless ? '' : text + f.timeSep) + field(f.clock === 12 ? hours % 12 || 12 : hours) + ':' + two(d.getUTCMinutes());
  if (f.time === 'hms') text += ':' + two(d.getUTCSeconds());
  if (f.time === 'hms' && f.fraction) text += '.' + String(d.getUTCMilliseconds()).padStart(3, '0').padEnd(f.fraction, '0').slice(0, f.fraction);
  if (f.clock === 12) text += hours < 12 ? ' AM' : ' PM';
  return text + f.zone;
}

// Day, hour, half and quarter hour, five minutes, minute, second, tenth, hundredth and
// thousandth of a second: each step divides the one before.
const STEPS = [86_400_000, 3_600_000, 1_800_000, 900_000, 300_000, 60_000, 1000, 100, 10, 1];
const MINUTE_STEPS = 6;
const SECOND_STEPS = 7;

/**
 * The coarsest step (day, hour, quarter hour, minute, second, …) that the format can write and
 * every value falls on, in the column's own zone: times booked by the quarter hour come back on
 * quarter hours, times logged to the minute to the minute.
 */
export function dateStepMs(f: DateFormat, times: Iterable<number>): number {
  const finest = f.time === 'none' ? 1 : f.time === 'hm' ? MINUTE_STEPS : SECOND_STEPS + Math.min(f.fraction ?? 0, 3);
  const offset = offsetMinutes(f.zone) * 60_000;
  let coarsest = 0;
  for (const t of times) {
    if (Number.isNaN(t)) continue;
    while (coarsest < finest - 1 && (t + offset) % STEPS[coarsest] !== 0) coarsest++;
  }
  return STEPS[coarsest];
}

/** `ms` rounded to a whole `step` in the column's zone. */
export function roundDate(ms: number, step: number, f: DateFormat): number {
  const offset = offsetMinutes(f.zone) * 60_000;
  return Math.round((ms + offset) / step) * step - offset;
}
