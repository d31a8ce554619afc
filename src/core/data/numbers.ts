/**
 * How a column writes its numbers: `$1,234.50`, `1.234,5`, `12 %`. Real exports mix
 * locales and units, and a money column read as text would be modelled as an ID.
 */
export interface NumberStyle {
  decimal: '.' | ',';
  /** Thousands separator as the seed wrote it; '' when the seed never grouped digits. */
  group: string;
  prefix: string;
  suffix: string;
  /** Negatives in parentheses, as accounts write them: `(1,234.50)`. */
  parens?: boolean;
  /** The minus sign when it is the typographic one, `−5` (U+2212). */
  minus?: string;
}

export const PLAIN_STYLE: NumberStyle = { decimal: '.', group: '', prefix: '', suffix: '' };

const PLAIN_RE = /^[+-]?(\d+\.?\d*|\.\d+)([eE][+-]?\d+)?$/;
// Sign, currency before (`$`, `US$`, `EUR `), digits with marks, then percent, currency or a
// unit after (`12 kg`, `5min`, `30 km/h`).
const STYLED_RE = /^([+\-\u2212]?)((?:[A-Z]{0,3}[$€£¥₹₩₽]|[A-Z]{3}\s)\s?)?([+\-\u2212]?)([.,]?\d(?:[\d.,'\s\u00a0\u202f]*\d)?)(\s?(?:[%‰€$£¥₹₩₽]|[A-Za-zµ°][A-Za-zµ°²³/.]{0,7}))?$/;
const MINUS = '\u2212';
const GROUP_MARKS = new Set([',', '.', ' ', '\u00a0', '\u202f', "'"]);

function isPlainNumber(text: string): boolean {
  return PLAIN_RE.test(text.trim()) && Number.isFinite(Number(text));
}

function finite(x: number): number {
  return Number.isFinite(x) ? x : NaN;
}

/** Whether `text` reads as a number in some style (so it is data, not a spreadsheet formula). */
export function looksNumeric(text: string): boolean {
  return detectNumberStyle([text]) !== null;
}

/** The one style every value is written in, or null when they are not all numbers alike. */
export function detectNumberStyle(values: string[]): NumberStyle | null {
  if (values.every(isPlainNumber)) return PLAIN_STYLE;
  let prefix: string | null = null;
  let suffix: string | null = null;
  let parens = false;
  let typographic = false;
  const bodies: string[] = [];
  for (const raw of values) {
    const inner = bracketed(raw);
    if (inner !== null) parens = true;
    const m = STYLED_RE.exec(inner ?? raw.trim());
    if (!m || (m[1] && m[3]) || (inner !== null && (m[1] || m[3]))) return null;
    const [p, s] = [m[2] ?? '', m[5] ?? ''];
    if (prefix === null || suffix === null) [prefix, suffix] = [p, s];
    else if (p.trim() !== prefix.trim() || s.trim() !== suffix.trim()) return null;
    bodies.push(m[4]);
    if (m[1] === MINUS || m[3] === MINUS) typographic = true;
  }
  const decimal = decimalMark(bodies);
  if (!decimal) return null;
  let group = '';
  for (const body of bodies) {
    // The decimal mark, when present, is the last mark and occurs once; every other mark groups.
    const marks = body.replace(/\d/g, '');
    const groups: string = marks.endsWith(decimal) && marks.indexOf(decimal) === marks.length - 1 ? marks.slice(0, -1) : marks;
    for (const ch of groups) {
      if (!GROUP_MARKS.has(ch) || ch === decimal || (group && ch !== group)) return null;
      group = ch;
    }
  }
  const style: NumberStyle = { decimal, group, prefix: prefix ?? '', suffix: suffix ?? '', ...(parens ? { parens } : {}), ...(typographic ? { minus: MINUS } : {}) };
  return bodies.every((b) => wellFormed(b, style)) ? style : null;
}

/**
 * The decimal mark the bodies agree on. A lone mark is a decimal unless it could group digits
 * (three follow it); when no value settles it, "1,234" reads as a thousand and "1.234" as a
 * fraction, as most software does.
 */
function decimalMark(bodies: string[]): '.' | ',' | null {
  let dot = false;
  let comma = false;
  for (const body of bodies) {
    const marks = body.replace(/\d/g, '');
    const lastDot = body.lastIndexOf('.');
    const lastComma = body.lastIndexOf(',');
    if (lastDot >= 0 && lastComma >= 0) {
      if (lastDot > lastComma) dot = true;
      else comma = true;
    } else if (lastDot >= 0 || lastComma >= 0) {
      const mark = lastDot >= 0 ? '.' : ',';
      const at = Math.max(lastDot, lastComma);
      const repeated = marks.split(mark).length > 2;
      // Groups hold three digits after the mark, and the first group is 1-3 digits, never "0".
      const before = body.slice(0, at);
      const lone = !repeated && (body.length - at - 1 !== 3 || /^(0|\d{4,})$/.test(before));
      if (lone && mark === '.') dot = true;
      if (lone && mark === ',') comma = true;
      if (repeated && mark === '.') comma = true;
      if (repeated && mark === ',') dot = true;
    }
  }
  if (dot && comma) return null;
  return comma ? ',' : '.';
}

function wellFormed(body: string, style: NumberStyle): boolean {
  const at = body.lastIndexOf(style.decimal);
  const whole = at >= 0 ? body.slice(0, at) : body;
  const fraction = at >= 0 ? body.slice(at + 1) : '';
  if (!/^\d*$/.test(fraction) || (at >= 0 && fraction === '' && whole === '')) return false;
  if (!style.group || !whole.includes(style.group)) return /^\d*$/.test(whole) && (whole !== '' || fraction !== '');
  const parts = whole.split(style.group);
  return /^\d{1,3}$/.test(parts[0]) && parts.slice(1).every((p) => /^\d{3}$/.test(p));
}

/** The text inside the parentheses of `(1,234.50)`, or null when `text` is not bracketed so. */
export function bracketed(text: string): string | null {
  const t = text.trim();
  return t.length > 2 && t.startsWith('(') && t.endsWith(')') ? t.slice(1, -1).trim() : null;
}

/**
 * The number `text` writes in `style`; NaN when it is not written that way or is not finite:
 * `Number()` alone reads `Infinity`, `0x1F` and `''`, and a 400-digit number as Infinity, none
 * of which a model or a writer can use.
 */
export function readNumber(text: string, style: NumberStyle): number {
  if (style === PLAIN_STYLE || (!style.prefix && !style.suffix && !style.group && !style.parens && !style.minus && style.decimal === '.')) {
    return isPlainNumber(text) ? finite(Number(text)) : NaN;
  }
  const inner = style.parens ? bracketed(text) : null;
  if (inner !== null) return -readNumber(inner, { ...style, parens: false });
  const m = STYLED_RE.exec(text.trim());
  if (!m) return NaN;
  let body = m[4];
  if (style.group) body = body.split(style.group).join('');
  if (style.decimal === ',') body = body.replace(',', '.');
  const x = finite(Number(body.replace(/[\s\u00a0\u202f]/g, '')));
  return m[1] === '-' || m[3] === '-' || m[1] === MINUS || m[3] === MINUS ? -x : x;
}

/** `x` with `decimals` places (fewer where `trimZeros` and they end in zeros), written in `style` (sign first: `-$1,234.50`). */
export function writeNumber(x: number, decimals: number, style: NumberStyle, trimZeros = false): string {
  let text = decimals === 0 ? String(Math.round(Math.abs(x))) : roundHalfUp(Math.abs(x), decimals).toFixed(decimals);
  if (trimZeros && decimals > 0) text = text.replace(/\.?0+$/, '');
  const negative = x < 0 && /[1-9]/.test(text);
  if (style === PLAIN_STYLE) return negative ? `-${text}` : text;
  const [whole, fraction] = text.split('.');
  const grouped = style.group ? whole.replace(/\B(?=(\d{3})+(?!\d))/g, style.group) : whole;
  text = fraction === undefined ? grouped : `${grouped}${style.decimal}${fraction}`;
  if (negative && style.parens) return `(${style.prefix}${text}${style.suffix})`;
  return `${negative ? (style.minus ?? '-') : ''}${style.prefix}${text}${style.suffix}`;
}

/**
 * `x` (≥ 0) to `decimals` places, a half rounded up as the seed's arithmetic does: 107 × 32.50 / 100
 * is 34.77499… in binary, which `toFixed` writes 34.77; read to 15 digits it is the 34.775 meant.
 */
function roundHalfUp(x: number, decimals: number): number {
  const scale = 10 ** decimals;
  const scaled = x * scale;
  return scaled < 1e15 ? Math.round(Number(scaled.toPrecision(15))) / scale : x;
}

/** `x` to `digits` significant digits, in e-notation where JavaScript would write it so (below 1e-6, from 1e21). */
export function writeSignificant(x: number, digits: number): string {
  return String(Number(x.toPrecision(digits)));
}
