/**
 * A total of three numbers: a base plus a rate times an amount (`Freight = Base fee + Rate €/kg
 * × Weight`), three numbers multiplied (`Amount = Seats × Price × Months`), or two multiplied
 * less a percentage of their product (`Subtotal = Tickets × Price × (100 − Discount %) / 100`), or
 * two added less a percentage (`Net = (Equipment + Labour) × (100 − Discount %) / 100`).
 */
export type FormulaForm = 'plus-times' | 'times' | 'times-off' | 'plus-off';
export type FormulaRule = { kind: 'formula'; total: string; form: FormulaForm; parts: [string, string, string] };
export const FORMULA_FORMS: readonly FormulaForm[] = ['plus-times', 'times', 'times-off', 'plus-off'];

/** What a formula of `form` gives for its three parts. */
export function formulaValue(form: FormulaForm, a: number, b: number, c: number): number {
  if (form === 'plus-times') return a + b * c;
  if (form === 'times') return a * b * c;
  if (form === 'plus-off') return ((a + b) * (100 - c)) / 100;
  return (a * b * (100 - c)) / 100;
}

export function describeFormula(rule: FormulaRule): string {
  const [a, b, c] = rule.parts;
  if (rule.form === 'plus-times') return `${rule.total} = ${a} + ${b} × ${c}`;
  if (rule.form === 'times') return `${rule.total} = ${a} × ${b} × ${c}`;
  if (rule.form === 'plus-off') return `${rule.total} = (${a} + ${b}) × (100 − ${c}) / 100`;
  return `${rule.total} = ${a} × ${b} × (100 − ${c}) / 100`;
}

/** A formula rule from its JSON entry, or null where the entry is not one. */
export function parseFormula(e: Record<string, unknown>): FormulaRule | null {
  const { total, form, parts } = e;
  if (e.kind !== 'formula' || typeof total !== 'string' || total === '' || !FORMULA_FORMS.includes(form as FormulaForm)) return null;
  if (!Array.isArray(parts) || parts.length !== 3 || !parts.every((p) => typeof p === 'string' && p !== '')) return null;
  return { kind: 'formula', total, form: form as FormulaForm, parts: [parts[0], parts[1], parts[2]] };
}
