// Dates that all fall on one day of the month (bills on the 1st, rents due on the 5th, periods
// ending on the month's last day): a modelled date is written on that day of the nearest month.

/** The day of the month every date falls on (1–31), −1 for every month's last day; null otherwise. */
export function sharedMonthDay(times: number[]): number | null {
  const dates = times.filter((t) => !Number.isNaN(t));
  const months = new Set(dates.map((t) => Math.floor(monthIndex(t))));
  // A dozen dates over two months at least: one day shared by chance is about 30^-11.
  if (dates.length < 12 || months.size < 2) return null;
  const days = new Set(dates.map((t) => new Date(t).getUTCDate()));
  if (days.size === 1) return [...days][0];
  return dates.every((t) => isLastDay(t)) ? -1 : null;
}

/**
 * `x` moved to `day` (−1: the last day) of its month or a neighbour's, at midnight, whichever is
 * nearest within [min, max]. For dates with no time of day.
 */
export function onMonthDay(x: number, day: number, min: number, max: number): number {
  if (!Number.isFinite(x)) return x;
  const d = new Date(x);
  const candidates = [-1, 0, 1].map((k) => dayIn(d.getUTCFullYear(), d.getUTCMonth() + k, day));
  const inside = candidates.filter((c) => c >= min && c <= max);
  const pool = inside.length > 0 ? inside : candidates;
  return pool.reduce((best, c) => (Math.abs(c - x) < Math.abs(best - x) ? c : best));
}

function dayIn(year: number, month: number, day: number): number {
  const last = new Date(Date.UTC(year, month + 1, 0)).getUTCDate();
  return Date.UTC(year, month, day === -1 ? last : Math.min(day, last));
}

function isLastDay(t: number): boolean {
  return new Date(t + 86_400_000).getUTCDate() === 1;
}

function monthIndex(t: number): number {
  const d = new Date(t);
  return d.getUTCFullYear() * 12 + d.getUTCMonth();
}
