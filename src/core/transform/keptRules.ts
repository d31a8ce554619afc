import { countBreaks, describeRule, type Rule } from '../data/rules';
import type { ColumnSchema } from '../data/schema';
import type { Table } from '../data/table';
import { Rng } from '../util/rng';
import { TableTransformer } from './transformer';
import { untrainedRows } from './untrained';

// What the rule tests ask of every rule kind: rows decoded from random model output keep it,
// and rows decoded without it break it.

/** Rows decoded, with `rules`, from `rows` rows of random model output; and the rules some of them break, with how many, by description. */
export function decodedWithRules(table: Table, schema: ColumnSchema[], rules: Rule[], rows = 20_000): { table: Table; broken: Record<string, number> } {
  const transformer = new TableTransformer(table, schema, 1, { rules });
  const decoded = transformer.decodeChecked(untrainedRows(transformer.layout.width, rows, 3), rows, new Rng(4)).table;
  const breaks = rules.map((r) => [describeRule(r), countBreaks(decoded, schema, r)] as const);
  return { table: decoded, broken: Object.fromEntries(breaks.filter(([, n]) => n > 0)) };
}

/** Rows breaking `rule` among `rows` decoded from random model output with no rules at all. */
export function breaksWithoutRules(table: Table, schema: ColumnSchema[], rule: Rule, rows = 2_000): number {
  const plain = new TableTransformer(table, schema, 1, { rules: [] });
  return countBreaks(plain.decode(untrainedRows(plain.layout.width, rows, 3), rows, new Rng(4)), schema, rule);
}
