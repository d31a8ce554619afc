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
  // Money by its unit, or by a name that says so over numbers in cents (`Paid Amount` 49.90).
  const money = (c: ColumnSchema, u: string | null) => (u !== null && MONEY_RE.test(u)) || (c.numeric?.decimals === 2 && !c.numeric.integer && MONEY_NAME_RE.test(c.name));
  const count = (c: ColumnSchema, u: string | null) => u === null && c.numeric?.integer === true && !c.numeric.style?.prefix?.trim() && !c.numeric.style?.suffix?.trim() && !MONEY_NAME_RE.test(c.name);
  if ((money(a, ua) && count(b, ub)) || (money(b, ub) && count(a, ua))) return false;
  return (sa?.prefix ?? '').trim() === (sb?.prefix ?? '').trim() && (sa?.suffix ?? '').trim() === (sb?.suffix ?? '').trim();
}

const MONEY_RE = /[$€£¥]|^(usd|eur|gbp|chf|jpy|cad|aud)$/;
const MONEY_NAME_RE = /price|amount|paid|cost|fee|salary|wage|revenue|balance|payment|charge|spend|income|refund|discount|tax|\bpay\b|\btotal\b/i;

// Words in brackets that name a unit; other bracketed words (`(after)`, `(incl. VAT)`) do not.
const UNIT_WORDS = new Set(
  'min mins minutes h hr hrs hours s sec secs seconds ms d days jours j wk weeks semaines mo months mois y yr yrs years ans kg g mg lb lbs oz t km m cm mm mi ft in l ml cl gal usd eur gbp chf jpy cad aud pts points units pcs'.split(' '),
);

/**
 * The unit a column's name ends with in brackets (`Durée (min)`, `Cost [USD]`, `Price (€/mo)`),
 * or a symbol after a space (`Net €`, `Discount %`; not the rate in `Fuel 8.5%`), lower-cased; null where none.
 */
function unitOf(name: string): string | null {
  const bare = /\s([%$€£¥])\s*$/.exec(name);
  if (bare) return bare[1];
  const m = /[([]\s*([^()[\]]+?)\s*[)\]]\s*$/.exec(name);
  const unit = m?.[1].toLowerCase() ?? null;
  return unit !== null && (/[%#$€£¥/]/.test(unit) || UNIT_WORDS.has(unit)) ? unit : null;
}
