import type { ColumnSchema } from './schema';

// Which two columns a person would compare: the units their names give.

/** Two dates, or two numbers written alike (no order between dollars and kilograms). */
export function comparable(a: ColumnSchema, b: ColumnSchema): boolean {
  if (a.kind !== b.kind) return false;
  if (a.kind === 'datetime') return true;
  const [sa, sb] = [a.numeric?.style, b.numeric?.style];
  const [ua, ub] = [unitOf(a.name), unitOf(b.name)];
  // Units the names give apart (`Price (€/mo)`, `Discount (%)`) make no order, however the numbers fall.
  if (ua !== null && ub !== null && ua !== ub) return false;
  // A percentage compares only with a percentage (no `Quantity < Discount %`).
  if ((ua === '%') !== (ub === '%')) return false;
  // Money against a count with no unit (`VAT (€) ≥ Quantity`) is no order a person would state, however the numbers fall.
  const count = (c: ColumnSchema, u: string | null) => u === null && c.numeric?.integer === true && !c.numeric.style?.prefix?.trim() && !c.numeric.style?.suffix?.trim() && !MONEY_NAME_RE.test(c.name);
  if ((isMoney(a, ua) && count(b, ub)) || (isMoney(b, ub) && count(a, ua))) return false;
  // So is any other measure against a plain count (`Électricité kWh ≥ Nuits`), or money against a measure (`Duration (min) ≥ Price`).
  if ((ua !== null && ua !== '%' && count(b, ub)) || (ub !== null && ub !== '%' && count(a, ua))) return false;
  if ((isMoney(a, ua) && ub !== null && !MONEY_RE.test(ub)) || (isMoney(b, ub) && ua !== null && !MONEY_RE.test(ua))) return false;
  return (sa?.prefix ?? '').trim() === (sb?.prefix ?? '').trim() && (sa?.suffix ?? '').trim() === (sb?.suffix ?? '').trim();
}

/** Money by its unit, or by a name that says so over numbers in cents (`Paid Amount` 49.90). */
export function isMoney(c: ColumnSchema, unit = unitOf(c.name)): boolean {
  return (unit !== null && MONEY_RE.test(unit)) || (c.numeric?.decimals === 2 && MONEY_NAME_RE.test(c.name));
}

const MONEY_RE = /[$€£¥]|^(usd|eur|gbp|chf|jpy|cad|aud)$/;
const MONEY_NAME_RE = /price|amount|paid|cost|fee|salary|wage|revenue|balance|payment|charge|spend|income|refund|discount|tax|\bpay\b|\btotal\b/i;

// Words in brackets that name a unit; other bracketed words (`(after)`, `(incl. VAT)`) do not.
const UNIT_WORDS = new Set(
  'min mins minutes h hr hrs hours s sec secs seconds ms d days jours j wk weeks semaines mo months mois y yr yrs years ans kg g mg lb lbs oz t km m cm mm mi ft in l ml cl gal usd eur gbp chf jpy cad aud pts points units pcs'.split(' '),
);

// Units a name may end with after a space, unbracketed (`Électricité kWh`, `Distance km`): not
// the short ones a name could end with as a word or a letter (`Size m`, `Plan A`).
const BARE_UNITS = new Set('gb mb tb kwh kw kwc wh mwh kg km mi mm cm m² m2 m³ m3 ml hrs min mins sec secs usd eur gbp chf'.split(' '));

/**
 * The unit a column's name ends with in brackets (`Durée (min)`, `Cost [USD]`, `Price (€/mo)`),
 * or after a space: a symbol (`Net €`, `Discount %`; not the rate in `Fuel 8.5%`), a rate of
 * one (`Tarif €/m/nuit`) or a unit's word (`Électricité kWh`); lower-cased; null where none.
 */
function unitOf(name: string): string | null {
  const bare = /\s([%$€£¥])\s*$/.exec(name);
  if (bare) return bare[1];
  const word = /\s([^\s\d()[\]]+)\s*$/.exec(name)?.[1].toLowerCase();
  if (word !== undefined && (BARE_UNITS.has(word) || /^[$€£¥][^%$€£¥]*\//.test(word))) return word;
  const m = /[([]\s*([^()[\]]+?)\s*[)\]]\s*$/.exec(name);
  const unit = m?.[1].toLowerCase() ?? null;
  return unit !== null && (/[%#$€£¥/]/.test(unit) || UNIT_WORDS.has(unit)) ? unit : null;
}
