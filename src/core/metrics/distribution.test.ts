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
    expect(distributionOf(n, table.columns[1], table.columns[1]).labels.slice(0, 2)).toEqual(['0', '4.88']);
  });

  it('writes large numbers with separators, and gives a few-step number a bar per value', () => {
    const money = Array.from({ length: 60 }, (_, i) => String(4100 + i * 1200));
    const term = Array.from({ length: 60 }, (_, i) => String([12, 24, 36, 48, 60][i % 5]));
    const table = tableFromColumns(['amount', 'term'], [money, term]);
    const [amount, months] = inferSchema(table);
    // Whole numbers: the ones each bin holds, not an edge no row holds.
    expect(distributionOf(amount, money, money).labels.slice(0, 2)).toEqual(['4,100–7,639', '7,640–11,179']);
    const ages = Array.from({ length: 300 }, (_, i) => String((i * 7) % 100));
    const [age] = inferSchema(tableFromColumns(['age'], [ages]));
    expect(distributionOf(age, ages, ages).labels.slice(0, 2)).toEqual(['0–4', '5–9']);
    expect(distributionOf(age, ages, ages).labels.at(-1)).toBe('95–99');
    expect(miniDistribution(age, ages).labels.slice(0, 2)).toEqual(['0–6', '7–12']);
    const chart = distributionOf(months, term, term.slice(0, 30).concat(Array(30).fill('60')));
    expect(chart).toMatchObject({ kind: 'bars', labels: ['12', '24', '36', '48', '60'] });
    expect(chart.real[4]).toBeCloseTo(0.2, 10);
    expect(chart.synth[4]).toBeCloseTo(0.6, 10);
    expect(miniDistribution(months, term).labels).toEqual(['12', '24', '36', '48', '60']);
    // Years as the seed writes them: 1995, not 1,995 (nor 2,000 to three digits).
    const years = Array.from({ length: 60 }, (_, i) => String(1990 + (i % 2)));
    const [year] = inferSchema(tableFromColumns(['year'], [years]));
    expect(distributionOf(year, years, years).labels).toEqual(['1990', '1991']);
    const spread = Array.from({ length: 300 }, (_, i) => String(1950 + (i % 70)));
    const [built] = inferSchema(tableFromColumns(['built'], [spread]));
    expect(miniDistribution(built, spread).labels[0]).toBe('1950–1954');
  });
});
