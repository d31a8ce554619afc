// Date parts: a column that is the year, quarter, month, weekday, month of the year or day of
// a date column beside it (`Year` beside `Order date`, `Jan` … `Dec`, `Q1` … `Q4`).

export const DATE_PARTS = ['year', 'quarter', 'month', 'weekday', 'year-month', 'day'] as const;
export type DatePart = (typeof DATE_PARTS)[number];

/** How a part reads in a rule: `month is the month of order_date`. */
export const PART_NAMES: Record<DatePart, string> = {
  year: 'year',
  quarter: 'quarter',
  month: 'month',
  weekday: 'weekday',
  'year-month': 'year and month',
  day: 'day of the month',
};

/**
 * The part of a date (UTC milliseconds) as a number: the year (2024), quarter (1–4), month
 * (1–12), weekday (Monday 1 … Sunday 7), the first day of its month (in milliseconds, as a
 * year-month column is read), or the day of the month (1–31); NaN for NaN.
 */
export function datePart(part: DatePart, ms: number): number {
  if (Number.isNaN(ms)) return NaN;
  const d = new Date(ms);
  switch (part) {
    case 'year':
      return d.getUTCFullYear();
    case 'quarter':
      return Math.floor(d.getUTCMonth() / 3) + 1;
    case 'month':
      return d.getUTCMonth() + 1;
    case 'weekday':
      return ((d.getUTCDay() + 6) % 7) + 1;
    case 'year-month':
      return Date.UTC(d.getUTCFullYear(), d.getUTCMonth(), 1);
    case 'day':
      return d.getUTCDate();
  }
}

/**
 * Each part's value mapped to the text the column holds most often there, and for each row
 * whether its text is that one (rows whose date is not a number are not judged).
 */
export function partTexts(part: DatePart, dates: Float64Array, cells: (string | null)[]): { texts: Map<number, string | null>; obeys: (r: number) => boolean } {
  const keys = dates.map((ms) => datePart(part, ms));
  const counts = new Map<number, Map<string | null, number>>();
  keys.forEach((key, r) => {
    if (Number.isNaN(key)) return;
    const seen = counts.get(key) ?? new Map<string | null, number>();
    seen.set(cells[r], (seen.get(cells[r]) ?? 0) + 1);
    counts.set(key, seen);
  });
  const texts = new Map<number, string | null>();
  for (const [key, seen] of counts) texts.set(key, [...seen].reduce((best, next) => (next[1] > best[1] ? next : best))[0]);
  return { texts, obeys: (r) => Number.isNaN(keys[r]) || texts.get(keys[r]) === cells[r] };
}

// A part must gather this many rows on average: a column that rises with the date (years of
// service beside a hiring date) agrees within each month when most months hold one or two rows,
// though no month fixes it.
const MIN_GROUP_ROWS = 4;

/** A part found: `column` (schema index) is fixed by `part` of the date `date` (schema index). */
export interface FoundPart {
  column: number;
  date: number;
  part: DatePart;
  /** Whether the column holds at most half as many values as the part takes in the seed (a season over year-months). */
  grouped: boolean;
}

/**
 * Columns fixed by a part of a date column (`Year`, `Month` or `Weekday` beside `Order date`):
 * every row whose date falls in the same year (month, weekday …) holds the same value. Were the
 * column independent of the date, a group of k rows would agree with chance Σ pᵥᵏ over the
 * column's shares pᵥ (as for columns that follow a category); proposed below e^maxLogChance
 * divided by the dates, columns and parts searched, where each part value holds 4 rows on
 * average. Parts are tried coarsest first, so a quarter is the quarter of a date, not its month's.
 */
export function findParts(dates: { index: number; values: Float64Array }[], targets: { index: number; cells: (string | null)[] }[], maxLogChance: number): FoundPart[] {
  const odds = maxLogChance - Math.log(Math.max(1, dates.length * targets.length * DATE_PARTS.length));
  const keys = dates.map(({ values }) => new Map(DATE_PARTS.map((part) => [part, values.map((ms) => datePart(part, ms))])));
  const found: FoundPart[] = [];
  for (const { index: column, cells } of targets) {
    search: for (const [d, { index: date }] of dates.entries()) {
      if (date === column) continue;
      for (const part of DATE_PARTS) {
        const fixed = fixedBy(keys[d].get(part)!, cells, odds);
        if (fixed) {
          found.push({ column, date, part, grouped: 2 * fixed.values <= fixed.keys });
          break search;
        }
      }
    }
  }
  return found;
}

/** Where rows with the same key hold the same cell, beyond chance: how many keys and values; null otherwise. */
function fixedBy(keys: Float64Array, cells: (string | null)[], odds: number): { keys: number; values: number } | null {
  const first = new Map<number, string | null>();
  const sizes = new Map<number, number>();
  const shares = new Map<string | null, number>();
  let n = 0;
  for (let r = 0; r < keys.length; r++) {
    const key = keys[r];
    if (Number.isNaN(key)) continue;
    const seen = first.get(key);
    if (seen === undefined) first.set(key, cells[r]);
    else if (seen !== cells[r]) return null;
    sizes.set(key, (sizes.get(key) ?? 0) + 1);
    shares.set(cells[r], (shares.get(cells[r]) ?? 0) + 1);
    n++;
  }
  if (shares.size < 2 || n < MIN_GROUP_ROWS * sizes.size) return null;
  let logChance = 0;
  for (const k of sizes.values()) {
    let chance = 0;
    for (const count of shares.values()) chance += (count / n) ** k;
    logChance += Math.log(Math.min(1, chance));
  }
  return logChance < odds ? { keys: sizes.size, values: shares.size } : null;
}
