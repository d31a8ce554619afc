/** How a column writes its dates, so synthetic values are written back the same way. */
export interface DateFormat {
  order: 'ymd' | 'mdy' | 'dmy';
  sep: '-' | '/' | '.';
  time: 'none' | 'hm' | 'hms';
  timeSep: 'T' | ' ';
  zulu: boolean;
}

const DATE_RE = /^(\d{1,4})([-/.])(\d{1,2})\2(\d{1,4})(?:([T ])(\d{1,2}):(\d{2})(?::(\d{2})(?:\.\d+)?)?(Z)?)?$/;

interface Parts {
  a: number;
  b: number;
  c: number;
  sep: DateFormat['sep'];
  time: DateFormat['time'];
  timeSep: DateFormat['timeSep'];
  zulu: boolean;
  hh: number;
  mm: number;
  ss: number;
  yearFirst: boolean;
}

function split(text: string): Parts | null {
  const m = DATE_RE.exec(text.trim());
  if (!m) return null;
  const yearFirst = m[1].length === 4;
  if (!yearFirst && m[4].length !== 4) return null;
  return {
    a: Number(m[1]),
    b: Number(m[3]),
    c: Number(m[4]),
    sep: m[2] as DateFormat['sep'],
    time: m[6] === undefined ? 'none' : m[8] === undefined ? 'hm' : 'hms',
    timeSep: (m[5] ?? 'T') as DateFormat['timeSep'],
    zulu: m[9] === 'Z',
    hh: Number(m[6] ?? 0),
    mm: Number(m[7] ?? 0),
    ss: Number(m[8] ?? 0),
    yearFirst,
  };
}

/** Finds one format that reads every sample, or null when the values are not dates. */
export function detectDateFormat(samples: string[]): DateFormat | null {
  if (samples.length === 0) return null;
  const parts = samples.map(split);
  if (parts.some((p) => p === null)) return null;
  const ps = parts as Parts[];
  const first = ps[0];
  if (ps.some((p) => p.sep !== first.sep || p.yearFirst !== first.yearFirst)) return null;
  let order: DateFormat['order'] = 'ymd';
  if (!first.yearFirst) order = ps.some((p) => p.a > 12) ? 'dmy' : 'mdy';
  const format: DateFormat = {
    order,
    sep: first.sep,
    time: ps.some((p) => p.time === 'hms') ? 'hms' : ps.some((p) => p.time === 'hm') ? 'hm' : 'none',
    timeSep: first.timeSep,
    zulu: ps.some((p) => p.zulu),
  };
  return ps.every((p) => toMs(p, format) !== null) ? format : null;
}

function toMs(p: Parts, f: DateFormat): number | null {
  const [y, mo, d] = f.order === 'ymd' ? [p.a, p.b, p.c] : f.order === 'mdy' ? [p.c, p.a, p.b] : [p.c, p.b, p.a];
  if (mo < 1 || mo > 12 || d < 1 || d > 31 || p.hh > 23 || p.mm > 59 || p.ss > 59) return null;
  const ms = Date.UTC(y, mo - 1, d, p.hh, p.mm, p.ss);
  return new Date(ms).getUTCDate() === d ? ms : null;
}

/** Milliseconds since the epoch (read as UTC), or NaN when the text does not fit. */
export function parseDate(text: string, format: DateFormat): number {
  const p = split(text);
  return p === null ? NaN : (toMs(p, format) ?? NaN);
}

export function formatDate(ms: number, f: DateFormat): string {
  const d = new Date(ms);
  const pad = (n: number, w = 2) => String(n).padStart(w, '0');
  const y = pad(d.getUTCFullYear(), 4);
  const mo = pad(d.getUTCMonth() + 1);
  const day = pad(d.getUTCDate());
  const date = f.order === 'ymd' ? [y, mo, day] : f.order === 'mdy' ? [mo, day, y] : [day, mo, y];
  let text = date.join(f.sep);
  if (f.time !== 'none') {
    text += f.timeSep + pad(d.getUTCHours()) + ':' + pad(d.getUTCMinutes());
    if (f.time === 'hms') text += ':' + pad(d.getUTCSeconds());
    if (f.zulu) text += 'Z';
  }
  return text;
}

/** The step a format can express: values are rounded to it when written back. */
export function dateResolutionMs(f: DateFormat): number {
  return f.time === 'none' ? 86_400_000 : f.time === 'hm' ? 60_000 : 1000;
}
