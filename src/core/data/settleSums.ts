import { turnSum } from './longSums';
import { countBreaks, ruleColumns, type Rule } from './rules';
import type { ColumnSchema } from './schema';
import type { Table } from './table';

type SumRule = Extract<Rule, { kind: 'sum' }>;

/** The columns a rule writes, where generation builds them from its others. */
export function writesOf(r: Rule): string[] {
  if ('total' in r) return [r.total];
  if (r.kind === 'period') return [r.end];
  const none = r.kind === 'order' || r.kind === 'range' || r.kind === 'zero' || r.kind === 'blank' || r.kind === 'among' || r.kind === 'differ';
  return none ? [] : [r.column];
}

/**
 * Sums whose total another rule also writes (a weight surcharge that is a sum's total and in
 * steps of the weight): one column cannot be written twice, so the sum is turned to total one
 * of its other columns that nothing writes and that feeds none of its parts. Where the only
 * such column feeds a part through rates (a total that a fuel levy is a rate of), the rates go
 * and the sum totals it: the sum says more (Total = Base + Distance + Surcharge + Fuel). Where
 * none is left, the sum goes: listed, it would not be kept.
 */
export function settleSums(rules: Rule[], table: Table, schema: ColumnSchema[]): Rule[] {
  let out = [...rules];
  for (const sum of rules) {
    if (sum.kind !== 'sum' || sum.unit || sum.units || !out.includes(sum)) continue;
    const others = out.filter((r) => r !== sum);
    const written = (c: string) => others.some((r) => writesOf(r).includes(c));
    if (!written(sum.total)) continue;
    const members = [sum.total, ...sum.parts, ...(sum.minus ?? [])];
    // The last part first: a table lists the balance last (the credit, then the tax due).
    const candidates = [...[...sum.parts].reverse(), ...(sum.minus ?? [])];
    // Rules that write a column of the sum from `c`: a total written from them would go round in a circle.
    const feeders = (c: string) => others.filter((r) => ruleColumns(r).includes(c) && writesOf(r).some((w) => members.includes(w) && w !== c));
    const turned = (c: string) => turnRule(sum, c);
    const holds = (s: SumRule) => countBreaks(table, schema, s) === 0;
    const free = candidates.find((c) => !written(c) && feeders(c).length === 0 && holds(turned(c)));
    if (free) {
      out = out.map((r) => (r === sum ? turned(free) : r));
      continue;
    }
    const byRates = candidates.find((c) => !written(c) && feeders(c).every((r) => r.kind === 'rate') && holds(turned(c)));
    if (byRates) {
      const dropped = new Set(feeders(byRates));
      out = out.filter((r) => !dropped.has(r)).map((r) => (r === sum ? turned(byRates) : r));
      continue;
    }
    out = out.filter((r) => r !== sum);
  }
  return out;
}

/** The sum rule written with `column` as its total. */
function turnRule(sum: SumRule, column: string): SumRule {
  const turned = turnSum({ total: sum.total, parts: sum.parts, minus: sum.minus ?? [] }, column);
  return { kind: 'sum', total: turned.total, parts: turned.parts, ...(turned.minus.length > 0 && { minus: turned.minus }) };
}
