import { describe, expect, it } from 'vitest';
import { findRules } from '../core/data/findRules';
import { describeRule } from '../core/data/rules';
import { inferSchema } from '../core/data/schema';
import { Rng } from '../core/util/rng';
import { smallTables } from './smallTables';

describe("the suite's orders table", () => {
  it('keeps the signs of its unit price and quantity beside their product (not taken as implied by a ratio left out)', () => {
    const orders = smallTables().find((t) => t.name === 'orders')!.table;
    const rules = findRules(orders, inferSchema(orders), new Rng(1)).map(describeRule);
    expect(rules).toEqual(expect.arrayContaining(['unit_price ≥ 0', 'quantity ≥ 1', 'subtotal = unit_price × quantity']));
    expect(rules.filter((r) => r.includes(' / '))).toEqual([]);
  });
});
