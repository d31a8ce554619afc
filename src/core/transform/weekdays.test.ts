import { describe, expect, it } from 'vitest';
import { inferSchema } from '../data/schema';
import { tableFromColumns } from '../data/table';
import { Rng } from '../util/rng';
import { TableTransformer } from './transformer';
import { untrainedRows } from './untrained';

const DAY = 86_400_000;
const weekday = (text: string) => new Date(`${text}T00:00:00Z`).getUTCDay();

/** Matches on Saturdays (half), Sundays and Tuesdays over two seasons, with a crowd. */
function fixtures(rows: number, rng = new Rng(4)) {
  const saturday = Date.UTC(2023, 7, 5);
  const dates = Array.from({ length: rows }, () => {
    const week = rng.int(80);
    const day = [0, 0, 1, 3][rng.int(4)];
    return new Date(saturday + (week * 7 + day) * DAY).toISOString().slice(0, 10);
  });
  return tableFromColumns(['Match Date', 'Crowd'], [dates, dates.map(() => String(5000 + rng.int(20000)))]);
}

describe('days of the week', () => {
  it('keeps the seed’s match days and their shares on rows decoded from random model output', () => {
    const table = fixtures(600);
    const transformer = new TableTransformer(table, inferSchema(table), 1, { rules: [] });
    const decoded = transformer.decode(untrainedRows(transformer.layout.width, 6000, 3), 6000, new Rng(5));
    const days = decoded.columns[0].filter((d): d is string => d !== null).map(weekday);
    const share = (d: number) => days.filter((x) => x === d).length / days.length;
    expect(new Set(days)).toEqual(new Set([6, 0, 2]));
    expect(share(6)).toBeGreaterThan(0.42);
    expect(share(6)).toBeLessThan(0.58);
    // Within the seed's range, and the same from a transformer rebuilt from its saved state.
    expect(decoded.columns[0].every((d) => d === null || (d >= '2023-08-05' && d <= '2025-02-15'))).toBe(true);
    const restored = new TableTransformer(JSON.parse(JSON.stringify(transformer.toState())));
    expect(restored.decode(untrainedRows(restored.layout.width, 50, 3), 50, new Rng(5)).columns[0]).toEqual(decoded.columns[0].slice(0, 50));
  });

  it('spreads the rows of one generated day over the week, as the seed spreads its days', () => {
    // A bakery's batches on every day but Sunday over 20 weeks: the model's rows of one day do
    // not all move to one weekday, piling a week's batches onto one day.
    const rng = new Rng(7);
    const monday = Date.UTC(2024, 0, 1);
    const dates = Array.from({ length: 600 }, () => new Date(monday + (rng.int(20) * 7 + rng.int(6)) * DAY).toISOString().slice(0, 10));
    const table = tableFromColumns(['Bake Date', 'Units'], [dates, dates.map(() => String(20 + rng.int(40)))]);
    const transformer = new TableTransformer(table, inferSchema(table), 1, { rules: [] });
    const decoded = transformer.decode(untrainedRows(transformer.layout.width, 6000, 3), 6000, new Rng(5)).columns[0];
    const perDay = new Map<string, number>();
    for (const d of decoded) if (d !== null) perDay.set(d, (perDay.get(d) ?? 0) + 1);
    expect([...perDay.keys()].some((d) => weekday(d) === 0)).toBe(false);
    // 6,000 rows over 120 days: 50 a day; moved a day at a time, 89 days held them, one of them 282.
    expect(perDay.size).toBeGreaterThan(110);
    expect(Math.max(...perDay.values())).toBeLessThan(150);
  });

  it('leaves dates spread over every day as the model draws them', () => {
    const rng = new Rng(6);
    const dates = Array.from({ length: 600 }, () => new Date(Date.UTC(2023, 0, 1) + rng.int(500) * DAY).toISOString().slice(0, 10));
    const table = tableFromColumns(['Day', 'Amount'], [dates, dates.map(() => String(rng.int(100)))]);
    const transformer = new TableTransformer(table, inferSchema(table), 1, { rules: [] });
    const decoded = transformer.decode(untrainedRows(transformer.layout.width, 3000, 3), 3000, new Rng(5));
    expect(new Set(decoded.columns[0].filter((d) => d !== null).map((d) => weekday(d!))).size).toBe(7);
    expect(JSON.stringify(transformer.toState())).not.toContain('weekdays');
  });
});
