import { describe, expect, it } from 'vitest';
import { Rng } from '../util/rng';
import { findRules } from './findRules';
import { describeRule, parseRules, validateRules, type Rule } from './rules';
import { inferSchema } from './schema';
import { tableFromColumns } from './table';
import { agesTable as patients } from './agesTable';
import { addMonths, anniversary, readIsoDay, wholeYears } from './years';
import { loansTable } from './ruleTables';

const day = (text: string) => Date.parse(`${text}T00:00:00Z`);

describe('whole years between two dates', () => {
  it('counts birthdays, 29 February turning on 1 March in common years', () => {
    expect(wholeYears(day('1990-05-10'), day('2024-05-09'))).toBe(33);
    expect(wholeYears(day('1990-05-10'), day('2024-05-10'))).toBe(34);
    expect(wholeYears(day('2000-02-29'), day('2023-02-28'))).toBe(22);
    expect(wholeYears(day('2000-02-29'), day('2023-03-01'))).toBe(23);
    expect(anniversary(day('2000-02-29'), 23)).toBe(day('2023-03-01'));
    expect(wholeYears(NaN, day('2024-01-01'))).toBeNaN();
    expect([readIsoDay('2024-06-30'), readIsoDay('2024-02-30'), readIsoDay('30/06/2024')]).toEqual([day('2024-06-30'), NaN, NaN]);
  });

  it('finds an age at a visit and an age on a fixed day, and no count from an unrelated number', () => {
    const table = patients(300);
    const found = findRules(table, inferSchema(table), new Rng(1));
    const texts = found.map(describeRule);
    expect(texts).toContain('Age at visit = whole years from Date of birth to Visit date');
    const fixed = found.find((r) => r.kind === 'years' && r.column === 'Age');
    // Any day the ages allow holds on every seed row; the roundest is taken.
    expect(fixed && 'on' in fixed && fixed.on >= '2024-06-27' && fixed.on <= '2024-07-03').toBe(true);
    expect(texts.filter((t) => t.startsWith('Score'))).toEqual([]);
    // The ages' signs follow from the dates.
    expect(texts).not.toContain('Age ≥ 0');
  });

  it('takes 20 rows of a count that matches no date for chance, and needs the count on every row', () => {
    const few = patients(20);
    const shuffled = tableFromColumns(few.names, [few.columns[0], few.columns[1], [...few.columns[2]].reverse(), [...few.columns[3]].reverse(), few.columns[4]]);
    expect(findRules(shuffled, inferSchema(shuffled), new Rng(1)).filter((r) => r.kind === 'years')).toEqual([]);
    const table = patients(300);
    const off = tableFromColumns(table.names, table.columns.map((c, i) => (i === 2 ? c.map((v, r) => (r === 7 ? String(Number(v) + 1) : v)) : c)));
    expect(findRules(off, inferSchema(off), new Rng(1)).map(describeRule)).not.toContain('Age at visit = whole years from Date of birth to Visit date');
  });

  it('reads years from JSON, and refuses a count that is no number, a day that is no day, and a seed that breaks it', () => {
    const table = patients(100);
    const schema = inferSchema(table);
    const rules: Rule[] = [
      { kind: 'years', column: 'Age at visit', from: 'Date of birth', to: 'Visit date' },
      { kind: 'years', column: 'Age', from: 'Date of birth', on: '2024-06-30' },
    ];
    expect(parseRules(JSON.parse(JSON.stringify(rules)))).toEqual(rules);
    expect(() => parseRules([{ kind: 'years', column: 'Age', from: 'Date of birth', to: 'Visit date', on: '2024-06-30' }])).toThrow(/Rule 1 is not one of/);
    expect(() => validateRules(rules, table, schema)).not.toThrow();
    expect(() => validateRules([{ kind: 'years', column: 'Age', from: 'Date of birth', on: '2024-13-01' }], table, schema)).toThrow(/needs a day written like 2024-06-30/);
    expect(() => validateRules([{ kind: 'years', column: 'Visit date', from: 'Date of birth', on: '2024-06-30' }], table, schema)).toThrow(/needs a column of whole numbers/);
    expect(() => validateRules([{ kind: 'years', column: 'Age', from: 'Score', on: '2024-06-30' }], table, schema)).toThrow(/"Score" is a numeric column/);
    expect(() => validateRules([{ kind: 'years', column: 'Age', from: 'Date of birth', on: '2020-01-01' }], table, schema)).toThrow(/breaks the rule "Age = whole years from Date of birth to 2020-01-01" in 100 of 100 rows/);
  });
});

describe('calendar months added to a date', () => {
  it('keeps the day of the month, or the month\'s last day past its end, and the time of day', () => {
    expect(addMonths(day('2024-01-31'), 1)).toBe(day('2024-02-29'));
    expect(addMonths(day('2023-01-31'), 1)).toBe(day('2023-02-28'));
    expect(addMonths(day('2018-03-26'), 60)).toBe(day('2023-03-26'));
    expect(addMonths(day('2024-03-31'), -1)).toBe(day('2024-02-29'));
    expect(addMonths(day('2024-05-10') + 3_600_000, 2)).toBe(day('2024-07-10') + 3_600_000);
    expect(addMonths(day('2024-05-10'), 1.5)).toBeNaN();
  });

  it('finds an end that is the start plus a term in months, reads one from JSON, and refuses an unknown unit', () => {
    const table = loansTable(300);
    const texts = findRules(table, inferSchema(table), new Rng(1)).map(describeRule);
    expect(texts).toContain('End = Start + Term (months)');
    expect(describeRule(parseRules([{ kind: 'sum', total: 'End', parts: ['Start', 'Term (months)'], unit: 'months' }])[0])).toBe('End = Start + Term (months)');
    expect(() => parseRules([{ kind: 'sum', total: 'End', parts: ['Start', 'Term (months)'], unit: 'fortnights' }])).toThrow(/Rule 1 is not one of/);
  });

  it("finds a term's last day, the day before its months on (a grant from the 1st to a month's end), and reads it back", () => {
    const rng = new Rng(5);
    const cols: string[][] = [[], [], []];
    for (let r = 0; r < 200; r++) {
      const start = Date.UTC(2015 + rng.int(8), rng.int(12), 1);
      const months = 12 + 6 * rng.int(9);
      [start, months, addMonths(start, months) - 86_400_000].forEach((x, c) => cols[c].push(c === 1 ? String(x) : new Date(x).toISOString().slice(0, 10)));
    }
    const table = tableFromColumns(['Start', 'Months', 'End'], cols);
    const rules = findRules(table, inferSchema(table), new Rng(1)).filter((r) => r.kind === 'sum');
    expect(rules.map(describeRule)).toEqual(['End = Start + Months, less a day']);
    const back = parseRules(JSON.parse(JSON.stringify(rules)));
    expect(back).toEqual(rules);
    expect(() => validateRules(back, table, inferSchema(table))).not.toThrow();
  });
});
