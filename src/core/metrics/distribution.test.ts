import { describe, expect, it } from 'vitest';
import { inferSchema } from '../data/schema';
import { tableFromColumns } from '../data/table';
import { distributionOf, miniDistribution } from './distribution';

describe('distributions for charts', () => {
  it('labels the bins of a date column with dates in its own format, and of numbers with numbers', () => {
    const days = Array.from({ length: 40 }, (_, i) => `2024-01-${String(1 + (i % 28)).padStart(2, '0')}`);
    const table = tableFromColumns(['day', 'n'], [days, days.map((_, i) => String(i * 2.5))]);
    const [day, n] = inferSchema(table);
    const chart = distributionOf(day, table.columns[0], table.columns[0]);
    expect(chart.labels[0]).toBe('2024-01-01');
    expect(chart.labels.every((l) => /^2024-01-\d{2}$/.test(l))).toBe(true);
    expect(miniDistribution(day, table.columns[0]).labels[0]).toBe('2024-01-01');
    expect(distributionOf(n, table.columns[1], table.columns[1]).labels.slice(0, 2)).toEqual(['0.00', '4.88']);
  });
});
