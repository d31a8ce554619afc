import { describe, expect, it } from 'vitest';
import { columnPage, PAGE_COLUMNS } from './columnPage';

const columns = Array.from({ length: 1_000 }, (_, i) => ({ name: i % 10 === 0 ? `city_${i}` : `c${i}` }));

describe('columnPage', () => {
  it('gives at most a page of a wide table, each column with its position', () => {
    const page = columnPage(columns, '', 0);
    expect(page.rows).toHaveLength(PAGE_COLUMNS);
    expect(page.summary).toBe('Columns 1–100 of 1,000');
    const last = columnPage(columns, '', 900);
    expect(last.rows.map((r) => r.index)).toEqual(Array.from({ length: 100 }, (_, i) => 900 + i));
    expect(last.end).toBe(1_000);
  });

  it('filters by name in any case and moves a start past the end back to the last page', () => {
    const page = columnPage(columns, ' CITY ', 500);
    expect(page.matching).toBe(100);
    expect(page.start).toBe(0);
    expect(page.rows[1]).toEqual({ column: { name: 'city_10' }, index: 10 });
    expect(page.summary).toBe('Columns 1–100 of 100 whose name contains "CITY"');
    expect(columnPage(columns, 'nothing', 0).summary).toBe('No column name contains "nothing".');
  });

  it('gives a narrow table whole', () => {
    expect(columnPage(columns.slice(0, 15), '', 0).rows).toHaveLength(15);
  });
});
