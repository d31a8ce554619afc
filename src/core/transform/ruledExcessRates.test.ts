import { describe, expect, it } from 'vitest';
import { findRules } from '../data/findRules';
import { describeRule, parseRules, type Rule } from '../data/rules';
import { inferSchema } from '../data/schema';
import { tableFromColumns, type Table } from '../data/table';
import { Rng } from '../util/rng';
import { breaksWithoutRules, decodedWithRules } from './keptRules';

const DAY = 86_400_000;
const iso = (ms: number) => new Date(ms).toISOString().slice(0, 10);

/** Charging sessions: an idle fee of 0.40 a minute plugged in past the charge and 30 minutes' grace. */
function sessions(rows: number, seed: number): Table {
  const rng = new Rng(seed);
  const charging = Array.from({ length: rows }, () => 10 + rng.int(90));
  const connected = charging.map((c) => c + (rng.next() < 0.5 ? 0 : rng.int(70)));
  const fee = connected.map((x, r) => Math.max(0, x - charging[r] - 30) * 0.4);
  return tableFromColumns(['Connected (min)', 'Charging (min)', 'Idle Fee (£)'], [connected.map(String), charging.map(String), fee.map((f) => f.toFixed(2))]);
}

/** Library loans: a fine of 0.25 a day past the due date and a week's grace; some still out. */
function loans(rows: number, seed: number): Table {
  const rng = new Rng(seed);
  const cols: (string | null)[][] = [[], [], []];
  for (let r = 0; r < rows; r++) {
    const due = Date.UTC(2024, 0, 1) + rng.int(300) * DAY;
    const back = due + (rng.int(30) - 10) * DAY;
    const out = rng.next() < 0.1;
    cols[0].push(iso(due));
    cols[1].push(out ? null : iso(back));
    cols[2].push(out ? null : (Math.max(0, (back - due) / DAY - 7) * 0.25).toFixed(2));
  }
  return tableFromColumns(['Due', 'Returned', 'Fine'], cols);
}

/** Whether every rule found holds on each of 20,000 rows decoded from random model output, and `rule` fails without it. */
function keptAndNeeded(table: Table, rule: Rule): void {
  const schema = inferSchema(table);
  const rules = findRules(table, schema, new Rng(1));
  expect(rules).toContainEqual(rule);
  const decoded = decodedWithRules(table, schema, rules);
  expect(decoded.table.rowCount).toBeGreaterThan(2_000);
  expect(decoded.broken).toEqual({});
  expect(breaksWithoutRules(table, schema, rule)).toBeGreaterThan(500);
}

describe('a rate on the part of a number past a threshold', () => {
  it('finds and keeps an idle fee a minute past a grace on a difference of two numbers', () => {
    const rule: Rule = { kind: 'excess', column: 'Idle Fee (£)', of: 'Connected (min)', over: 30, minus: 'Charging (min)', rate: 0.4 };
    expect(describeRule(rule)).toBe('Idle Fee (£) = 0.4 × the part of Connected (min) above Charging (min) + 30, else 0');
    expect(parseRules([rule])).toEqual([rule]);
    keptAndNeeded(sessions(500, 2), rule);
  });

  it('finds and keeps a fine a day past a week after the due date', () => {
    const rule: Rule = { kind: 'excess', column: 'Fine', of: 'Returned', over: 7, since: 'Due', rate: 0.25 };
    expect(describeRule(rule)).toBe('Fine = 0.25 × the days from Due to Returned past 7, else 0');
    keptAndNeeded(loans(500, 3), rule);
  });

  it('is not found where the fee is shuffled apart from the minutes, on 500 rows or 20', () => {
    for (const rows of [500, 20]) {
      const table = sessions(rows, 2);
      const rng = new Rng(5);
      const fees = [...table.columns[2]];
      for (let i = fees.length - 1; i > 0; i--) {
        const j = rng.int(i + 1);
        [fees[i], fees[j]] = [fees[j], fees[i]];
      }
      const shuffled = tableFromColumns(table.names, [table.columns[0], table.columns[1], fees]);
      expect(findRules(shuffled, inferSchema(shuffled), new Rng(1)).filter((r) => r.kind === 'excess')).toEqual([]);
    }
  });
});
