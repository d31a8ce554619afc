import { detectDateFormat, parseDate, type DateFormat } from './dates';
import { byFrequency } from './frequency';
import { bracketed, detectNumberStyle, looksNumeric, PLAIN_STYLE, readNumber, writeNumber, type NumberStyle } from './numbers';
import { type Table } from './table';
import { InputError } from '../util/errors';

export type ColumnKind = 'numeric' | 'categorical' | 'boolean' | 'datetime' | 'id' | 'constant';
export const COLUMN_KINDS: readonly ColumnKind[] = ['numeric', 'categorical', 'boolean', 'datetime', 'id', 'constant'];

export interface NumericInfo {
  integer: boolean;
  decimals: number;
  /** Significant digits, where the seed writes some values in e-notation (`1.5e-10`): those are written the same way. */
  significant?: number;
  /** Where the seed mixes e-notation with plain numbers, the largest it writes plainly: values up to ten times that keep `decimals` places. */
  plainUpTo?: number;
  min: number;
  max: number;
  /** How the seed writes its numbers, when not plainly (`$1,234.50`, `3,5`, `12%`). */
  style?: NumberStyle;
  /** A round step every value falls on, coarser than its digits (salaries in 1,000s, ratings in halves): values are written on it. */
  step?: number;
  /** The seed writes as few decimals as each value needs (`5%` beside `5.5%`, never `5.0%`): written the same way. */
  trimZeros?: boolean;
  /** The ending every value but 0 has on a step (prices that all end in .99: step 1, offset 0.99): values are written on it. */
  ending?: { step: number; offset: number };
}

/** How a number column is read and written, in words: `integer, written like 1.234,50 €, in steps of 50,00 €`. */
export function describeNumbers(n: NumericInfo): string {
  const digits = n.integer ? 'integer' : n.significant ? `${n.significant} significant digits` : `${n.decimals} dp`;
  const style = n.style ? `, written like ${writeNumber(n.style.parens ? -1234.5 : 1234.5, n.decimals, n.style)}` : '';
  const step = n.step ? `, in steps of ${writeNumber(n.step, n.decimals, n.style ?? PLAIN_STYLE)}` : '';
  const ending = n.ending ? `, ending in ${writeNumber(n.ending.offset, n.decimals, PLAIN_STYLE).replace(/^0(?=\.)/, '')}` : '';
  return digits + style + step + ending;
}

export interface ColumnSchema {
  name: string;
  kind: ColumnKind;
  /** Excluded columns are left out of the model and of the output. */
  include: boolean;
  missingShare: number;
  distinct: number;
  numeric?: NumericInfo;
  date?: DateFormat;
  /** Texts among a numeric or date column's values ("unknown", "<0.5", "ongoing"), most frequent first: generated as written. */
  notes?: string[];
}

const BOOL_TOKENS = new Set(['true', 'false', 'yes', 'no', 't', 'f', 'y', 'n']);
// `Rx #`, `Invoice No.`, `Ticket Nr`, `Order Number`: a number that names a record.
const ID_WORDS = '(^|[^a-z])(id|uuid|guid|key|ref|sku|no\\.?|nr\\.?|number|plate|reg|registration|vin|iban|e-?mail)';
const ID_NAME_RE = new RegExp(`(?:${ID_WORDS}|#)$`, 'i');
/** A record's word at the end, before a `#` or not (`Invoice No`, `Order number #`): not a bare `#`. */
const ID_WORD_RE = new RegExp(`${ID_WORDS}( ?#)?$`, 'i');
/** An email address: a name, an @ and a dotted domain. */
export const EMAIL_RE = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;
// Digits that name rather than measure: a synthetic ZIP code between two real ones is no ZIP code.
const CODE_NAME_RE = /(^|[^a-z])(zip|zip ?code|postal|post ?code|postcode|plz|phone|telephone|fax|fips|isbn|ean|upc|sku|imei|iccid|msisdn|gtin|barcode)([^a-z]|$)/i;
// A person's phone or device number repeats over their rows (a client's appointments), and as
// a category every generated row carried a real client's phone.
const PERSONAL_CODE_RE = /(^|[^a-z])(phone|telephone|tel|mobile|cell|fax|imei|iccid|msisdn)( ?(no\.?|number|#))?$/i;
/** Whether a header names a person's phone or device number. */
export const namesPersonalCode = (name: string): boolean => PERSONAL_CODE_RE.test(name);
// A device's IMEI, a card number: 15 digits or more measure nothing (nor does a double hold them exactly).
const LONG_DIGITS_RE = /^\d{15,}$/;

// A column of people's names repeats few of them; learned as a category it hands real names back
// (a review's employees table: all 250 synthetic names were real). Mostly distinct values under a
// header that says "name", or that read as a first and last name, are an ID: replaced, not learned.
const NAME_HEADER_RE = /(^|[^a-z])(full ?name|first ?name|last ?name|surname|given ?name|name|nom|pr[ée]nom|nombre|apellidos?|vorname|nachname)([^a-z]|$)/i;
// A capital inside a word (`MacLeod`, `McKay`) and particles before a surname (`van der Berg`) are names' too.
const NAME_WORD = "\\p{Lu}\\p{Ll}*(?:\\p{Lu}\\p{Ll}+)?(?:['’.-]\\p{Lu}?\\p{Ll}*)*";
const PARTICLE = '(?:van|von|der|den|de|del|della|la|le|da|di|du|dos|das|bin|ibn|al|el|ten|ter|zu)';
const PERSON_NAME_RE = new RegExp(`^${NAME_WORD}(?: (?:${PARTICLE} ){0,2}${NAME_WORD}){1,3}$`, 'u');
// Places read like names too (`San Diego`): a header that names one keeps its column a category.
const PLACE_HEADER_RE = /city|town|ville|stadt|ciudad|country|pays|state|region|province|county|district|street|address|adresse|place|location/i;
// A header that names a person by role: `Customer`, `Patient name`, `Lead passenger`.
const PERSON_HEADER_RE = /(^|[^a-z])(customer|client|patient|member|guest|passenger|tenant|owner|driver|employee|student|pupil|buyer|seller|donor|applicant|candidate|contact|person|investigator|author|instructor|teacher|tutor|doctor|physician|nurse|agent|manager|supervisor|consultant|trainer|coach|therapist|lawyer|advis[eo]r|technician|mechanic|salesperson|recruiter|referee|borrower|subscriber|volunteer)s?( name)?$/i;
const NAMES_DISTINCT_SHARE = 0.5;
const NOTE_RE = /\s*\([^()]*\)$/;
const PERSON_NAME_SHARE = 0.9;

// Zero-padded digits (ZIP codes, account numbers) are codes: as numbers they would lose the zeros.
const PADDED_RE = /^[+-]?0\d/;

// A numeric or date column may hold notes ("unknown", "<0.5", "ongoing"): up to half its values,
// in a few distinct texts that repeat (a handful of one-off texts would be free text, not notes).
const MAX_NOTE_SHARE = 0.5;
export const MAX_NOTES = 10;
const MAX_ONE_OFF_NOTES = 3;

/**
 * A column's present values as distinct trimmed texts with their counts. Every question the
 * schema asks of a value depends only on its text, so each distinct text is asked once: a
 * million-row column of scores repeats a hundred texts (its inference took 1.1 s, value by value).
 */
interface Present {
  counts: Map<string, number>;
  /** Distinct texts, in order of first appearance. */
  texts: string[];
  total: number;
}

function presentOf(values: (string | null)[]): Present {
  const counts = new Map<string, number>();
  let total = 0;
  for (const v of values) {
    if (v === null) continue;
    const t = v.trim();
    counts.set(t, (counts.get(t) ?? 0) + 1);
    total++;
  }
  return { counts, texts: [...counts.keys()], total };
}

/** The values that `fits` refuses, as notes (most frequent first); null when they are too many to be notes. */
function notesAmong(present: Present, fits: (v: string) => boolean): string[] | null {
  const counts = new Map<string, number>();
  let strays = 0;
  for (const [v, n] of present.counts) {
    if (fits(v)) continue;
    strays += n;
    counts.set(v, n);
  }
  if (strays === 0) return [];
  const repeat = counts.size <= MAX_ONE_OFF_NOTES || strays >= 2 * counts.size;
  if (present.total < 20 || strays > present.total * MAX_NOTE_SHARE || counts.size > MAX_NOTES || !repeat) return null;
  return byFrequency(counts).map(([text]) => text);
}

/** The style the values share as numbers, and their notes; null when they are not numbers (or are padded codes). */
/** Distinct numbers beside notes at most that make a column of labels rather than numbers. */
const MAX_LABEL_NUMBERS = 5;

function numberStyleOf(present: Present): { style: NumberStyle; notes: string[] } | null {
  if (present.texts.some((v) => PADDED_RE.test(v))) return null;
  const style = detectNumberStyle(present.texts);
  if (style) return { style, notes: [] };
  // With no notes the numbers are all the values, whose style was just refused.
  const notes = notesAmong(present, looksNumeric);
  if (!notes?.length) return null;
  const isNote = new Set(notes);
  const numbers = present.texts.filter((v) => !isNote.has(v));
  // A few numbers among words are labels (Studio, 1BR, 2BR, 3BR), not measures with notes.
  if (numbers.length <= MAX_LABEL_NUMBERS) return null;
  const mixed = numbers.length ? detectNumberStyle(numbers) : null;
  return mixed ? { style: mixed, notes } : null;
}

/** The date format the values share, and their notes; null when they are not dates in one format. */
function dateFormatOf(present: Present): { date: DateFormat; notes: string[] } | null {
  // Notes are words ("ongoing", "unknown"): the format is looked for among distinct values with digits.
  const date = detectDateFormat(sampleOf(present.texts.filter((v) => /\d/.test(v)), 2000));
  const notes = date && notesAmong(present, (v) => !Number.isNaN(parseDate(v, date)));
  return date && notes ? { date, notes } : null;
}

/** Infers a schema for every column; every column starts included. */
export function inferSchema(table: Table): ColumnSchema[] {
  return dayFirstThroughout(
    table.names.map((name, i) => inferColumn(name, table.columns[i])),
    table,
  );
}

/**
 * Numeric dates that read either way (`01/03/2024`) are month-first alone, but a file whose
 * other dates are day-first (`15/03/2024`), or whose numbers have decimal commas, writes them
 * day-first too: so they are read, where every one of their dates reads so.
 */
function dayFirstThroughout(schema: ColumnSchema[], table: Table): ColumnSchema[] {
  const numeric = (c: ColumnSchema) => c.kind === 'datetime' && c.date?.month === 'number' && !c.date.others && !c.date.dateless;
  const dayFirst = schema.some((c) => numeric(c) && c.date!.order === 'dmy') || schema.some((c) => c.kind === 'numeric' && c.numeric?.style?.decimal === ',');
  if (!dayFirst) return schema;
  return schema.map((c, i) => {
    if (!numeric(c) || c.date!.order !== 'mdy') return c;
    const swapped: DateFormat = { ...c.date!, order: 'dmy' };
    const reads = table.columns[i].every((v) => v === null || Number.isNaN(parseDate(v, c.date!)) || !Number.isNaN(parseDate(v, swapped)));
    return reads ? { ...c, date: swapped } : c;
  });
}

export function inferColumn(name: string, values: (string | null)[]): ColumnSchema {
  const present = presentOf(values);
  const missingShare = values.length === 0 ? 0 : 1 - present.total / values.length;
  const distinct = present.texts.length;
  const base = { name, missingShare, distinct };
  // One value plus gaps is still a choice between two states, so only a truly fixed column is constant.
  if (distinct === 0 || (distinct === 1 && missingShare === 0)) return { ...base, kind: 'constant', include: true };

  const longDigits = present.texts.length > 0 && present.texts.every((v) => LONG_DIGITS_RE.test(v.trim()));
  const read = CODE_NAME_RE.test(name) || longDigits ? null : numberStyleOf(present);
  if (read) {
    const numeric = numericInfo(present.texts, read.style, present.total);
    if (distinct === 2 && numeric.integer && numeric.min === 0 && numeric.max === 1) {
      return { ...base, kind: 'boolean', include: true };
    }
    const unique = distinct === present.total && missingShare === 0;
    const sequential = numeric.integer && numeric.max - numeric.min + 1 <= present.total * 1.5;
    if (unique && numeric.integer && (sequential || ID_NAME_RE.test(name))) return { ...base, kind: 'id', include: true };
    if (numeric.integer && repeatedKey(name, distinct, present.total)) return { ...base, kind: 'id', include: true };
    return { ...base, kind: 'numeric', include: true, numeric, ...notesField(read.notes) };
  }
  if (distinct <= 2 && present.texts.every((v) => BOOL_TOKENS.has(v.toLowerCase()))) {
    return { ...base, kind: 'boolean', include: true };
  }
  const dated = dateFormatOf(present);
  if (dated) return { ...base, kind: 'datetime', include: true, date: dated.date, ...notesField(dated.notes) };
  const nearUnique = distinct / present.total > 0.9 && present.total >= 20;
  // Codes of 15 digits or more, and phone numbers, that repeat (a customer's phone over its repairs) are keys, 20 of them at least.
  const longKey = (longDigits || PERSONAL_CODE_RE.test(name)) && present.total >= 20 && distinct >= MIN_KEYS;
  const key = repeatedKey(name, distinct, present.total, present) || postcodes(name, present);
  if (distinct === present.total || nearUnique || personNames(name, present) || key || emails(present) || longKey) return { ...base, kind: 'id', include: true };
  return { ...base, kind: 'categorical', include: true };
}

/**
 * A key repeated over a few rows each (an order's lines share its `Order ID`): modelled as a
 * category, every generated row would carry a real order's ID, so it is an ID, and fresh ones
 * are written. Named as a key, with more than half its values distinct, or 20 values at least
 * (the transform keeps what each key fixes, and how many rows each has).
 */
function repeatedKey(name: string, distinct: number, total: number, present?: Present): boolean {
  const named = ID_NAME_RE.test(name) || (present !== undefined && accountCodes(name, present));
  if (!named || total < 20) return false;
  // A bare `#` names a count as often as a record: a record's number repeats over a few rows (an
  // order's lines), a count's over many (`Stock (before) #`, 40 values over 650 rows).
  const bare = !ID_WORD_RE.test(name) && !(present !== undefined && accountCodes(name, present));
  return distinct / total > REPEATED_KEY_SHARE || (distinct >= MIN_KEYS && (!bare || distinct / total >= BARE_KEY_SHARE));
}
const BARE_KEY_SHARE = 0.15;

// An account, as codes with digits (`ACC-7155`): a customer's, not a ledger's `Travel` or `Rent`.
const ACCOUNT_HEADER_RE = /(^|[^a-z])(account|acct|a\/c)$/i;
const DIGIT_RE = /\d/;
function accountCodes(name: string, present: Present): boolean {
  return ACCOUNT_HEADER_RE.test(name) && present.texts.filter((v) => DIGIT_RE.test(v)).length >= PERSON_NAME_SHARE * present.texts.length;
}

/**
 * Postcodes of a few households each (`GU6 9PB`): as a category, every generated row carried a
 * real member's postcode. Full ones, 20 or more, and other codes as many as a tenth of the rows,
 * are an ID written in their shape; a few districts or ZIP codes over many rows stay a category.
 */
function postcodes(name: string, present: Present): boolean {
  if (!POSTCODE_HEADER_RE.test(name) || present.texts.length < MIN_KEYS) return false;
  const full = present.texts.filter((v) => FULL_POSTCODE_RE.test(v.toUpperCase())).length >= PERSON_NAME_SHARE * present.texts.length;
  return full || present.texts.length >= POSTCODE_SHARE * present.total;
}
// A full postcode names a street or a building, however often it repeats: British, Canadian, Dutch, ZIP+4.
const FULL_POSTCODE_RE = /^([A-Z]{1,2}\d[A-Z\d]? ?\d[A-Z]{2}|[A-Z]\d[A-Z] ?\d[A-Z]\d|\d{4} ?[A-Z]{2}|\d{5}-\d{4})$/;
const POSTCODE_HEADER_RE = /(^|[^a-z])(zip|zip ?code|postal ?code|post ?code|postcode|plz)$/i;
const POSTCODE_SHARE = 0.1;
const REPEATED_KEY_SHARE = 0.5;
/** Keys repeated over more rows each (a customer's monthly bills) are IDs from this many on: fewer are a category. */
const MIN_KEYS = 20;

/** Email addresses, whatever the header: as a category, real people's addresses came back on made-up rows. */
function emails(present: Present): boolean {
  return present.texts.length >= 2 && present.texts.every((v) => EMAIL_RE.test(v));
}

/**
 * Mostly distinct values under a name header, or that read as people's names (`Ann Lee`); or, as
 * a repeated key, people's names under a header that names a person (a customer's orders), 20 of
 * them at least: learned as a category, every row would name a real customer.
 */
function personNames(name: string, present: Present): boolean {
  if (present.total < 20) return false;
  const readAsNames = () => readAsPersonNames(present.texts);
  if (PERSON_HEADER_RE.test(name) && present.texts.length >= MIN_KEYS && readAsNames()) return true;
  if (present.texts.length / present.total <= NAMES_DISTINCT_SHARE) return false;
  if (NAME_HEADER_RE.test(name)) return true;
  if (PLACE_HEADER_RE.test(name)) return false;
  return readAsNames();
}

/** Whether nearly all of `texts` read as people's names (`Ann Lee`); a note after a name (`Sean Palmer (Trade)`) leaves it a name. */
export function readAsPersonNames(texts: string[]): boolean {
  return texts.length > 0 && texts.filter((v) => PERSON_NAME_RE.test(v.trim().replace(NOTE_RE, ''))).length >= PERSON_NAME_SHARE * texts.length;
}

function notesField(notes: string[]): { notes?: string[] } {
  return notes.length ? { notes } : {};
}

/** What `texts` (distinct or not) say of a numeric column; `count` is how many values they stand for. */
export function numericInfo(present: string[], style: NumberStyle = PLAIN_STYLE, count = present.length): NumericInfo {
  let min = Infinity;
  let max = -Infinity;
  let decimals = 0;
  let significant = 0;
  let scientific = false;
  let plainUpTo = -1;
  let integer = true;
  let fewestPlaces = Infinity;
  let trailingZero = false;
  const numbers: number[] = [];
  for (const text of present) {
    const x = readNumber(text, style);
    if (Number.isNaN(x)) continue;
    numbers.push(x);
    if (x < min) min = x;
    if (x > max) max = x;
    if (!Number.isInteger(x)) integer = false;
    // Accounts bracket negatives, `(1,234.50)`: the bracket is not a decimal place.
    const trimmed = (style.parens ? bracketed(text) : null) ?? text.trim();
    const digits = trimmed.slice(0, trimmed.length - style.suffix.trim().length).trimEnd();
    const e = digits.search(/[eE]/);
    if (e >= 0) scientific = true;
    else plainUpTo = Math.max(plainUpTo, Math.abs(x));
    significant = Math.max(significant, significantDigits(e >= 0 ? digits.slice(0, e) : digits, style.decimal));
    const mark = digits.lastIndexOf(style.decimal);
    const places = mark >= 0 && e < 0 ? digits.length - mark - 1 : 0;
    decimals = Math.max(decimals, places);
    fewestPlaces = Math.min(fewestPlaces, places);
    if (places > 0 && digits.endsWith('0')) trailingZero = true;
  }
  // Eight places past the first digit that counts: more is float noise, fewer zeroes out 0.000000012.
  const largest = Math.max(Math.abs(min), Math.abs(max));
  const cap = 8 + (largest > 0 && largest < 1 ? Math.max(0, -Math.floor(Math.log10(largest)) - 1) : 0);
  const info: NumericInfo = { integer, decimals: Math.min(decimals, cap), min, max };
  // Every value's digits count, not only the e-notation ones: one `1e20` among `12.345`s must
  // not write every value to one significant digit.
  if (scientific) info.significant = Math.min(Math.max(significant, 1), 8);
  if (scientific && plainUpTo > 0) info.plainUpTo = plainUpTo;
  const step = scientific ? undefined : stepOf(numbers, integer ? 1 : 10 ** -info.decimals, max - min, count);
  if (step) info.step = step;
  const ending = scientific || step ? undefined : endingOf(numbers, integer ? 1 : 10 ** -info.decimals);
  if (ending) info.ending = ending;
  if (!scientific && info.decimals > 0 && fewestPlaces < info.decimals && !trailingZero) info.trimZeros = true;
  return style === PLAIN_STYLE ? info : { ...info, style };
}

/** Digits from the first non-zero one, without the zeros that end a whole number (`1200` has 2). */
function significantDigits(mantissa: string, decimal: string): number {
  const fraction = mantissa.includes(decimal);
  let digits = mantissa.replace(/\D/g, '').replace(/^0+/, '');
  if (!fraction) digits = digits.replace(/0+$/, '');
  return digits.length;
}

// Twenty values that all fall on a step of 5 by chance: about one in 10¹⁴.
const MIN_STEP_VALUES = 20;

/** The largest round step (1, 2.5 or 5 times a power of ten) coarser than `unit` that every value falls on. */
function stepOf(numbers: number[], unit: number, range: number, count: number): number | undefined {
  // A range or unit that is not finite (1e308 - -1e308) would make the loop below endless.
  if (count < MIN_STEP_VALUES || !(range > 0) || !Number.isFinite(range) || !(unit > 0)) return undefined;
  const lowest = Math.floor(Math.log10(unit));
  for (let power = Math.floor(Math.log10(range)); power >= lowest && 5 * 10 ** power > unit * 1.5; power--) {
    for (const m of [5, 2.5, 1]) {
      const step = m * 10 ** power;
      const units = step / unit;
      if (step > range || step <= unit * 1.5 || Math.abs(units - Math.round(units)) > 1e-6) continue;
      if (numbers.every((x) => Math.abs(x / step - Math.round(x / step)) < 1e-6)) return step;
    }
  }
  return undefined;
}

// Twelve distinct prices that all end in .99 by chance: about one in 10²².
const MIN_ENDING_VALUES = 12;

/** The coarsest step (100, 10 or 1) coarser than `unit` on which every value but 0 has one ending other than 0. */
function endingOf(numbers: number[], unit: number): { step: number; offset: number } | undefined {
  const values = [...new Set(numbers.filter((x) => x !== 0))];
  if (values.length < MIN_ENDING_VALUES || !(unit > 0)) return undefined;
  for (const step of [100, 10, 1]) {
    const units = Math.round(step / unit);
    if (step <= unit * 1.5 || Math.abs(units * unit - step) > 1e-9 * step) continue;
    const offsetOf = (x: number) => ((Math.round(x / unit) % units) + units) % units;
    const offset = offsetOf(values[0]);
    if (offset !== 0 && values.every((x) => offsetOf(x) === offset)) return { step, offset: Number((offset * unit).toPrecision(12)) };
  }
  return undefined;
}

/** Whether the model learns the column: included, and neither an ID (regenerated) nor a constant (copied). */
export function isModelled(column: ColumnSchema): boolean {
  return column.include && column.kind !== 'id' && column.kind !== 'constant';
}

/** Throws when the schema leaves the model nothing to learn (only IDs and constants, or nothing included). */
export function requireModelledColumn(schema: ColumnSchema[]): void {
  if (!schema.some(isModelled)) {
    throw new InputError('No column is left to model. Include at least one numeric, categorical, boolean or date column.');
  }
}

/** Reads a numeric column's text as numbers in its style, or a date column's as milliseconds. */
export function numberReader(column: ColumnSchema): (text: string) => number {
  const date = column.date;
  return column.kind === 'datetime' && date ? (t) => parseDate(t, date) : numericReader(column.numeric);
}

/** Reads a numeric column's text as numbers, in the style the seed writes them. */
export function numericReader(info: NumericInfo | undefined): (text: string) => number {
  const style = info?.style ?? PLAIN_STYLE;
  return (text) => readNumber(text, style);
}

/** Re-derives what a kind needs when the user picks another kind for a column. */
export function withKind(column: ColumnSchema, kind: ColumnKind, values: (string | null)[]): ColumnSchema {
  const present = presentOf(values);
  const next: ColumnSchema = { ...column, kind, numeric: undefined, date: undefined, notes: undefined };
  if (kind === 'numeric') {
    // Asked for by the user, padded codes (ZIP codes) may be numbers too.
    const plain = detectNumberStyle(present.texts);
    const read = numberStyleOf(present) ?? (plain ? { style: plain, notes: [] } : null);
    if (!read) throw new Error(`"${column.name}" has values that are not numbers, so it cannot be numeric.`);
    Object.assign(next, { numeric: numericInfo(present.texts, read.style, present.total), ...notesField(read.notes) });
  }
  if (kind === 'datetime') {
    // Asked for by the user, values that are not dates may be many: they are read as missing.
    const plain = detectDateFormat(sampleOf(present.texts, 2000));
    const dated = dateFormatOf(present) ?? (plain ? { date: plain, notes: [] } : null);
    if (!dated) throw new Error(`"${column.name}" has values that are not dates in one format, so it cannot be a date column.`);
    Object.assign(next, { date: dated.date, ...notesField(dated.notes) });
  }
  return next;
}

function sampleOf<T>(values: T[], n: number): T[] {
  if (values.length <= n) return values;
  const step = values.length / n;
  return Array.from({ length: n }, (_, i) => values[Math.floor(i * step)]);
}
