import { findRules } from '../data/findRules';
import { describeRuleIn, validateRules, type Rule } from '../data/rules';
import type { ColumnSchema } from '../data/schema';
import type { Table } from '../data/table';
import { InputError } from '../util/errors';
import { Rng } from '../util/rng';
import type { RuleView } from './types';

/** A change the user makes in the Rules panel (or a script makes for them). */
export type RuleChange =
  | { type: 'keepRule'; text: string; keep: boolean }
  | { type: 'removeRule'; text: string }
  | { type: 'addRule'; rule: Rule };

/**
 * The rules of the seed under `schema`, keeping the user's choices: a found rule they unticked
 * stays unticked, and a rule they added stays while the columns still allow it.
 */
export function withFound(table: Table, schema: ColumnSchema[], before: RuleView[]): RuleView[] {
  const kept = new Map(before.map((r) => [r.text, r.keep]));
  const found = findRules(table, schema, new Rng(1)).map((rule): RuleView => {
    const text = describeRuleIn(rule, schema);
    return { rule, text, origin: 'found', keep: kept.get(text) ?? true };
  });
  const added = before.filter((r) => r.origin === 'added' && !found.some((f) => f.text === r.text) && allows(r.rule, table, schema));
  return [...found, ...added];
}

/** Rules given whole (a `--rules` file): every one kept, none found. */
export function givenRules(rules: Rule[], table: Table, schema: ColumnSchema[]): RuleView[] {
  validateRules(rules, table, schema);
  return rules.map((rule) => ({ rule, text: describeRuleIn(rule, schema), origin: 'added', keep: true }));
}

/** The list after `change`; refused (InputError) when the kept rules would not hold on the seed. */
export function changeRules(rules: RuleView[], change: RuleChange, table: Table, schema: ColumnSchema[]): RuleView[] {
  if (change.type === 'removeRule') return rules.filter((r) => r.text !== change.text);
  if (change.type === 'keepRule') {
    const next = rules.map((r) => (r.text === change.text ? { ...r, keep: change.keep } : r));
    validateRules(kept(next), table, schema);
    return next;
  }
  const text = describeRuleIn(change.rule, schema);
  if (rules.some((r) => r.text === text)) throw new InputError(`The rule "${text}" is already in the list.`);
  validateRules([...kept(rules), change.rule], table, schema);
  return [...rules, { rule: change.rule, text, origin: 'added', keep: true }];
}

export function kept(rules: RuleView[]): Rule[] {
  return rules.filter((r) => r.keep).map((r) => r.rule);
}

function allows(rule: Rule, table: Table, schema: ColumnSchema[]): boolean {
  try {
    validateRules([rule], table, schema);
    return true;
  } catch {
    return false;
  }
}
