import type { Rng } from '../util/rng';
import { annuityPayment, canDecideBlanks, DAY_MS, yearOf, PRODUCT_FORMS, ratioOf, type ProductForm, closeTo, countBreaks, dateSumTolerance, readColumns, ruleColumns, sumTolerance, TIME_UNITS, type Rule, type SumUnit, type TimeUnit, type YearsRule } from './rules';
import { datePart, findParts, type DatePart } from './dateParts';
import { addMonths, findYears, isoDay, wholeYears } from './years';
import { affineRates } from './affineRates';
import { productRates, rateRule, rateRules, type FoundRate } from './findRates';
import { stepRules } from './findSteps';
import { flagRules, logChoose } from './findFlags';
import { lookupRules } from './lookups';
import { bracketsRules } from './brackets';
import { formulaValue, type FormulaForm } from './formulas';
import { settleSums, writesOf } from './settleSums';
import { comparable, isMoney } from './units';
import { dateExcessRules, excessRules, minusExcessRules } from './excess';
import { ratesOfSums } from './rateOfSums';
import { cappedRates } from './cappedRates';
import { amongRules, differRules } from './pairings';
import { periodRules } from './periods';
import { fourPartSums, oneTotalEach, percentOf, percentOff, threePartSums, times, weighted, type Combine, type Holds, type Sum } from './longSums';
import { isModelled, numberReader, type ColumnSchema } from './schema';
import { selectRows, type Table } from './table';

// A sign or a sum is proposed only when the seed makes a chance match this unlikely (natural log),
// as for columns that follow another.
const MAX_LOG_CHANCE = -20;
// An order is proposed when chance would give it at odds below 1 in 10,000, and below 1 in 100
// that any of the table's comparable pairs gives one (a Bonferroni bound): a leaving date after
// each of 41 hiring dates (chance 1 in 15,000, most leaving dates being late) is a rule; 20 rows
// of two columns that mostly fall in order anyway (chance 1 in 40) are not.
const ORDER_CHANCE = 1e-4;
const ORDER_FAMILY_CHANCE = 0.01;
/** Whether `middle` is a number on every row where both `low` and `high` are. */
function presentWith(middle: Float64Array, low: Float64Array, high: Float64Array): boolean {
  for (let r = 0; r < middle.length; r++) if (Number.isNaN(middle[r]) && !Number.isNaN(low[r] + high[r])) return false;
  return true;
}

/** Mean of |x| over the numbers of a column. */
function meanAbs(xs: Float64Array): number {
  let [sum, n] = [0, 0];
  for (const x of xs) if (!Number.isNaN(x)) [sum, n] = [sum + Math.abs(x), n + 1];
  return n === 0 ? 0 : sum / n;
}

// A ratio's forms, each searched as what the rule judges: a / b, in percent, over b², over b² in cm (a BMI).
const RATIO_FORMS = ['per', 'share', 'square', 'squareCm'] as const;
const ratioCombine = (form: (typeof RATIO_FORMS)[number] | 'ceil'): Combine => ([a, b]) => ratioOf(PRODUCT_FORMS[form], a, b);

// A category or count with more values than this is not searched as what makes another column blank.
const MAX_WHEN_VALUES = 50;
const MIN_ROWS = 10;
// Columns past this many are not searched for sums (the search is cubic in columns), nor for
// blanks or zeros together (quadratic: 1,000 columns would be a million passes over the rows).
const MAX_SUM_COLUMNS = 60;
// Sums of three or four parts are searched among this many columns, filled on this share of rows at least.
const MAX_LONG_SUM_COLUMNS = 30;
const MIN_FILLED = 0.5;
const MAX_PAIR_COLUMNS = 60;
const SUM_PROBES = 2000;
// Rows searched for rules; far more than chance needs (a rule is proposed on a few hundred).
const SEARCH_ROWS = 20_000;

/**
 * Rules every row of the seed obeys and chance does not explain: orders between two number
 * or two date columns, a sign, sums of two columns (or a date plus a number of days), products
 * of two number columns, and a column blank exactly on some values
 * of a category or count, and numbers 0 together. Implied orders (a ≤ c beside a ≤ b ≤ c, or
 * t ≥ a beside t = a + b, b ≥ 0) and signs (t ≥ 0 beside t = a + b, a, b ≥ 0) are left out.
 */
export function findRules(table: Table, schema: ColumnSchema[], rng: Rng): Rule[] {
  let found: Rule[];
  // Each rule found is checked on every row: on a large table the search runs on a sample, and
  // no search may hand the user a rule its own seed breaks (a blank rule read the wrong way
  // round once stopped a run with "your data breaks the rule in 600 of 600 rows").
  const sample = table.rowCount <= SEARCH_ROWS ? table : selectRows(table, Array.from({ length: SEARCH_ROWS }, () => rng.int(table.rowCount)));
  found = search(sample, schema, rng).filter((rule) => countBreaks(table, schema, rule) === 0);
  found = settleSums(found, table, schema);
  // A rate by category that runs a product backwards (a booking's minutes as its fee × 4.2857… by
  // tier, beside fee = hourly rate × minutes / 60, the rate fixed by the tier) says nothing more.
  const partOf = (p: Rule, total: string, part: string) =>
    p.kind === 'product' || p.kind === 'formula' ? p.total === total && p.parts.includes(part) : p.kind === 'rate' && p.total === total && p.times !== undefined && [p.of, p.times].includes(part);
  const backwards = (r: Rule) => r.kind === 'rate' && 'by' in r && found.some((p) => p !== r && partOf(p, r.of, r.total));
  found = found.filter((r) => !backwards(r));
  // Categories that go together only so, or never match, are counted on every row (a sample
  // misses rare pairings), where no rule found already ties the two. A blank rule ties only
  // blanks: a contractor blank for in-house repairs still keeps to its trade where it is given.
  const differs = differRules(table, schema, MAX_LOG_CHANCE);
  const pairings = [...amongRules(table, schema, MAX_LOG_CHANCE, differs), ...differs];
  const ties = (r: Rule, p: Rule) => r.kind !== 'blank' && ruleColumns(p).every((c) => ruleColumns(r).includes(c));
  return [...found, ...pairings.filter((p) => !found.some((r) => ties(r, p)))];
}

function search(table: Table, schema: ColumnSchema[], rng: Rng): Rule[] {
  const candidates = schema.filter((c) => isModelled(c) && (c.kind === 'numeric' || c.kind === 'datetime'));
  const values = readColumns(table, schema, candidates.map((c) => c.name));
  const rules: Rule[] = [];
  const pairs: [number, number][] = [];
  for (let i = 0; i < candidates.length; i++) {
    for (let j = 0; j < candidates.length; j++) if (i !== j && comparable(candidates[i], candidates[j])) pairs.push([i, j]);
  }
  const maxLogChance = Math.log(Math.min(ORDER_CHANCE, ORDER_FAMILY_CHANCE / pairs.length));
  const orders = pairs.filter(([i, j]) => orderHolds(values[i], values[j], maxLogChance));
  const holds = new Set(orders.map(([i, j]) => `${i},${j}`));
  const signs = new Set(candidates.flatMap((c, i) => (c.kind === 'numeric' && signHolds(values[i]) ? [i] : [])));
  const sums: Sum[] = [];
  // A product's total, its parts, and its form: t = a × b, a × b / 100 (b a percentage), a × (100 − b) / 100 (a less b %),
  // a / b (a price per m²), or a / b × 100 (a share in percent).
  const products: [number, number, number, ProductForm][] = [];
  // Quotients rounded up, taken after rates: guests = ⌈tourist tax / nights⌉ holds where the tax is guests × nights × 0.88.
  const ceilings: [number, number, number, ProductForm][] = [];
  const numeric = candidates.map((c, i) => [c, i] as const).filter(([c]) => c.kind === 'numeric').slice(0, MAX_SUM_COLUMNS);
  const tolerances = candidates.map((c) => sumTolerance(c));
  const holdsFor: Holds = (t, inputs, combine, odds = MAX_LOG_CHANCE) =>
    formulaHolds(values[t], inputs.map((k) => values[k]), tolerances[t], combine, odds, rng);
  const plus = weighted([1, 1]);
  // Each total is one of C(m − 1, 2) pairs, added, multiplied, taken as a percentage of each
  // other, one less the other as a percentage, or one over the other, plainly, in percent, over
  // its square or over its square in cm (a BMI) (these five either way round): thirteen formulas.
  const m = numeric.length;
  const pairOdds = MAX_LOG_CHANCE - Math.log(Math.max(1, (13 * m * (m - 1) * (m - 2)) / 2));
  for (const [, t] of numeric) {
    for (const [, i] of numeric) {
      for (const [, j] of numeric) {
        if (j <= i || i === t || j === t) continue;
        if (holdsFor(t, [i, j], plus, pairOdds)) sums.push({ total: t, parts: [i, j], minus: [] });
        else if (holdsFor(t, [i, j], times, pairOdds)) products.push([t, i, j, 'times']);
        else if (holdsFor(t, [i, j], percentOf, pairOdds)) products.push([t, i, j, 'percent']);
        else if (holdsFor(t, [i, j], percentOff, pairOdds)) products.push([t, i, j, 'off']);
        else if (holdsFor(t, [j, i], percentOff, pairOdds)) products.push([t, j, i, 'off']);
        // A whole-number quotient passes within its half-unit by rounding alone (a quantity as a
        // discounted total over the unit price): ratios are searched for totals with decimals.
        else if (!candidates[t].numeric?.integer) {
          const ratio = RATIO_FORMS.flatMap((form) => [[i, j, form] as const, [j, i, form] as const]).find(([a, b, form]) => holdsFor(t, [a, b], ratioCombine(form), pairOdds));
          if (ratio) products.push([t, ratio[0], ratio[1], ratio[2]]);
        } else {
          // A whole number that is a quotient rounded up (the crates a quantity fills), where some quotient is not whole.
          const ceil = ([[i, j], [j, i]] as const).find(([a, b]) => roundsUpFar(values[t], values[a], values[b]) && holdsFor(t, [a, b], ratioCombine('ceil'), pairOdds));
          if (ceil) ceilings.push([t, ceil[0], ceil[1], 'ceil']);
        }
      }
    }
  }
  // A loan's instalment from its principal, yearly rate in percent (0 to 100) and whole term in
  // months (1 to 1,200): each total with each principal, rate and term, in the odds.
  const rateLike = numeric.filter(([, k]) => values[k].every((x) => Number.isNaN(x) || (x >= 0 && x <= 100)));
  const termLike = numeric.filter(([c]) => c.numeric?.integer && c.numeric.min >= 1 && c.numeric.max <= 1200);
  const loanOdds = MAX_LOG_CHANCE - Math.log(Math.max(1, m * m * rateLike.length * termLike.length));
  const instalment: Combine = ([p, a, n]) => annuityPayment(p, a, n);
  const annuities: [number, number, number, number][] = [];
  for (const [, t] of termLike.length && rateLike.length ? numeric : []) {
    for (const [, p] of numeric) {
      for (const [, a] of rateLike) {
        for (const [, n] of termLike) {
          if (new Set([t, p, a, n]).size < 4 || annuities.some(([u]) => u === t)) continue;
          if (holdsFor(t, [p, a, n], instalment, loanOdds)) annuities.push([t, p, a, n]);
        }
      }
    }
  }
  // Longer sums are searched among columns filled on most rows, where a few rows screen them fast.
  const filled = numeric
    .map(([, i]) => i)
    .filter((i) => values[i].reduce((n, x) => n + (Number.isNaN(x) ? 0 : 1), 0) >= MIN_FILLED * table.rowCount)
    .slice(0, MAX_LONG_SUM_COLUMNS);
  const sparse = numeric.map(([, i]) => i).filter((i) => !filled.includes(i) && values[i].some((x) => !Number.isNaN(x) && x !== 0));
  sums.push(...threePartSums(filled, sums, values, tolerances, holdsFor, MAX_LOG_CHANCE, sparse.slice(0, MAX_LONG_SUM_COLUMNS)));
  sums.push(...fourPartSums(filled, sums, values, tolerances, holdsFor, MAX_LOG_CHANCE));
  // A date a number of days or weeks after another (check-out = check-in + nights), or of hours, minutes
  // or seconds where the date has a time of day (clock-out = clock-in + hours), or of calendar
  // months where the number is whole (a loan's end from its start and term).
  const dates = candidates.map((c, i) => [c, i] as const).filter(([c]) => c.kind === 'datetime').slice(0, MAX_SUM_COLUMNS);
  const plusMonths: Combine = ([start, n]) => addMonths(start, n);
  // A term's last day: the day before as many months on (a grant from the 1st to a month's end).
  const monthsLessADay: Combine = ([start, n]) => addMonths(start, n) - DAY_MS;
  const bothEndsIn = (t: number, i: number, j: number) => {
    const tol = dateSumTolerance({ total: candidates[t].name, parts: [candidates[i].name, candidates[j].name] }, schema);
    return formulaHolds(values[t], [values[i], values[j]], tol, ([s, n]) => s + (n - 1) * DAY_MS, MAX_LOG_CHANCE - Math.log(6), rng);
  };
  const monthsEndIn = (t: number, i: number, j: number, odds: number) => {
    const tol = dateSumTolerance({ total: candidates[t].name, parts: [candidates[i].name, candidates[j].name], unit: 'months' }, schema);
    return formulaHolds(values[t], [values[i], values[j]], tol, monthsLessADay, odds, rng);
  };
  for (const [total, t] of dates) {
    const clock = (Object.keys(TIME_UNITS) as TimeUnit[]).filter((u) => u === 'days' || u === 'weeks' || (total.date?.time ?? 'none') !== 'none');
    const units: SumUnit[] = [...clock, 'months'];
    const dated = (total.date?.time ?? 'none') === 'none';
    const odds = MAX_LOG_CHANCE - Math.log(units.length + Number(dated));
    for (const [start, i] of dates) {
      if (i === t) continue;
      for (const [part, j] of numeric) {
        const unit = units.find((u) => {
          if (u === 'months' && !part.numeric?.integer) return false;
          const tol = dateSumTolerance({ total: total.name, parts: [start.name, part.name], unit: u }, schema);
          return formulaHolds(values[t], [values[i], values[j]], tol, u === 'months' ? plusMonths : weighted([1, TIME_UNITS[u]]), odds, rng);
        });
        if (unit) sums.push({ total: t, parts: [i, j], minus: [], ...(unit !== 'days' && { unit }) });
        // Days counted both ends in: a trip of 3 days from the 1st to the 3rd.
        else if (part.numeric?.integer && dated && bothEndsIn(t, i, j)) {
          sums.push({ total: t, parts: [i, j], minus: [], dayBefore: true });
        } else if (part.numeric?.integer && dated && monthsEndIn(t, i, j, odds)) {
          sums.push({ total: t, parts: [i, j], minus: [], unit: 'months', dayBefore: true });
        }
      }
    }
  }
  sums.push(...clockSums(dates, numeric, sums, schema, values, rng));
  // Formulas by total: their form, parts, and for a rate of a difference or a sum (added below) its rate.
  const threes: [number, FormulaForm, number[], number?][] = formulaSearch(numeric.map(([, i]) => i), new Set([...sums.map((s) => s.total), ...products.map(([t]) => t), ...annuities.map(([t]) => t)]), holdsFor);
  // Of a price per m² and a surface each the price over the other, the finer column is the one
  // divided out: rounding the coarser one to its own step hides the error of the reverse.
  const fineness = (k: number) => tolerances[k] / Math.max(1e-12, meanAbs(values[k]));
  // A unit price that is the subtotal over the quantity restates the subtotal as their product,
  // and orders as visits × a conversion rate / 100 restate the rate as orders over visits: the
  // one on the finer total says it (the product where they are as fine).
  const restates = (ratio: (typeof products)[number], product: (typeof products)[number]) => {
    const [[t, a, b, form], [u, x, y, f]] = [ratio, product];
    return (form === 'per' || form === 'share' || form === 'ceil') && u === a && f === (form === 'share' ? 'percent' : 'times') && [x, y].includes(t) && [x, y].includes(b);
  };
  const byTimes = (p: (typeof products)[number]) =>
    products.some((q) => (restates(p, q) && fineness(q[0]) <= fineness(p[0])) || (restates(q, p) && fineness(q[0]) < fineness(p[0])));
  const reversed = ([t, a, b, form]: (typeof products)[number]) =>
    form === 'per' && products.some(([u, x, y, f]) => f === 'per' && u === b && x === a && y === t && (fineness(u) < fineness(t) || (fineness(u) === fineness(t) && u > t)));
  // Dropped before signs and orders are read from them: a sign a dropped ratio implies is listed.
  const restated = products.filter((p) => byTimes(p) || reversed(p));
  products.splice(0, products.length, ...products.filter((p) => !restated.includes(p)));
  const explained = new Set([...sums.map((s) => s.total), ...products.map(([t]) => t), ...threes.map(([t]) => t)]);
  const linked = new Set(products.flatMap(([t, a, b]) => [`${t},${a}`, `${a},${t}`, `${t},${b}`, `${b},${t}`]));
  const rateSearch = { table, schema, numeric: numeric.map(([, i]) => i), values, tolerances, sums, explained, linked, rng, maxLogChance: MAX_LOG_CHANCE, money: (k: number) => isMoney(candidates[k]) };
  const rates = rateRules(rateSearch);
  // A subtotal of seats × price × 12 for annual billing, 1 for monthly.
  const others = [...products.map(([t]) => t), ...threes.map(([t]) => t), ...annuities.map(([t]) => t)];
  // A late fee of days late × the item's daily rate × 1.5 says in one number what a rate by item
  // says in one each: a fixed rate of a product takes the total from a rate by category of one of its factors.
  const perCategory = (r: FoundRate) => r.by !== null && !r.bases;
  const productRated = productRates(rateSearch, new Set([...rates.filter((r) => !perCategory(r)).map((r) => r.total), ...others])).filter((p) => {
    const held = rates.find((r) => r.total === p.total);
    if (!held) return true;
    const simpler = p.by === null && perCategory(held) && [p.of, p.times].includes(held.of);
    if (simpler) rates.splice(rates.indexOf(held), 1);
    return simpler;
  });
  // A quotient rounded up whose columns another rule ties together restates it, as does one of an unexplained total.
  const sumColumns = sums.map((x) => [x.total, ...x.parts, ...x.minus]);
  const tiedBy = [...sumColumns, ...products.map(([t, a, b]) => [t, a, b]), ...rates.map((r) => [r.total, r.of]), ...productRated.map((r) => [r.total, r.of, r.times]), ...threes.map(([t, , xs]) => [t, ...xs])];
  const ceiled = ceilings.filter(([t, a, b]) => !explained.has(t) && !rates.some((r) => r.total === t) && !tiedBy.some((cols) => [t, a, b].every((k) => cols.includes(k))));
  products.push(...ceiled.filter(([t], k) => ceiled.findIndex(([u]) => u === t) === k));
  // A commission of 3 % of the margin, a levy of 8 % of the fees: a rate of a difference or a sum, for totals nothing else gives.
  // Not a sum's total: a net that is energy + base is also 0.84 of energy + base + VAT, a consequence of the sum and the VAT's rate.
  const byRates = new Set([...explained, ...rates.map((r) => r.total), ...productRated.map((r) => r.total), ...annuities.map(([t]) => t), ...products.map(([t]) => t)]);
  const ratedSums = ratesOfSums(numeric.map(([, i]) => i), values, tolerances, byRates, sumColumns, MAX_LOG_CHANCE, rng, tiedBy);
  threes.push(...ratedSums.map((r): [number, FormulaForm, number[], number?] => [r.total, r.form, r.parts, r.rate]));
  // A credit of 2,000 a dependant up to the tax: a rate capped at another number, for totals nothing else gives.
  // Not of a number another rule already ties the total to (a charge that is always 12.50 an
  // hour, and so also at most the total it is part of): the cap says nothing new there.
  const capped = cappedRates(numeric.map(([, i]) => i), values, tolerances, new Set([...byRates, ...ratedSums.map((r) => r.total)]), MAX_LOG_CHANCE, rng, (t, a) =>
    tiedBy.some((cols) => cols.includes(t) && cols.includes(a)),
  );
  threes.push(...capped.map((r): [number, FormulaForm, number[], number?] => [r.total, 'rate-capped', r.parts, r.rate]));
  // A card fee of 1.4 % + 0.20: a rate plus a fixed amount, for totals nothing else gives, listed with the rates.
  const categories = schema.flatMap((c, i) => ((c.kind === 'categorical' || c.kind === 'boolean') && isModelled(c) && c.distinct >= 2 ? [i] : []));
  const numbersOnly = numeric.map(([, i]) => i).filter((i) => candidates[i].kind === 'numeric');
  const affineTaken = new Set([...byRates, ...ratedSums.map((r) => r.total), ...capped.map((r) => r.total)]);
  // Not of two numbers a product or rate ties already; a sum of three does not tie two of them (a fee beside net = amount − fee).
  const tiedPair = (t: number, a: number) => tiedBy.slice(sumColumns.length).some((cols) => cols.includes(t) && cols.includes(a));
  const rated = (u: number, a: number) => rates.some((r) => r.total === u && r.of === a);
  const affineSearch = { table, numbers: numbersOnly, categories, values, tolerances, rng, maxLogChance: MAX_LOG_CHANCE, sums: sumColumns, rated };
  rates.push(...affineRates(affineSearch, affineTaken, tiedPair));
  // What follows from a rate's being 0 where its column is, or its total's sign, holds of a rate with no base only.
  const noBase = (r: FoundRate) => !r.bases || [...r.bases.values()].every((b) => b === 0);
  // Of a rate's rates, the least and the greatest.
  const rateRange = (t: number, a: number): [number, number] | null => {
    const found = rates.find((r) => r.total === t && r.of === a && noBase(r));
    return found ? [Math.min(...found.rates.values()), Math.max(...found.rates.values())] : null;
  };
  // t ≥ a follows from t = a + b (+ c) with b (and c) ≥ 0, from t = a × b with a ≥ 0 and b ≥ 1
  // (a quantity), and from t = a × rate with a ≥ 0 and every rate at least 1; t ≤ a from rates at most 1.
  const bySum = (i: number, t: number) =>
    sums.some((s) => s.total === t && s.minus.length === 0 && s.parts.includes(i) && s.parts.every((k) => k === i || signs.has(k)));
  const atLeastOne = (k: number) => values[k].every((x) => Number.isNaN(x) || x >= 1);
  const byProduct = (i: number, t: number) =>
    signs.has(i) && products.some(([s, a, b, form]) => s === t && form === 'times' && ((a === i && atLeastOne(b)) || (b === i && atLeastOne(a))));
  // A date part is written from its date: a month number needs no sign of its own, a month's first day no order before its date.
  // Not between two dates a fixed time apart (a bill on the 1st due on the 15th): the order keeps the gap, and so the day.
  const apart = (p: { column: string; date: string }) => {
    const [i, j] = [candidates.findIndex((c) => c.name === p.column), candidates.findIndex((c) => c.name === p.date)];
    return i >= 0 && j >= 0 && candidates[i].kind === 'datetime' && fixedGap(values[i], values[j]);
  };
  const parts = partRules(table, schema, candidates, values).filter((p) => !apart(p));
  const partOf = (i: number, j: number) => parts.some((p) => [p.column, p.date].every((c) => c === candidates[i].name || c === candidates[j].name));
  for (const [i, j] of orders) {
    if (partOf(i, j)) continue;
    // Through a middle column only where it is present with both ends: a cancellation date blank on most rows implies nothing there.
    const implied = candidates.some((_, b) => b !== j && holds.has(`${i},${b}`) && holds.has(`${b},${j}`) && presentWith(values[b], values[i], values[j]));
    const [up, down] = [rateRange(j, i), rateRange(i, j)];
    const byRate = signs.has(i) && up !== null && up[0] >= 1 ? true : signs.has(j) && down !== null && down[1] <= 1;
    if (!implied && !bySum(i, j) && !byProduct(i, j) && !byRate) rules.push({ kind: 'order', low: candidates[i].name, high: candidates[j].name });
  }
  // Two dates whole years apart at least (a hiring date and a date of birth): the years say more than the order.
  for (const apart of yearsApart(candidates, values, pairs.length, rng)) {
    const [low, high] = [candidates[apart.low].name, candidates[apart.high].name];
    const plain = rules.findIndex((r) => r.kind === 'order' && r.low === low && r.high === high);
    if (plain >= 0) rules.splice(plain, 1);
    rules.push({ kind: 'order', low, high, years: apart.years });
  }
  rules.push(...yearOrders(candidates, values, maxLogChance, partOf));
  // t ≥ 0 follows from t = a + b (+ c), t = a × b or t = a × rate with every part and rate ≥ 0.
  const signBySum = (t: number) =>
    sums.some((s) => s.total === t && s.minus.length === 0 && s.parts.every((k) => signs.has(k))) ||
    products.some(([s, a, b, form]) => s === t && form !== 'off' && signs.has(a) && signs.has(b)) ||
    rates.some((r) => r.total === t && signs.has(r.of) && Math.min(...r.rates.values(), ...(r.bases?.values() ?? [])) >= 0) ||
    productRated.some((r) => r.total === t && signs.has(r.of) && signs.has(r.times) && Math.min(...r.rates.values()) >= 0);
  const years = yearsRules(candidates, values, rng);
  const isPart = (k: number) => [...parts, ...years].some((p) => p.column === candidates[k].name);
  for (const i of signs) if (!signBySum(i) && !isPart(i)) rules.push({ kind: 'range', column: candidates[i].name, min: floorOf(candidates[i], values[i]) });
  const name = (k: number) => candidates[k].name;
  const index = (column: string) => candidates.findIndex((c) => c.name === column);
  // One formula for each total: of two products on it the first is kept, and a sum on a total a
  // product or rate gives is written with another of its columns as total.
  // A net that is an amount less a percentage and also the amount less a discount column: the sum says it, as the seed's columns do.
  const inSum = (t: number, a: number) => sums.some((s) => [s.total, ...s.parts, ...s.minus].includes(t) && [s.total, ...s.parts, ...s.minus].includes(a));
  const formulas = products.filter(([t, a, , form]) => form !== 'off' || !inSum(t, a));
  const productsOnce = formulas.filter(([t], k) => formulas.findIndex(([u]) => u === t) === k);
  // Each total a product, rate or instalment gives, with the columns it is built from.
  const claimed = new Map<number, number[]>([
    ...productsOnce.map(([t, a, b]): [number, number[]] => [t, [a, b]]),
    ...rates.map((r): [number, number[]] => [r.total, [r.of]]),
    ...threes.map(([t, , parts]): [number, number[]] => [t, parts]),
    ...productRated.map((r): [number, number[]] => [r.total, [r.of, r.times]]),
  ]);
  // A loan's instalment claims its payment too, where no product or rate has.
  const instalments = annuities.filter(([t]) => !claimed.has(t));
  for (const [t, p, a, n] of instalments) claimed.set(t, [p, a, n]);
  const dated = new Set(sums.flatMap((s) => (candidates[s.total].kind === 'datetime' ? [s.total] : [])));
  const holdsOnRows = (s: Sum) =>
    matchingRows(values[s.total], [...s.parts, ...s.minus].map((k) => values[k]), tolerances[s.total], weighted([...s.parts.map(() => 1), ...s.minus.map(() => -1)])) !== null;
  for (const s of oneTotalEach(sums, claimed, dated, holdsOnRows)) {
    rules.push({ kind: 'sum', total: name(s.total), parts: s.parts.map(name), ...(s.minus.length > 0 && { minus: s.minus.map(name) }), ...(s.unit && { unit: s.unit }), ...(s.units && { units: s.units }), ...(s.dayBefore && { dayBefore: true }) });
  }
  for (const [t, i, j, form] of productsOnce) {
    rules.push({ kind: 'product', total: name(t), parts: [name(i), name(j)], ...PRODUCT_FORMS[form] });
  }
  for (const r of rates) rules.push(rateRule(r, name, schema));
  for (const r of productRated) {
    const rates = Object.fromEntries([...r.rates].map(([value, k]) => [value ?? '', k]));
    const [total, of, times] = [name(r.total), name(r.of), name(r.times)];
    rules.push(r.by === null ? { kind: 'rate', total, of, rate: r.rates.get(null)!, times } : { kind: 'rate', total, of, by: schema[r.by].name, rates, times });
  }
  for (const [t, form, parts, rate] of threes) rules.push({ kind: 'formula', total: name(t), form, parts: parts.map(name), ...(rate !== undefined && { rate }) });
  for (const [t, p, a, n] of instalments) rules.push({ kind: 'annuity', total: name(t), principal: name(p), rate: name(a), term: name(n) });
  // An end a time by category after its start (a membership's end by plan), where no sum gives it.
  const dateColumns = candidates.flatMap((c, i) => (c.kind === 'datetime' ? [{ name: c.name, values: values[i], timed: (c.date?.time ?? 'none') !== 'none' }] : []));
  const periods = periodRules(table, schema, dateColumns, MAX_LOG_CHANCE, new Set(rules.flatMap((r) => ('total' in r ? [r.total] : []))), rng);
  // Its end after its start, where every length is at least 0, is the period's to say.
  const byPeriod = (r: Rule) => r.kind === 'order' && periods.some((p) => p.start === r.low && p.end === r.high && Object.values(p.lengths).every((n) => n >= 0));
  rules.splice(0, rules.length, ...rules.filter((r) => !byPeriod(r)), ...periods);
  // A rate none of whose rates is 0 makes its total 0 exactly when its column is.
  // So does a fixed rate of a product, where the other factor is never 0 (a late fee of days late × a daily rate × 1.5).
  const neverZero = (k: number) => !values[k].some((x) => x === 0);
  const zeroByRate = (rule: Rule) =>
    rule.kind === 'zero' &&
    (rates.some((r) => noBase(r) && [r.total, r.of].every((k) => [rule.column, rule.when].includes(name(k))) && ![...r.rates.values()].includes(0)) ||
      productRated.some((r) => r.by === null && name(r.total) === rule.column && r.rates.get(null) !== 0 && [[r.of, r.times], [r.times, r.of]].some(([a, b]) => name(a) === rule.when && neverZero(b))));
  const steps = stepRules(table, schema, candidates, values, MAX_LOG_CHANCE);
  // A column one number fixes in steps is not searched again as a flag of two.
  steps.push(...flagRules(table, schema, candidates, values, MAX_LOG_CHANCE, new Set(steps.flatMap((r) => ('column' in r ? [r.column] : [])))));
  // A column another rule writes is not looked up by two keys as well.
  const writes = writesOf;
  // Nor by two columns a rule already ties it to (adults fixed by children and guests, beside guests = adults + children).
  const tied = (columns: string[]) => [...rules, ...steps].some((r) => columns.every((c) => ruleColumns(r).includes(c)));
  const lookups = lookupRules(table, schema, MAX_LOG_CHANCE, new Set([...rules, ...steps, ...parts, ...years].flatMap(writes)), tied);
  // A grade in steps of a rate that the grade and a term look up holds on every row the lookup
  // writes: the lookup says it, built from its keys, and the step would make a circle of them.
  const byLookup = (r: Rule) => r.kind === 'step' && lookups.some((l) => l.column === r.from && l.by.includes(r.column));
  // So would a type in steps of a signed amount that the type's rate writes (−1 for withdrawals).
  const stepByRate = (r: Rule) => r.kind === 'step' && rates.some((k) => k.by !== null && schema[k.by].name === r.column && name(k.total) === r.from);
  steps.splice(0, steps.length, ...steps.filter((r) => !byLookup(r) && !stepByRate(r)), ...lookups);
  // Overtime past 8 hours: written from the hours, which also keeps its sign.
  // Not of a total written from the column itself (overtime above 8 of hours = regular + overtime): a circle, kept only by redraw.
  const writtenFrom = (x: string, t: string) => [...rules, ...steps].some((r) => writes(r).includes(x) && ruleColumns(r).includes(t));
  const excesses = excessRules(candidates, values, (i) => tolerances[i], MAX_LOG_CHANCE, new Set([...rules, ...steps, ...parts, ...years].flatMap(writes)), writtenFrom);
  // Days late: the days from a due date to the return, 0 where it came back in time.
  excesses.push(...dateExcessRules(candidates, values, (i) => tolerances[i], MAX_LOG_CHANCE, new Set([...rules, ...steps, ...parts, ...years, ...excesses].flatMap(writes)), tied));
  // Minutes over a plan's allowance: the part of one number above another, 0 where not above.
  excesses.push(...minusExcessRules(candidates, values, (i) => tolerances[i], MAX_LOG_CHANCE, new Set([...rules, ...steps, ...parts, ...years, ...excesses].flatMap(writes)), tied));
  // A tax in brackets of the gross, a capped fee, a fare with a base: written from the one number.
  // Not where the other number is itself written from the column (a circle).
  const pieces = (a: string, b: string) => writtenFrom(b, a) || excesses.some((r) => r.column === b && [r.of, r.since].includes(a));
  // A sum's total is searched too (a tax in brackets of the taxable income that is also the credit
  // plus the tax due): settleSums then turns the sum to solve for a part (the tax due).
  const plainSum = (r: Rule): r is Extract<Rule, { kind: 'sum' }> => r.kind === 'sum' && !r.unit && !r.units && !r.dayBefore && candidates[index(r.total)].kind === 'numeric';
  const searched = bracketsRules(candidates, values, (i) => tolerances[i], MAX_LOG_CHANCE, new Set([...rules.filter((r) => !plainSum(r)), ...steps, ...parts, ...years, ...excesses].flatMap(writes)), pieces);
  // Not where another column of the sum is written from the same number: the brackets are the sum's.
  const plainSums = rules.filter(plainSum);
  const sumOf = (column: string) => plainSums.find((r) => r.total === column);
  const fromSame = (b: (typeof searched)[number], sum: Extract<Rule, { kind: 'sum' }>) =>
    [...sum.parts, ...(sum.minus ?? [])].some((m) => [...steps, ...excesses, ...searched, ...rules].some((r) => r !== sum && writes(r).includes(m) && ruleColumns(r).includes(b.of)));
  const bracketed = searched.filter((b) => {
    const sum = sumOf(b.column);
    return !sum || (!sum.parts.includes(b.of) && !(sum.minus ?? []).includes(b.of) && !fromSame(b, sum));
  });
  const signed = new Set([...excesses, ...bracketed].map((r) => r.column));
  steps.push(...excesses, ...bracketed);
  // A date's parts are blank where it is: blanks shared by a date and its parts are implied.
  const dateOf = (column: string) => parts.find((p) => p.column === column)?.date ?? column;
  // Nor are blanks shared by a total and its parts, a count and its dates, a step and its number.
  // Two inputs of one rule (a loan's rate and term, blank together for cash sales) share blanks of their own: only a column the rule writes follows another's.
  const linkedBy = (r: { column: string; when: string }) =>
    [...rules, ...steps, ...years].some((o) => o.kind !== 'order' && o.kind !== 'range' && [r.column, r.when].every((c) => ruleColumns(o).includes(c)) && [r.column, r.when].some((c) => writes(o).includes(c)));
  const together = (r: { values: (string | null)[] }) => r.values.length === 1 && r.values[0] === null;
  const blanks = blankRules(table, schema)
    .filter((r) => dateOf(r.column) !== dateOf(r.when) && !(together(r) && linkedBy(r)))
    // Two columns blank together are said once, not once each way round.
    .filter((r, k, all) => !(together(r) && all.slice(0, k).some((o) => together(o) && o.column === r.when && o.when === r.column)));
  // A total is 0 on the rows its part is, where its rate (or other part) never is: fill rate = attendees × a rate by venue.
  const byCategory = zeroByCategory(table, schema, candidates, values);
  const partOfTotal = (t: number, a: number) =>
    rates.some((r) => r.total === t && r.of === a && noBase(r) && ![...r.rates.values()].includes(0)) ||
    productsOnce.some(([u, x, y]) => u === t && ((x === a && neverZero(y)) || (y === a && neverZero(x))));
  const zeroByPart = (z: (typeof byCategory)[number]) =>
    z.value === undefined &&
    byCategory.some((o) => o !== z && o.when === z.when && JSON.stringify(o.values) === JSON.stringify(z.values) && partOfTotal(index(z.column), index(o.column)));
  // A total 0 exactly on the categories its rate is 0 for, its column never 0, is what the rate writes (billed nothing under warranty).
  const zeroLevels = (r: FoundRate) => [...r.rates].flatMap(([value, k]) => (k === 0 && !r.bases?.get(value) ? [value] : []));
  const byZeroRate = (z: (typeof byCategory)[number]) =>
    z.value === undefined &&
    rates.some((r) => r.by !== null && name(r.total) === z.column && schema[r.by].name === z.when && neverZero(r.of) && sameValues(zeroLevels(r), z.values ?? []));
  // A column another rule writes (shipping in steps of the subtotal) keeps no one-way zero of its own: the other rule says why.
  const written = new Set([...rules, ...steps, ...parts, ...years].flatMap(writes));
  const zeros = [
    ...zeroRules(candidates, values).filter((r) => !zeroByRate(r)),
    ...byCategory.filter((z) => !zeroByPart(z) && !byZeroRate(z) && !(z.oneWay && written.has(z.column))),
  ];
  // A warranty flag that compares the billed total, which is 0 exactly under warranty, with the
  // parts cost says the zero rule again: written from the numbers, the flag would follow a
  // modelled total rather than the vehicle it describes.
  // So does one beside the rate by the flag (billed = total × 1, or × 0 under warranty): the two would write each other.
  const byZero = (r: Rule) =>
    r.kind === 'flag' &&
    (zeros.some((z) => z.kind === 'zero' && z.values !== undefined && z.when === r.column && [r.left, r.right].includes(z.column)) ||
      rates.some((k) => k.by !== null && schema[k.by].name === r.column && [r.left, r.right].includes(name(k.total))));
  // A total 0 where a date is blank, beside the date blank exactly where the total is 0, says it again: the blank rule says it.
  const restatedZero = (z: Rule) => z.kind === 'zero' && z.values?.length === 1 && z.values[0] === null && blanks.some((b) => b.column === z.when && b.when === z.column);
  return [...rules.filter((r) => !(r.kind === 'range' && signed.has(r.column))), ...zeros.filter((z) => !restatedZero(z)), ...blanks, ...steps.filter((r) => !byZero(r)), ...parts, ...years];
}

/** Columns a formula of three is searched among, at most. */
const MAX_FORMULA_COLUMNS = 24;

/**
 * Totals of three or four numbers no sum or product found explains: a base plus a rate times an
 * amount, three numbers multiplied, or two multiplied (or added) less a percentage; then, for
 * totals none of those gives, four multiplied or three multiplied less a percentage. Each total
 * with each choice of parts, in the odds (a few rows screen each: the first row that misses ends it).
 */
function formulaSearch(numeric: number[], explained: Set<number>, holds: Holds): [number, FormulaForm, number[]][] {
  const columns = numeric.slice(0, MAX_FORMULA_COLUMNS);
  const m = columns.length;
  const odds = MAX_LOG_CHANCE - Math.log(Math.max(1, (4 * m * (m - 1) * (m - 2) * (m - 3)) / 2));
  function* tries(t: number): Generator<[FormulaForm, number[]]> {
    for (const a of columns) {
      for (const b of columns) {
        for (const c of columns) {
          if (new Set([t, a, b, c]).size < 4) continue;
          // b × c either way round is one product: b before c where the form is symmetric in them.
          if (b < c) yield ['plus-times', [a, b, c]];
          if (a < b && b < c) yield ['times', [a, b, c]];
          if (a < b) yield ['times-off', [a, b, c]];
          if (a < b) yield ['plus-off', [a, b, c]];
        }
      }
    }
  }
  const found = firstPerTotal(columns, explained, tries, holds, odds);
  return [...found, ...fourPartFormulas(columns, new Set([...explained, ...found.map(([t]) => t)]), holds)];
}

/** Columns a formula of four is searched among, at most. */
const MAX_FOUR_PART_COLUMNS = 16;

/** A berth's fee of length × tariff × nights less a discount: four parts multiplied, or three less a percentage. */
function fourPartFormulas(numeric: number[], explained: Set<number>, holds: Holds): [number, FormulaForm, number[]][] {
  const columns = numeric.slice(0, MAX_FOUR_PART_COLUMNS);
  const m = columns.length;
  const odds = MAX_LOG_CHANCE - Math.log(Math.max(1, (2 * m * (m - 1) * (m - 2) * (m - 3) * (m - 4)) / 6));
  function* tries(t: number): Generator<[FormulaForm, number[]]> {
    for (const a of columns) {
      for (const b of columns) {
        for (const c of columns) {
          // The multiplied parts in their order: one try for each set of them.
          if (!(a < b && b < c) || [a, b, c].includes(t)) continue;
          for (const d of columns) {
            if ([t, a, b, c].includes(d)) continue;
            if (c < d) yield ['times4', [a, b, c, d]];
            yield ['times3-off', [a, b, c, d]];
          }
        }
      }
    }
  }
  return firstPerTotal(columns, explained, tries, holds, odds);
}

/** For each total not explained, the first of its tries that holds: one formula a total. */
function firstPerTotal(columns: number[], explained: Set<number>, tries: (t: number) => Iterable<[FormulaForm, number[]]>, holds: Holds, odds: number): [number, FormulaForm, number[]][] {
  const found: [number, FormulaForm, number[]][] = [];
  for (const t of columns) {
    if (explained.has(t)) continue;
    for (const [form, parts] of tries(t)) {
      if (!holds(t, parts, (xs) => formulaValue(form, xs), odds)) continue;
      found.push([t, form, parts]);
      break;
    }
  }
  return found;
}

const CLOCK_UNITS: readonly TimeUnit[] = ['hours', 'minutes', 'seconds'];

/**
 * A time of day two numbers after another, each in its own unit: clock-out = clock-in + hours
 * worked + minutes of break. Searched where no single number is found to make up the gap.
 */
function clockSums(dates: (readonly [ColumnSchema, number])[], numeric: (readonly [ColumnSchema, number])[], sums: Sum[], schema: ColumnSchema[], values: Float64Array[], rng: Rng): Sum[] {
  const found: Sum[] = [];
  const timed = dates.filter(([c]) => (c.date?.time ?? 'none') !== 'none');
  const tries = timed.length * dates.length * numeric.length * numeric.length * CLOCK_UNITS.length ** 2;
  const odds = MAX_LOG_CHANCE - Math.log(Math.max(1, tries));
  for (const [total, t] of timed) {
    if (sums.some((s) => s.total === t)) continue;
    for (const [start, i] of dates) {
      if (i === t) continue;
      for (const [a, j] of numeric) {
        for (const [b, k] of numeric) {
          if (k === j || found.some((s) => s.total === t)) continue;
          for (const [u, v] of CLOCK_UNITS.flatMap((u) => CLOCK_UNITS.map((v) => [u, v] as const))) {
            // Two numbers of the same unit are one sum of them; the first is the larger unit.
            if (CLOCK_UNITS.indexOf(u) >= CLOCK_UNITS.indexOf(v)) continue;
            const units = [u, v];
            const tol = dateSumTolerance({ total: total.name, parts: [start.name, a.name, b.name], units }, schema);
            if (formulaHolds(values[t], [values[i], values[j], values[k]], tol, weighted([1, TIME_UNITS[u], TIME_UNITS[v]]), odds, rng)) {
              found.push({ total: t, parts: [i, j, k], minus: [], units });
            }
          }
        }
      }
    }
  }
  return found;
}

// Years apart searched among the first date columns; fewer whole years than this are no margin.
const MAX_APART_DATES = 20;
const MIN_YEARS_APART = 1;

/**
 * Pairs of date columns at least k ≥ 1 whole years apart on every row with both (k the fewest
 * seen): were they independent, a row's pair would be so with the chance that another row's
 * later date is k years past its earlier one, estimated from random pairs of rows. Proposed
 * below e⁻²⁰ divided by the ordered pairs searched (`pairs`).
 */
function yearsApart(candidates: ColumnSchema[], values: Float64Array[], pairs: number, rng: Rng): { low: number; high: number; years: number }[] {
  const dates = candidates.flatMap((c, i) => (c.kind === 'datetime' ? [i] : [])).slice(0, MAX_APART_DATES);
  const odds = MAX_LOG_CHANCE - Math.log(Math.max(1, pairs));
  const found: { low: number; high: number; years: number }[] = [];
  for (const i of dates) {
    for (const j of dates) {
      if (i === j) continue;
      const [lows, highs] = [values[i], values[j]];
      const rows: number[] = [];
      let fewest = Infinity;
      for (let r = 0; r < lows.length && fewest >= MIN_YEARS_APART; r++) {
        if (Number.isNaN(lows[r] + highs[r])) continue;
        rows.push(r);
        fewest = Math.min(fewest, wholeYears(lows[r], highs[r]));
      }
      if (rows.length < MIN_ROWS || !(fewest >= MIN_YEARS_APART) || !Number.isFinite(fewest)) continue;
      let hits = 0;
      for (let p = 0; p < SUM_PROBES; p++) if (wholeYears(lows[rows[rng.int(rows.length)]], highs[rows[rng.int(rows.length)]]) >= fewest) hits++;
      if (rows.length * Math.log((hits + 1) / (SUM_PROBES + 1)) < odds) found.push({ low: i, high: j, years: fewest });
    }
  }
  return found;
}

function sameValues(a: (string | null)[], b: (string | null)[]): boolean {
  return a.length === b.length && a.every((x) => b.includes(x));
}

// A count of years is a whole number in this range: an age, years of service.
const MAX_YEARS = 150;

/** Whole numbers that count the years from one date to another, or to a fixed day (an age beside a date of birth). */
function yearsRules(candidates: ColumnSchema[], values: Float64Array[], rng: Rng): YearsRule[] {
  const pick = (keep: (c: ColumnSchema) => boolean) => candidates.flatMap((c, i) => (keep(c) ? [{ index: i, values: values[i] }] : [])).slice(0, MAX_PAIR_COLUMNS);
  const dates = pick((c) => c.kind === 'datetime');
  const counts = pick((c) => c.kind === 'numeric' && c.numeric?.integer === true && c.numeric.min >= 0 && c.numeric.max <= MAX_YEARS);
  if (dates.length === 0 || counts.length === 0) return [];
  const name = (k: number) => candidates[k].name;
  return findYears(counts, dates, MAX_LOG_CHANCE, () => rng.next()).map((f) =>
    'to' in f ? { kind: 'years', column: name(f.column), from: name(f.from), to: name(f.to) } : { kind: 'years', column: name(f.column), from: name(f.from), on: isoDay(f.on) },
  );
}

/** Columns a part of a date fixes (a month beside its date), among the first columns searched for pairs. */
function partRules(table: Table, schema: ColumnSchema[], candidates: ColumnSchema[], values: Float64Array[]): Extract<Rule, { kind: 'part' }>[] {
  const dates = candidates.flatMap((c, i) => (c.kind === 'datetime' ? [{ index: schema.indexOf(c), values: values[i] }] : [])).slice(0, MAX_PAIR_COLUMNS);
  if (dates.length === 0) return [];
  const targets = schema
    .flatMap((c, i) => (isModelled(c) ? [{ index: i, cells: table.columns[i] }] : []))
    .slice(0, MAX_PAIR_COLUMNS);
  // A season over year-months reads "is fixed by"; a month name by its month count says it from the schema.
  const counted = new Set<DatePart>(['month', 'weekday', 'quarter']);
  const found = findParts(dates, targets, MAX_LOG_CHANCE);
  // Two dates each a part of the other (a period's first day and its due date, in one year): the first found says it.
  const once = found.filter((f, k) => !found.slice(0, k).some((g) => g.column === f.date && g.date === f.column));
  // A number that is not the part itself (a tax year, the year before its filing date's) is fixed by it.
  const offset = (column: number, date: number, part: DatePart) => {
    if (schema[column].kind !== 'numeric') return false;
    const [read, dated] = [numberReader(schema[column]), values[candidates.indexOf(schema[date])]];
    return table.columns[column].some((cell, r) => cell !== null && !Number.isNaN(dated[r]) && read(cell) !== datePart(part, dated[r]));
  };
  return once.map(({ column, date, part, grouped }) => ({
    kind: 'part',
    column: schema[column].name,
    date: schema[date].name,
    part,
    ...(((grouped && !counted.has(part)) || offset(column, date, part)) && { grouped: true as const }),
  }));
}

/**
 * Pairs of number columns that are 0 on exactly the same rows (a quantity and its amount), at
 * the orders' odds: were they independent, a row would agree with chance p·q + (1 − p)(1 − q)
 * for their shares of zeros p and q. The later column is written 0 where the earlier one is.
 */
function zeroRules(candidates: ColumnSchema[], values: Float64Array[]): Rule[] {
  const withZeros = candidates
    .flatMap((c, i) => (c.kind === 'numeric' && values[i].some((x) => x === 0) && values[i].some((x) => x !== 0 && !Number.isNaN(x)) ? [i] : []))
    .slice(0, MAX_PAIR_COLUMNS);
  const pairs = (withZeros.length * (withZeros.length - 1)) / 2;
  const maxLogChance = Math.log(Math.min(ORDER_CHANCE, ORDER_FAMILY_CHANCE / Math.max(1, pairs)));
  const rules: Rule[] = [];
  for (const [k, i] of withZeros.entries()) {
    for (const j of withZeros.slice(k + 1)) {
      if (zerosTogether(values[i], values[j], maxLogChance)) rules.push({ kind: 'zero', column: candidates[j].name, when: candidates[i].name });
    }
  }
  return rules;
}

function zerosTogether(a: Float64Array, b: Float64Array, maxLogChance: number): boolean {
  let [n, zeros] = [0, 0];
  for (let r = 0; r < a.length; r++) {
    const [x, y] = [a[r], b[r]];
    if (Number.isNaN(x + y)) continue;
    if ((x === 0) !== (y === 0)) return false;
    n++;
    if (x === 0) zeros++;
  }
  if (n < MIN_ROWS || zeros === 0 || zeros === n) return false;
  const share = (xs: Float64Array) => {
    let [present, zero] = [0, 0];
    for (const x of xs) if (!Number.isNaN(x)) [present, zero] = [present + 1, zero + (x === 0 ? 1 : 0)];
    return zero / present;
  };
  const [p, q] = [share(a), share(b)];
  return n * Math.log(p * q + (1 - p) * (1 - q)) < maxLogChance;
}

/**
 * Number columns 0 exactly on the rows of some values of a category (a ticket price 0 exactly
 * for meetups, attendance 0 exactly for cancelled events), at the orders' odds, as blanks are;
 * where 0 gives none, the column's commonest value (35 hours a week exactly for full-time staff).
 */
function zeroByCategory(table: Table, schema: ColumnSchema[], candidates: ColumnSchema[], values: Float64Array[]): Extract<Rule, { kind: 'zero' }>[] {
  const whens = schema.flatMap((c, i) => (isModelled(c) && (c.kind === 'categorical' || c.kind === 'boolean') && c.distinct <= MAX_WHEN_VALUES ? [i] : [])).slice(0, MAX_PAIR_COLUMNS);
  const numbers = candidates.flatMap((c, i) => (c.kind === 'numeric' ? [i] : [])).slice(0, MAX_PAIR_COLUMNS);
  // Numbers and dates blank on some rows: a total 0 exactly where another is blank (nothing financed where a sale has no loan rate).
  const blanked = schema.flatMap((c, i) => (isModelled(c) && (c.kind === 'numeric' || c.kind === 'datetime') && c.missingShare > 0 ? [i] : [])).slice(0, MAX_PAIR_COLUMNS);
  const markers = blanked.map((w) => [w, table.columns[w].map((v) => (v === null ? null : ''))] as const);
  const pairs = 2 * numbers.length * (whens.length + markers.length);
  if (pairs === 0 || table.rowCount < MIN_ROWS) return [];
  const maxLogChance = Math.log(Math.min(ORDER_CHANCE, ORDER_FAMILY_CHANCE / pairs));
  const rules: Extract<Rule, { kind: 'zero' }>[] = [];
  for (const i of numbers) {
    const xs = values[i];
    const cells = table.columns[table.names.indexOf(candidates[i].name)];
    for (const target of [...new Set([0, commonest(xs)])]) {
      // Rows whose number is missing or a note are not judged.
      const marked = Array.from(xs, (x) => (Number.isNaN(x) ? null : x === target));
      if (!marked.includes(true) || !marked.includes(false)) continue;
      const when = whens.find((w) => markedBy(marked, cells, table.columns[w], maxLogChance));
      const blank = when === undefined && target === 0 ? markers.find(([w, m]) => schema[w].name !== candidates[i].name && zeroWhereBlank(marked, m) && markedBy(marked, cells, m, maxLogChance)) : undefined;
      if (blank) {
        rules.push({ kind: 'zero', column: candidates[i].name, when: schema[blank[0]].name, values: [null] });
        break;
      }
      if (when === undefined) {
        // 0 on every row of some values, and on a few others too: a claim pays nothing when rejected.
        if (target !== 0) continue;
        const oneWay = whens.map((w) => [w, zeroOn(marked, cells, table.columns[w], maxLogChance)] as const).find(([, v]) => v !== null);
        if (!oneWay) continue;
        rules.push({ kind: 'zero', column: candidates[i].name, when: schema[oneWay[0]].name, values: oneWay[1]!, oneWay: true });
        break;
      }
      const held = new Set<string | null>();
      marked.forEach((hit, r) => hit && held.add(table.columns[when][r]));
      rules.push({ kind: 'zero', column: candidates[i].name, when: schema[when].name, values: [...held], ...(target !== 0 && { value: target }) });
      break;
    }
  }
  return rules;
}

/** Whether the rows marked are the rows `markers` leaves blank, where `markers` is read. */
function zeroWhereBlank(marked: (boolean | null)[], markers: (string | null)[]): boolean {
  return marked.every((m, r) => m === null || m === (markers[r] === null));
}

/**
 * The values of `when` on all of whose rows (five at least) the column is 0, where the column is
 * 0 elsewhere too, `when` does not fix it outright, and chance does not explain them: were zeros
 * independent of the category, a value's k rows would all be 0 with chance pᵏ (p: the share of
 * rows 0), times the ways of choosing which of the category's values those are; null where
 * there are none.
 */
function zeroOn(marked: (boolean | null)[], column: (string | null)[], when: (string | null)[], maxLogChance: number): (string | null)[] | null {
  const groups = new Map<string | null, { rows: number; zero: boolean; value: string | null; fixed: boolean }>();
  let [n, zeros] = [0, 0];
  for (let r = 0; r < marked.length; r++) {
    if (marked[r] === null) continue;
    const g = groups.get(when[r]) ?? { rows: 0, zero: true, value: column[r], fixed: true };
    [g.rows, g.zero, g.fixed] = [g.rows + 1, g.zero && marked[r] === true, g.fixed && column[r] === g.value];
    groups.set(when[r], g);
    n++;
    if (marked[r]) zeros++;
  }
  const held = [...groups].filter(([, g]) => g.zero && g.rows >= MIN_ZERO_GROUP);
  // A column the category fixes outright (points by a match's result) follows it, zeros and all.
  const follows = [...groups.values()].every((g) => g.fixed);
  if (held.length === 0 || held.length === groups.size || n < MIN_ROWS || follows) return null;
  // Which of the values are all 0 is chosen after looking: of 50 stores of a few rows each, some are by chance.
  const chosen = logChoose(groups.size, held.length);
  const logChance = held.reduce((sum, [, g]) => sum + g.rows * Math.log(zeros / n), chosen);
  return logChance < maxLogChance ? held.map(([value]) => value) : null;
}

// Rows a value of the category needs for its zeros to count as a one-way rule.
const MIN_ZERO_GROUP = 5;

/** The value a column holds most often (NaN for none). */
function commonest(xs: Float64Array): number {
  const counts = new Map<number, number>();
  let [best, most] = [NaN, 0];
  for (const x of xs) {
    if (Number.isNaN(x)) continue;
    const n = (counts.get(x) ?? 0) + 1;
    counts.set(x, n);
    if (n > most) [best, most] = [x, n];
  }
  return best;
}

/**
 * Columns blank exactly on the rows of some values of a category (a ship date while the order
 * is pending) or of a count (a last order date when there were 0 orders), proposed at the orders' odds: were blanks independent of the category, a group
 * of k rows would be all blank or all filled with chance pᵏ + (1 − p)ᵏ. A column the category
 * fixes outright is left to the columns that follow another, which keep its blanks too.
 */
function blankRules(table: Table, schema: ColumnSchema[]): Extract<Rule, { kind: 'blank' }>[] {
  const modelled = schema.flatMap((c, i) => (isModelled(c) ? [i] : []));
  const whens = modelled.filter((i) => canDecideBlanks(schema[i]) && schema[i].distinct <= MAX_WHEN_VALUES).slice(0, MAX_PAIR_COLUMNS);
  const blanky = modelled
    .filter((i) => {
      const blanks = table.columns[i].reduce((n, v) => n + (v === null ? 1 : 0), 0);
      return blanks > 0 && blanks < table.rowCount;
    })
    .slice(0, MAX_PAIR_COLUMNS);
  const counts = modelled
    .filter((i) => schema[i].kind === 'numeric' && schema[i].numeric?.integer && schema[i].distinct > MAX_WHEN_VALUES)
    .slice(0, MAX_PAIR_COLUMNS)
    .flatMap((index) => {
      // Each cell as its zero's text, "other" for another number, blank where blank; the column where it holds a 0.
      const read = numberReader(schema[index]);
      const text = table.columns[index].find((v) => v !== null && read(v) === 0);
      if (text === undefined) return [];
      return [{ index, text: text as string | null, zero: table.columns[index].map((v) => (v === null ? null : read(v) === 0 ? text : '\u0000other')) }];
    });
  const pairs = blanky.length * (whens.length + counts.length);
  if (pairs === 0 || table.rowCount < MIN_ROWS) return [];
  const maxLogChance = Math.log(Math.min(ORDER_CHANCE, ORDER_FAMILY_CHANCE / pairs));
  const rules: Extract<Rule, { kind: 'blank' }>[] = [];
  // Two columns of any kind blank on the same rows (a weight and the BMI made from it): the later one is blank when the earlier is.
  const filledOnce = new Map<number, (string | null)[]>();
  const filled = (w: number) => filledOnce.get(w) ?? filledOnce.set(w, table.columns[w].map((v) => (v === null ? null : ''))).get(w)!;
  for (const x of blanky) {
    const blank = table.columns[x].map((v) => v === null);
    const when = whens.find((w) => w !== x && markedBy(blank, table.columns[x], table.columns[w], maxLogChance));
    if (when !== undefined) {
      const values = new Set<string | null>();
      table.columns[x].forEach((v, r) => v === null && values.add(table.columns[when][r]));
      // In the order a person lists them: 7, 8, 9, 10 rather than as the rows first show them.
      const listed = [...values].sort(asListed);
      rules.push({ kind: 'blank', column: schema[x].name, when: schema[when].name, values: listed });
      continue;
    }
    // A count of more values is searched for its zeros alone: a last visit blank exactly where visits are 0.
    const counted = counts.find((w) => w.index !== x && markedBy(blank, table.columns[x], w.zero, maxLogChance) && w.zero.every((z, r) => z !== w.text || blank[r]));
    if (counted !== undefined) {
      rules.push({ kind: 'blank', column: schema[x].name, when: schema[counted.index].name, values: [counted.text] });
      continue;
    }
    // Blank where the other is blank, not where it is filled (arrears blank once a tenancy has ended): the rule says the first.
    const blankWith = (w: number) => table.columns[w].every((v, r) => v !== null || blank[r]);
    const together = blanky.find((w) => w < x && !canDecideBlanks(schema[w]) && markedBy(blank, table.columns[x], filled(w), maxLogChance) && blankWith(w));
    if (together !== undefined) {
      rules.push({ kind: 'blank', column: schema[x].name, when: schema[together].name, values: [null] });
      continue;
    }
    // One way: always blank for some values, blank or not for the rest (a promo code only on web sales).
    for (const w of whens) {
      const values = w === x ? null : blankOneWay(blank, table.columns[w], maxLogChance);
      if (!values) continue;
      rules.push({ kind: 'blank', column: schema[x].name, when: schema[w].name, values, oneWay: true });
      break;
    }
  }
  return rules;
}

/** Rows a value needs to be promised a blank one way. */
const MIN_ONE_WAY_ROWS = 5;

/**
 * The values of `when` (5 rows or more each) on whose rows the column is always blank, where
 * chance does not explain it: were blanks independent of `when`, a value's k rows would all be
 * blank with chance pᵏ, p the column's share of blanks. Null where there are none.
 */
function blankOneWay(blank: boolean[], when: (string | null)[], maxLogChance: number): (string | null)[] | null {
  const groups = new Map<string | null, { rows: number; blanks: number }>();
  let blanks = 0;
  for (let r = 0; r < blank.length; r++) {
    const g = groups.get(when[r]) ?? { rows: 0, blanks: 0 };
    groups.set(when[r], { rows: g.rows + 1, blanks: g.blanks + (blank[r] ? 1 : 0) });
    if (blank[r]) blanks++;
  }
  const p = blanks / blank.length;
  const always = [...groups].filter(([, g]) => g.blanks === g.rows && g.rows >= MIN_ONE_WAY_ROWS);
  if (always.length === 0 || always.length === groups.size) return null;
  // The values are picked after the fact from those with rows enough: among 30 meal counts, a
  // few are all blank by chance (an allergy column blank on 91 % of rows), so the chance of
  // some m of them is counted, C(eligible, m) ways.
  const eligible = [...groups.values()].filter((g) => g.rows >= MIN_ONE_WAY_ROWS).length;
  const logChance = always.reduce((sum, [, g]) => sum + g.rows * Math.log(p), 0) + logChoose(eligible, always.length);
  if (logChance >= maxLogChance) return null;
  return always.map(([v]) => v).sort(asListed);
}

/** Values in the order a person lists them (7, 8, 9, 10), blank last. */
function asListed(a: string | null, b: string | null): number {
  return a === null ? 1 : b === null ? -1 : a.localeCompare(b, undefined, { numeric: true });
}

/**
 * Whether each value of `when` has its rows always `marked` (blank, or 0) or never, beyond
 * chance, and `column` not one fixed value in each (a column the category fixes outright
 * follows it). Rows marked null are not judged.
 */
function markedBy(marked: (boolean | null)[], column: (string | null)[], when: (string | null)[], maxLogChance: number): boolean {
  const groups = new Map<string | null, { marked: boolean; rows: number; value: string | null; fixed: boolean }>();
  let [count, n] = [0, 0];
  for (let r = 0; r < column.length; r++) {
    const m = marked[r];
    if (m === null) continue;
    const g = groups.get(when[r]);
    if (!g) groups.set(when[r], { marked: m, rows: 1, value: column[r], fixed: true });
    else if (g.marked !== m) return false;
    else [g.rows, g.fixed] = [g.rows + 1, g.fixed && g.value === column[r]];
    if (m) count++;
    n++;
  }
  if (n < MIN_ROWS || [...groups.values()].every((g) => g.fixed)) return false;
  const p = count / n;
  let logChance = 0;
  for (const { rows } of groups.values()) logChance += Math.log(Math.min(1, p ** rows + (1 - p) ** rows));
  return logChance < maxLogChance;
}

/** Whole numbers that read as calendar years (a publication year, a vintage). */
const YEARS = { min: 1800, max: 2200 };

/**
 * A year beside a date's year, in order on every row (a book published no later than the year
 * it is sold, a wine's vintage no later than the order): at the orders' odds, not where the
 * year is the date's own (a date part).
 */
function yearOrders(candidates: ColumnSchema[], values: Float64Array[], maxLogChance: number, partOf: (i: number, j: number) => boolean): Rule[] {
  const years = candidates.flatMap((c, i) => (c.kind === 'numeric' && c.numeric?.integer && c.numeric.min >= YEARS.min && c.numeric.max <= YEARS.max ? [i] : []));
  const dates = candidates.flatMap((c, i) => (c.kind === 'datetime' && c.date && !c.date.dateless ? [i] : []));
  const found: Rule[] = [];
  for (const j of dates) {
    const dateYears = values[j].map(yearOf);
    for (const i of years) {
      if (partOf(i, j)) continue;
      const [year, date] = [candidates[i].name, candidates[j].name];
      if (orderHolds(values[i], dateYears, maxLogChance)) found.push({ kind: 'order', low: year, high: date, yearOf: 'high' });
      else if (orderHolds(dateYears, values[i], maxLogChance)) found.push({ kind: 'order', low: date, high: year, yearOf: 'low' });
    }
  }
  return found;
}

/** Two dates, or two numbers written alike (no order between dollars and kilograms). */
/** low ≤ high on every row with both, not always equal, and a chance order would be unlikely. */
function orderHolds(low: Float64Array, high: Float64Array, maxLogChance: number): boolean {
  const lows: number[] = [];
  const highs: number[] = [];
  let equal = 0;
  for (let r = 0; r < low.length; r++) {
    const [a, b] = [low[r], high[r]];
    if (Number.isNaN(a) || Number.isNaN(b)) continue;
    if (b < a) return false;
    if (a === b) equal++;
    lows.push(a);
    highs.push(b);
  }
  const n = lows.length;
  if (n < MIN_ROWS || equal === n) return false;
  // Were the two independent, a row would obey with chance P(low ≤ high) over all pairs.
  highs.sort((x, y) => x - y);
  let obeying = 0;
  for (const a of lows) obeying += highs.length - lowerBound(highs, a);
  const p = obeying / (n * n);
  return n * Math.log(p) < maxLogChance;
}

/** x ≥ 0 on every row, and the column sits near enough to zero that this is no accident of its spread. */
/**
 * The floor a sign rule names: 1 for whole numbers that never go below 1 where that too is no
 * chance (seats, nights, items: counts of at least one), else 0.
 */
function floorOf(column: ColumnSchema, xs: Float64Array): number {
  return column.numeric?.integer && column.numeric.min === 1 && signHolds(xs.map((x) => x - 1)) ? 1 : 0;
}

function signHolds(xs: Float64Array): boolean {
  let n = 0;
  let sum = 0;
  let sq = 0;
  for (const x of xs) {
    if (Number.isNaN(x)) continue;
    if (x < 0) return false;
    n++;
    sum += x;
    sq += x * x;
  }
  if (n < MIN_ROWS) return false;
  const mean = sum / n;
  const sd = Math.sqrt(Math.max(0, sq / n - mean * mean));
  if (!(sd > 0)) return false;
  // A column with its mean and spread, drawn from a normal, would be non-negative with chance Φ(mean/sd).
  return n * Math.log(normalCdf(mean / sd)) < MAX_LOG_CHANCE;
}

/** The rows where the total and every input are numbers, when t = combine(inputs) on each of them; null where a row breaks it. */
function matchingRows(total: Float64Array, inputs: Float64Array[], tol: number, combine: Combine): number[] | null {
  const rows: number[] = [];
  const xs = new Array<number>(inputs.length);
  nextRow: for (let r = 0; r < total.length; r++) {
    const t = total[r];
    if (Number.isNaN(t)) continue;
    for (let k = 0; k < inputs.length; k++) if (Number.isNaN((xs[k] = inputs[k][r]))) continue nextRow;
    if (!closeTo(t, combine(xs), tol)) return null;
    rows.push(r);
  }
  return rows;
}

/** t = combine(inputs) on every row where all are numbers, and chance does not explain it. */
function formulaHolds(total: Float64Array, inputs: Float64Array[], tol: number, combine: Combine, maxLogChance: number, rng: Rng): boolean {
  const rows = matchingRows(total, inputs, tol, combine);
  if (!rows) return false;
  const xs = new Array<number>(inputs.length);
  const matches = (t: number) => closeTo(t, combine(xs), tol);
  const n = rows.length;
  if (n < MIN_ROWS || inputs.some((column) => !varies(column, rows))) return false;
  // Chance that a row's total matches what other rows' inputs give, each from a random row.
  let hits = 0;
  for (let p = 0; p < SUM_PROBES; p++) {
    const t = total[rows[rng.int(n)]];
    for (let k = 0; k < inputs.length; k++) xs[k] = inputs[k][rows[rng.int(n)]];
    if (matches(t)) hits++;
  }
  return n * Math.log((hits + 1) / (SUM_PROBES + 1)) < maxLogChance;
}

/** Whether b − a is one number on every row with both, of at least MIN_ROWS rows where a varies. */
function fixedGap(a: Float64Array, b: Float64Array): boolean {
  let [gap, n, first, varied] = [NaN, 0, NaN, false];
  for (let r = 0; r < a.length; r++) {
    if (Number.isNaN(a[r] + b[r])) continue;
    if (n === 0) [gap, first] = [b[r] - a[r], a[r]];
    else if (b[r] - a[r] !== gap) return false;
    varied ||= a[r] !== first;
    n++;
  }
  return n >= MIN_ROWS && varied;
}

/**
 * Some row's t is half a unit or more above a / b: a quotient rounded up is so on about half
 * its rows, and one never so is a product less a little (a quantity as a discounted total over
 * its unit price, 2 for 1.8).
 */
function roundsUpFar(t: Float64Array, a: Float64Array, b: Float64Array): boolean {
  return t.some((x, r) => b[r] !== 0 && x - a[r] / b[r] >= 0.5);
}

function varies(xs: Float64Array, rows: number[]): boolean {
  return rows.some((r) => xs[r] !== xs[rows[0]]);
}

function lowerBound(sorted: number[], x: number): number {
  let [lo, hi] = [0, sorted.length];
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (sorted[mid] < x) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

/** Φ(z), by the Abramowitz–Stegun erf approximation (error below 1.5e-7). */
function normalCdf(z: number): number {
  const x = Math.abs(z) / Math.SQRT2;
  const t = 1 / (1 + 0.3275911 * x);
  const erf = 1 - t * (0.254829592 + t * (-0.284496736 + t * (1.421413741 + t * (-1.453152027 + t * 1.061405429)))) * Math.exp(-x * x);
  return z >= 0 ? 0.5 * (1 + erf) : 0.5 * (1 - erf);
}
