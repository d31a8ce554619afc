// The days of the week a date column falls on: a league that plays on Saturdays, Sundays and
// Tuesdays, a shop closed on Sundays. A date modelled as one number over months lands on any
// day of the week; decoded dates are moved within their week to a weekday drawn in the seed's shares.
import { offsetMinutes, type DateFormat } from '../data/dates';

const DAY_MS = 86_400_000;
// Dates enough, over weeks enough, for the shares to say something.
const MIN_DATES = 50;
const MIN_SPAN_DAYS = 28;
// χ² on six degrees of freedom beyond which the weekdays are not evenly spread (p below 1e-6).
const MIN_CHI_SQUARE = 38;

/** The local day (days since 1970) and its weekday (0 for Sunday) of an instant, in the format's zone. */
function dayOf(ms: number, format: DateFormat): { day: number; weekday: number } {
  const day = Math.floor((ms + offsetMinutes(format.zone) * 60_000) / DAY_MS);
  return { day, weekday: (((day + 4) % 7) + 7) % 7 };
}

/**
 * Each weekday's share of the seed's dates (Sunday first), where they are far from even; null
 * otherwise, for a month-only or time-only column, or too few dates over too short a span.
 */
export function weekdayShares(times: number[], format: DateFormat): number[] | null {
  if (format.monthOnly || format.dateless) return null;
  const counts = new Array<number>(7).fill(0);
  let [n, first, last] = [0, Infinity, -Infinity];
  for (const t of times) {
    if (Number.isNaN(t)) continue;
    const { day, weekday } = dayOf(t, format);
    counts[weekday]++;
    [n, first, last] = [n + 1, Math.min(first, day), Math.max(last, day)];
  }
  if (n < MIN_DATES || last - first < MIN_SPAN_DAYS) return null;
  const chiSquare = counts.reduce((s, c) => s + (c - n / 7) ** 2 / (n / 7), 0);
  return chiSquare >= MIN_CHI_SQUARE ? counts.map((c) => c / n) : null;
}

/**
 * Moves an instant within its week (Sunday to Saturday) to a weekday drawn in `shares`, keeping
 * its time of day, and by a week where that takes it out of [min, max]. The draw is a hash of
 * `key`, the value before it was rounded to its day: the same value always lands on the same
 * day, and the rows of one day spread over the week as the seed's do. Hashed after rounding, a
 * day's rows all moved to one weekday: a bakery's 1,258 rows piled 66 on one day (the seed's
 * busiest has 8).
 */
export function onWeekday(ms: number, shares: number[], format: DateFormat, min: number, max: number, key = ms): number {
  if (!Number.isFinite(ms)) return ms;
  const { weekday } = dayOf(ms, format);
  let u = hash(key);
  let target = 0;
  while (target < 6 && u >= shares[target]) u -= shares[target++];
  let moved = ms + (target - weekday) * DAY_MS;
  // A value past the seed's range (where the user lets values extend) is not held to it.
  if (ms < min || ms > max) return moved;
  if (moved > max) moved -= 7 * DAY_MS;
  if (moved < min) moved += 7 * DAY_MS;
  return moved >= min && moved <= max ? moved : ms;
}

/** A number in [0, 1) from an instant's whole milliseconds, spread evenly (a 32-bit mix). */
function hash(ms: number): number {
  let h = Math.floor(ms) % 4_294_967_296 | 0;
  h = Math.imul(h ^ (h >>> 16), 0x45d9f3b);
  h = Math.imul(h ^ (h >>> 16), 0x45d9f3b);
  h ^= h >>> 16;
  return (h >>> 0) / 4_294_967_296;
}
