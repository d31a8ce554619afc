/**
 * A total of three or four numbers: a base plus a rate times an amount (`Freight = Base fee +
 * Rate €/kg × Weight`), three or four numbers multiplied (`Amount = Seats × Price × Months`), or
 * two or three multiplied less a percentage of their product (`Subtotal = Tickets × Price × (100
 * − Discount %) / 100`, `Fee = Length × Tariff × Nights × (100 − Discount %) / 100`), or two
 * added less a percentage (`Net = (Equipment + Labour) × (100 − Discount %) / 100`).
 */
export type FormulaForm = 'plus-times' | 'times' | 'times-off' | 'plus-off' | 'times4' | 'times3-off';
export type FormulaRule = { kind: 'formula'; total: string; form: FormulaForm; parts: string[] };
export const FORMULA_FORMS: readonly FormulaForm[] = ['plus-times', 'times', 'times-off', 'plus-off', 'times4', 'times3-off'];
/** Forms of four parts; the others take three. */
const FOUR_PARTS: readonly FormulaForm[] = ['times4', 'times3-off'];

/** How many parts a formula of `form` takes. */
export function formulaArity(form: FormulaForm): number {
  return FOUR_PARTS.includes(form) ? 4 : 3;
}

/** What a formula of `form` gives for its parts. */
export function formulaValue(form: FormulaForm, [a, b, c, d]: readonly number[]): number {
  if (form === 'plus-times') return a + b * c;
  if (form === 'times') return a * b * c;
  if (form === 'plus-off') return ((a + b) * (100 - c)) / 100;
  if (form === 'times4') return a * b * c * d;
  if (form === 'times3-off') return (a * b * c * (100 - d)) / 100;
  return (a * b * (100 - c)) / 100;
}

export function describeFormula(rule: FormulaRule): string {
  const [a, b, c, d] = rule.parts;
  if (rule.form === 'plus-times') return `${rule.total} = ${a} + ${b} × ${c}`;
  if (rule.form === 'times') return `${rule.total} = ${a} × ${b} × ${c}`;
  if (rule.form === 'plus-off') return `${rule.total} = (${a} + ${b}) × (100 − ${c}) / 100`;
  if (rule.form === 'times4') return `${rule.total} = ${a} × ${b} × ${c} × ${d}`;
  if (rule.form === 'times3-off') return `${rule.total} = ${a} × ${b} × ${c} × (100 − ${d}) / 100`;
  return `${rule.total} = ${a} × ${b} × (100 − ${c}) / 100`;
}

/** A formula rule from its JSON entry, or null where the entry is not one. */
export function parseFormula(e: Record<string, unknown>): FormulaRule | null {
  const { total, form, parts } = e;
  if (e.kind !== 'formula' || typeof total !== 'string' || total === '' || !FORMULA_FORMS.includes(form as FormulaForm)) return null;
  if (!Array.isArray(parts) || parts.length !== formulaArity(form as FormulaForm)) return null;
  if (!parts.every((p): p is string => typeof p === 'string' && p !== '')) return null;
  return { kind: 'formula', total, form: form as FormulaForm, parts: [...parts] };
}
