import { EMAIL_RE, namesPersonalCode, readAsPersonNames } from '../data/schema';
import { evenDraw, sharesByIndex } from '../util/shares';
import { fillTemplate, type IdLink } from './idLinks';
import { shapedId, shapeOf, type ShapePosition } from './idShapes';
import { nameHash, personName } from './personNames';

const DIGITS_RE = /\d+/g;
const URL_RE = /^https?:\/\/\S+$/i;

/** A fitted IdGenerator as plain data: IDs are `prefix`, the number from `first` padded to `width`, `suffix`. */
export interface IdState {
  prefix: string;
  suffix: string;
  width: number;
  first: number;
  /**
   * Prefixes that differ only in their digits (`F2022-`, `F2023-`), or that several IDs each
   * share (`APP-`, `GRO-`), with how many IDs have each; `prefix` is then unused.
   */
  prefixes?: [string, number][];
  /** The column that fixes each row's prefix, where one does in the seed. */
  link?: IdLink;
  /**
   * Where every seed ID has `width` digits: the runs of numbers of that width no seed ID uses,
   * below the largest, as [first, last]. Numbering goes on in them once it runs past the width
   * (`EMP-9999`, then `EMP-0001`), so IDs keep their shape.
   */
  free?: [number, number][];
  /** Which run of digits is the number, counted from the last (0); later runs are in `suffixes`. */
  run?: number;
  /** Endings that differ between IDs (`-0` … `-9` after `Z744363`), with how many IDs have each. */
  suffixes?: [string, number][];
  /** The category that fixes each row's ending, where one does in the seed (`-DE` for Germany). */
  endLink?: { column: string; map: [string | null, string][] };
  /**
   * Where the seed leaves some IDs blank: on the rows of the category values that are always
   * blank where a category decides it (a certificate number blank exactly for non-organic
   * sales), else on that share of rows.
   */
  /**
   * Blank IDs: `share` of rows; blank exactly on some values of `by`'s column; or, with
   * `shares`, in a share of their own on each value of a category (a co-investigator far more
   * often missing on arts grants than on medical ones).
   */
  blanks?: { share: number; by?: { column: string; values: (string | null)[] }; shares?: { column: string; of: [string | null, number][] } };
  /** Where IDs share no number pattern but one length and a class of character at each position (a VIN): that shape. */
  shape?: ShapePosition[];
  /** Where IDs are people's names: the buckets of the seed's (see `nameHash`), in none of which a name is written. */
  names?: number[];
}

// Prefixes that differ only in digits are kept when each is shared: a year or a branch number,
// not a number of one row's own.
const MAX_PREFIXES = 50;
// A code in capitals, in parts (`APP-`, `TH24-CAR-`, `Z-CEN-`).
const CODE_RE = /^[A-Z][A-Z0-9]*([-_/.#][A-Z0-9]+)*[-_/.#]?$/;
const MIN_CODE_IDS = 5;
/** The longest ending kept as one of a few: a check digit, a line number, a letter. */
const MAX_END = 4;

/**
 * Fresh unique IDs shaped like the seed's: a seed of `CUST-0042` gives `CUST-1043`, … , and
 * `user7@example.com` gives `user1043@example.com`; numbering starts past the largest number
 * in the seed, so no synthetic ID equals a real one. Only text that all IDs share is kept
 * around the number (emails of different people share no name), and IDs without digits,
 * such as names, become `<column>-1`, … : no part of one person's value is written out.
 * Emails and web addresses stay valid ones, at example.com unless all share their domain.
 */
export class IdGenerator {
  private readonly prefix: string;
  private readonly suffix: string;
  private readonly width: number;
  private readonly first: number;
  private readonly prefixes?: [string, number][];
  private readonly free?: [number, number][];
  private readonly run: number;
  private readonly suffixes?: [string, number][];
  /** How many free numbers come before each free run. */
  private before: number[] = [];
  private link?: IdLink;
  private endLink?: { column: string; map: [string | null, string][] };
  private blanks?: IdState['blanks'];
  private shape?: ShapePosition[];
  private names?: number[];
  private avoid = new Set<number>();
  /** The prefix of output row k, in the seed's shares, the same for a row whatever batch writes it. */
  private prefixAt: (k: number) => string = () => this.prefix;
  private suffixAt: (k: number) => string = () => this.suffix;

  /**
   * Fitted to a column's values, or rebuilt from a saved state. With `codes` false, prefixes in
   * capitals (`APP-`) are not kept: only one a category of the row fixes is a category's code
   * and not, say, an agent's name (`JSMITH-`), so the caller keeps them only once it has found one.
   */
  /** Where this column's names start in the list of names (see `take`). */
  private readonly nameOffset: number;

  constructor(source: (string | null)[] | IdState, column = 'id', codes = true) {
    this.nameOffset = nameHash(column);
    if (!Array.isArray(source)) {
      const state = source as IdState;
      [this.prefix, this.suffix, this.width, this.first] = [state.prefix, state.suffix, state.width, state.first];
      if (state.prefixes) this.prefixAt = sharesByIndex((this.prefixes = state.prefixes));
      this.link = state.link;
      this.free = state.free;
      this.run = state.run ?? 0;
      if (state.suffixes) this.suffixAt = endsByIndex((this.suffixes = state.suffixes));
      this.endLink = state.endLink;
      this.blanks = state.blanks;
      this.shape = state.shape;
      this.useNames(state.names);
      this.count();
      return;
    }
    const values = source;
    this.run = numberRun(values);
    let prefix: string | null = null;
    let suffix: string | null = null;
    let width = 1;
    let max = 0;
    let numbered = 0;
    let present = 0;
    let digitsOnly = true;
    let emails = true;
    let urls = true;
    const starts = new Map<string, number>();
    const ends = new Map<string, number>();
    const numbers: number[] = [];
    const widths = new Set<number>();
    let padded = false;
    for (const v of values) {
      if (v === null) continue;
      present++;
      const text = v.trim();
      emails &&= EMAIL_RE.test(text);
      urls &&= URL_RE.test(text);
      const m = splitAt(text, this.run);
      if (!m) continue;
      numbered++;
      digitsOnly &&= m[0] === '' && m[2] === '';
      max = Math.max(max, Number(m[1]));
      numbers.push(Number(m[1]));
      widths.add(m[1].length);
      padded ||= m[1].length > 1 && m[1].startsWith('0');
      starts.set(m[0], (starts.get(m[0]) ?? 0) + 1);
      ends.set(m[2], (ends.get(m[2]) ?? 0) + 1);
      if (prefix === null || suffix === null) [prefix, suffix, width] = [m[0], m[2], m[1].length];
      else [prefix, suffix] = [commonStart(prefix, m[0]), commonEnd(suffix, m[2])];
    }
    // Plain numbers are a pattern too; text around the numbers must be shared to be kept.
    const shared = numbered === present && sharedPrefixes(starts, present, codes);
    const patterned = numbered === present && prefix !== null && suffix !== null && (digitsOnly || (prefix + suffix).length > 0 || shared);
    let [start, end] = patterned ? [prefix!, suffix!] : [`${column}-`, ''];
    if (present > 0 && emails) {
      if (!(patterned && end.startsWith('@'))) [start, end] = ['user', '@example.com'];
      else if (!/^[^@\s]+$/.test(start)) start = 'user';
    }
    if (present > 0 && urls && !(patterned && /^https?:\/\/[^/\s]+\//i.test(start))) [start, end] = ['https://example.com/', ''];
    // A VIN or a hash: fresh ones in the seed's shape. So is a phone or an IMEI, numbered or not:
    // numbered on from the largest, `07299 941850` became `07997399`.
    const shape = (!patterned || namesPersonalCode(column)) && !emails && !urls ? shapeOf(values.flatMap((v) => (v === null ? [] : [v.trim()]))) : null;
    if (shape) this.shape = shape;
    // People's names: fresh ones, `Maya Okafor` rather than `Customer-12`, none of them the seed's.
    const texts = [...new Set(values.flatMap((v) => (v === null ? [] : [v.trim()])))];
    if (!patterned && !shape && !emails && !urls && readAsPersonNames(texts)) this.useNames(texts.map(nameHash));
    this.prefix = start;
    this.suffix = end;
    this.width = patterned ? width : 1;
    this.first = max + 1;
    // IDs all of one width, past which the next would grow: the unused numbers below keep the shape.
    if (patterned && widths.size === 1 && width > 1 && !emails && !urls) {
      const free = freeRuns(numbers, padded ? 1 : 10 ** (width - 1));
      if (free.length > 0) this.free = free;
      this.count();
    }
    if (patterned && !emails && !urls && shared) {
      this.prefixAt = sharesByIndex((this.prefixes = [...starts]));
      this.prefix = '';
    }
    if (patterned && !emails && !urls && sharedEnds(ends, present)) {
      this.suffixAt = endsByIndex((this.suffixes = [...ends]));
      this.suffix = '';
    }
  }

  /** The fitted pattern as plain data, for `new IdGenerator(state)`. */
  toState(): IdState {
    const state = {
      ...{ prefix: this.prefix, suffix: this.suffix, width: this.width, first: this.first },
      ...(this.free && { free: this.free }),
      ...(this.run > 0 && { run: this.run }),
      ...(this.suffixes && { suffixes: this.suffixes }),
      ...(this.endLink && { endLink: this.endLink }),
      ...(this.blanks && { blanks: this.blanks }),
      ...(this.shape && { shape: this.shape }),
      ...(this.names && { names: this.names }),
    };
    return this.prefixes ? { ...state, prefixes: this.prefixes, ...(this.link && { link: this.link }) } : state;
  }

  /** The seed's prefixes, where the generator keeps them: each ID's, null where none. */
  prefixesOf(values: (string | null)[]): (string | null)[] | null {
    if (!this.prefixes) return null;
    return values.map((v) => (v === null ? null : (splitAt(v.trim(), this.run)?.[0] ?? null)));
  }

  /** The seed's endings, where the generator keeps a few: each ID's, null where none. */
  suffixesOf(values: (string | null)[]): (string | null)[] | null {
    if (!this.suffixes) return null;
    return values.map((v) => (v === null ? null : (splitAt(v.trim(), this.run)?.[2] ?? null)));
  }

  /** Writes each row's ending from a category's column (see `take`). */
  linkEndTo(link: { column: string; map: [string | null, string][] }): void {
    this.endLink = link;
  }

  /** The column that fixes the ending, if any. */
  get endLinkedTo(): string | null {
    return this.endLink?.column ?? null;
  }

  /** Writes each row's prefix from `link`'s column (see `take`). */
  linkTo(link: IdLink): void {
    this.link = link;
  }

  /** Whether the prefixes kept are codes in capitals rather than numbered (`APP-`, not `F2022-`). */
  get codePrefixes(): boolean {
    return (this.prefixes ?? []).some(([p]) => !/\d/.test(p));
  }

  /** The column that fixes the prefix, if any. */
  get linkedTo(): string | null {
    return this.link?.column ?? null;
  }

  /**
   * IDs for output rows `from` … `from + rows - 1`. Where the prefix follows a column, `linked.prefix`
   * holds that column's values for these rows (`linked.read` reads a date's): a value the seed never
   * has, or a blank, takes a prefix in the seed's shares; `linked.end` likewise for the ending.
   * `linked.numbers` gives each row's number where the column counts another key's rows;
   * `linked.at`, the place of each row's ID among those written (a key's rows share one, and a
   * key takes one number, not one a row, so 1,252 rows of 60 customers keep `C131`'s width).
   */
  take(rows: number, from: number, linked: { prefix?: (string | null)[]; read?: (text: string) => number; end?: (string | null)[]; numbers?: number[]; at?: number[] } = {}): string[] {
    const { prefix: cells, read, end: endCells, numbers, at } = linked;
    const place = (i: number) => from + (at ? at[i] : i);
    const link = cells ? this.link : undefined;
    const ends = endCells && this.endLink ? new Map(this.endLink.map) : null;
    const suffix = (i: number) => (ends ? ends.get(endCells![i]) : undefined) ?? this.suffixAt(place(i));
    const map = link && 'map' in link ? new Map(link.map) : null;
    const prefix = (i: number): string => {
      const cell = cells?.[i] ?? null;
      if (map) return map.get(cell) ?? this.prefixAt(place(i));
      const day = cell !== null && read && link && 'template' in link ? read(cell) : NaN;
      return Number.isNaN(day) ? this.prefixAt(place(i)) : fillTemplate(link as Extract<IdLink, { template: string }>, day);
    };
    const shape = this.shape;
    if (shape) return Array.from({ length: rows }, (_, i) => shapedId(shape, place(i)));
    // Each column of names from its own place in the list: a principal investigator and a co-investigator on one row are two people.
    if (this.names) return Array.from({ length: rows }, (_, i) => personName(place(i) + this.nameOffset, this.avoid));
    const number = (i: number) => numbers?.[i] ?? this.numberAt(place(i));
    return Array.from({ length: rows }, (_, i) => prefix(i) + String(number(i)).padStart(this.width, '0') + suffix(i));
  }

  private useNames(hashes: number[] | undefined): void {
    if (!hashes) return;
    this.avoid = new Set(hashes);
    this.names = [...this.avoid].sort((a, b) => a - b);
  }

  /** Leaves IDs blank as the seed does (see `IdState.blanks`). */
  blankWhere(blanks: IdState['blanks']): void {
    this.blanks = blanks;
  }

  /** The column whose values decide which IDs are blank, if any. */
  get blankLinkedTo(): string | null {
    return this.blanks?.by?.column ?? this.blanks?.shares?.column ?? null;
  }

  /** `ids` of output rows `from` … with the seed's blanks: by `cells` of the deciding column, else in its share. */
  withBlanks(ids: string[], from: number, cells?: (string | null)[]): (string | null)[] {
    const blanks = this.blanks;
    if (!blanks) return ids;
    if (blanks.by && cells) {
      const values = new Set(blanks.by.values);
      return ids.map((id, i) => (values.has(cells[i]) ? null : id));
    }
    if (blanks.shares && cells) {
      const shares = new Map(blanks.shares.of);
      // The same even spread of draws as a flat share, each row held to its category's share.
      return ids.map((id, i) => (evenDraw(3 * (from + i) + 1) < (shares.get(cells[i]) ?? blanks.share) ? null : id));
    }
    const blankAt = sharesByIndex<boolean>([
      [true, blanks.share],
      [false, 1 - blanks.share],
    ]);
    return ids.map((id, i) => (blankAt(3 * (from + i) + 1) ? null : id));
  }

  /** The number of output row k: past the largest in the seed, then in the free runs of its width, then wider. */
  private numberAt(k: number): number {
    const roof = 10 ** this.width;
    const above = Math.max(0, roof - this.first);
    if (!this.free || k < above) return this.first + k;
    const rest = k - above;
    // The last run starting at or before `rest` free numbers in.
    let [a, b] = [0, this.free.length];
    while (b - a > 1) {
      const mid = (a + b) >> 1;
      if (this.before[mid] <= rest) a = mid;
      else b = mid;
    }
    const [lo, hi] = this.free[a];
    const within = rest - this.before[a];
    if (within <= hi - lo) return lo + within;
    return Math.max(roof, this.first) + rest - (this.before[a] + hi - lo + 1);
  }

  private count(): void {
    this.before = [];
    let n = 0;
    for (const [lo, hi] of this.free ?? []) {
      this.before.push(n);
      n += hi - lo + 1;
    }
  }

}

/**
 * Whether the IDs' prefixes are kept: differing only in digits, each shared by two IDs or more on
 * average (`F2022-`, `F2023-`); or codes in capitals each shared by five IDs at least (`APP-`,
 * `GRO-`), with `codes`: a name (`ann-7`, `ann-12`) is one person's, and is not written out.
 */
function sharedPrefixes(starts: Map<string, number>, present: number, codes: boolean): boolean {
  if (starts.size < 2 || starts.size > Math.min(MAX_PREFIXES, present / 2)) return false;
  const shapes = new Set([...starts.keys()].map((p) => p.replace(/\d/g, '#')));
  if (shapes.size === 1 && [...starts.keys()].every((p) => /\d/.test(p))) return true;
  return codes && [...starts].every(([p, n]) => CODE_RE.test(p) && n >= MIN_CODE_IDS);
}

/**
 * Endings kept where IDs differ after their number in a few shared ways (`Z744363-0`, `-1`, …, a
 * check digit or a line): short, of one shape, each shared by two IDs or more on average.
 */
function sharedEnds(ends: Map<string, number>, present: number): boolean {
  if (ends.size < 2 || ends.size > Math.min(MAX_PREFIXES, present / 2)) return false;
  const shapes = new Set([...ends.keys()].map((e) => e.replace(/\d/g, '#').replace(/[A-Z]/g, 'A')));
  return shapes.size === 1 && [...ends.keys()].every((e) => e.length <= MAX_END);
}

/** The endings in their shares, picked apart from the prefixes picked for the same row. */
function endsByIndex(ends: [string, number][]): (k: number) => string {
  const at = sharesByIndex(ends);
  return (k) => at(7 * k + 3);
}

/**
 * Which run of digits numbers the IDs, counted from the last: where every ID has the same
 * number of runs, the one with the most distinct values (`Z744363-0`: the 744363), else the last.
 */
function numberRun(values: (string | null)[]): number {
  const runs = values.flatMap((v) => (v === null ? [] : [v.trim().match(DIGITS_RE) ?? []]));
  const count = runs[0]?.length ?? 0;
  if (count < 2 || runs.some((r) => r.length !== count)) return 0;
  let [best, most] = [0, 0];
  for (let k = 0; k < count; k++) {
    const distinct = new Set(runs.map((r) => r[count - 1 - k])).size;
    if (distinct > most) [best, most] = [k, distinct];
  }
  return best;
}

/** An ID split around its `fromEnd`-th last run of digits: the text before, the digits, the text after. */
function splitAt(text: string, fromEnd: number): [string, string, string] | null {
  const runs = [...text.matchAll(DIGITS_RE)];
  const m = runs[runs.length - 1 - fromEnd];
  if (!m) return null;
  const at = m.index ?? 0;
  return [text.slice(0, at), m[0], text.slice(at + m[0].length)];
}

/** Runs of whole numbers from `low` up to the largest of `numbers` that none of them is, as [first, last]. */
function freeRuns(numbers: number[], low: number): [number, number][] {
  const sorted = [...new Set(numbers)].sort((a, b) => a - b);
  const runs: [number, number][] = [];
  let next = low;
  for (const x of sorted) {
    if (x > next) runs.push([next, x - 1]);
    next = Math.max(next, x + 1);
  }
  return runs;
}

function commonStart(a: string, b: string): string {
  let i = 0;
  while (i < a.length && i < b.length && a[i] === b[i]) i++;
  return a.slice(0, i);
}

function commonEnd(a: string, b: string): string {
  let i = 0;
  while (i < a.length && i < b.length && a[a.length - 1 - i] === b[b.length - 1 - i]) i++;
  return a.slice(a.length - i);
}
