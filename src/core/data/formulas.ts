/**
 * A total of three or four numbers: a base plus a rate times an amount (`Freight = Base fee +
 * Rate €/kg × Weight`), three or four numbers multiplied (`Amount = Seats × Price × Months`), or
 * two or three multiplied less a percentage of their product (`Subtotal = Tickets × Price × (100
 * − Discount %) / 100`, `Fee = Length × Tariff × Nights × (100 − Discount %) / 100`), or two
 * added less a percentage (`Net = (Equipment + Labour) × (100 − Discount %) / 100`).
 */
/**
 * A fixed rate of two numbers' difference or sum, of three numbers' sum or product (`Volume L =
 * Length × Width × Height × 0.001`), or of a difference's share of its first number (`Discount %
 * = (List − Sale) / List × 100`).
 */
export type RatedForm = 'rate-less' | 'rate-plus' | 'rate-plus3' | 'rate-times3' | 'rate-share';

/** What the parts of a rated form combine to, before the rate. */
export function ratedBase(form: RatedForm, [a, b, c]: readonly number[]): number {
  if (form === 'rate-times3') return a * b * c;
  if (form === 'rate-share') return (a - b) / a;
  return form === 'rate-less' ? a - b : form === 'rate-plus' ? a + b : a + b + c;
}

/** A rate of one number capped at another (`Child Credit = the lesser of Dependants × 2000 and Tax`). */
export type FormulaForm = 'plus-times' | 'times' | 'times-off' | 'plus-off' | 'times4' | 'times3-off' | RatedForm | 'rate-capped';
/** With a rated form, `rate` is the fixed rate of the parts' difference or sum. */
export type FormulaRule = { kind: 'formula'; total: string; form: FormulaForm; parts: string[]; rate?: number };
export const FORMULA_FORMS: readonly FormulaForm[] = ['plus-times', 'times', 'times-off', 'plus-off', 'times4', 'times3-off', 'rate-less', 'rate-plus', 'rate-plus3', 'rate-times3', 'rate-share', 'rate-capped'];
const RATED: readonly FormulaForm[] = ['rate-less', 'rate-plus', 'rate-plus3', 'rate-times3', 'rate-share'];
const isRated = (form: FormulaForm): form is RatedForm => RATED.includes(form);
/** Forms that carry a rate. */
const withRate = (form: FormulaForm) => isRated(form) || form === 'rate-capped';

/** How many parts a formula of `form` takes. */
export function formulaArity(form: FormulaForm): number {
  if (form === 'rate-less' || form === 'rate-plus' || form === 'rate-share' || form === 'rate-capped') return 2;
  return form === 'times4' || form === 'times3-off' ? 4 : 3;
}

/** What a formula of `form` gives for its parts (and its rate, for a rated form). */
export function formulaValue(form: FormulaForm, [a, b, c, d]: readonly number[], rate = NaN): number {
  if (isRated(form)) return rate * ratedBase(form, [a, b, c]);
  if (form === 'rate-capped') return Math.min(rate * a, b);
  if (form === 'plus-times') return a + b * c;
  if (form === 'times') return a * b * c;
  if (form === 'plus-off') return ((a + b) * (100 - c)) / 100;
  if (form === 'times4') return a * b * c * d;
  if (form === 'times3-off') return (a * b * c * (100 - d)) / 100;
  return (a * b * (100 - c)) / 100;
}

export function describeFormula(rule: FormulaRule): string {
  const [a, b, c, d] = rule.parts;
  if (rule.form === 'rate-less') return `${rule.total} = (${a} − ${b}) × ${rule.rate}`;
  if (rule.form === 'rate-plus') return `${rule.total} = (${a} + ${b}) × ${rule.rate}`;
  if (rule.form === 'rate-plus3') return `${rule.total} = (${a} + ${b} + ${c}) × ${rule.rate}`;
  if (rule.form === 'rate-times3') return `${rule.total} = ${a} × ${b} × ${c} × ${rule.rate}`;
  if (rule.form === 'rate-share') return `${rule.total} = (${a} − ${b}) / ${a} × ${rule.rate}`;
  if (rule.form === 'rate-capped') return `${rule.total} = the lesser of ${a} × ${rule.rate} and ${b}`;
  if (rule.form === 'plus-times') return `${rule.total} = ${a} + ${b} × ${c}`;
  if (rule.form === 'times') return `${rule.total} = ${a} × ${b} × ${c}`;
  if (rule.form === 'plus-off') return `${rule.total} = (${a} + ${b}) × (100 − ${c}) / 100`;
  if (rule.form === 'times4') return `${rule.total} = ${a} × ${b} × ${c} × ${d}`;
  if (rule.form === 'times3-off') return `${rule.total} = ${a} × ${b} × ${c} × (100 − ${d}) / 100`;
  return `${rule.total} = ${a} × ${b} × (100 − ${c}) / 100`;
}

/** A formula rule from its JSON entry, or null where the entry is not one. */
export function parseFormula(e: Record<string, unknown>): FormulaRule | null {
  const { total, form, parts, rate } = e;
  if (e.kind !== 'formula' || typeof total !== 'string' || total === '' || !FORMULA_FORMS.includes(form as FormulaForm)) return null;
  if (!Array.isArray(parts) || parts.length !== formulaArity(form as FormulaForm)) return null;
  if (!parts.every((p): p is string => typeof p === 'string' && p !== '')) return null;
  // A rate with a rated form, and only then: a finite number other than 0.
  const rated = withRate(form as FormulaForm);
  if (rated !== (rate !== undefined) || (rated && (typeof rate !== 'number' || !Number.isFinite(rate) || rate === 0))) return null;
  return { kind: 'formula', total, form: form as FormulaForm, parts: [...parts], ...(rated && { rate: rate as number }) };
}
