import { tableFromColumns, type Table } from '../core/data/table';
import { Rng } from '../core/util/rng';

/**
 * Small tables of the kind people bring, made with known structure so the bench can tell
 * whether a model kept it: dates in order, money by plan or category, missing cells that
 * depend on another column, whole-number counts, a rare category, a sum, odd column names.
 */
export interface SmallTable {
  name: string;
  table: Table;
  /** A categorical column a classifier predicts for train-on-synthetic. */
  target: string;
}

const DAY = 86_400_000;
const day = (ms: number) => new Date(ms).toISOString().slice(0, 10);
const money = (x: number) => `$${x.toFixed(2).replace(/\B(?=(\d{3})+(?!\d))/g, ',')}`;

function pick<T>(rng: Rng, items: readonly T[], weights: readonly number[]): T {
  let u = rng.next() * weights.reduce((s, w) => s + w, 0);
  for (let i = 0; i < items.length; i++) if ((u -= weights[i]) < 0) return items[i];
  return items[items.length - 1];
}

function poisson(rng: Rng, mean: number): number {
  const limit = Math.exp(-mean);
  let [k, p] = [0, rng.next()];
  while (p > limit) [k, p] = [k + 1, p * rng.next()];
  return k;
}

function build(names: string[], rows: number, row: (rng: Rng, r: number) => (string | null)[], seed: number): Table {
  const rng = new Rng(seed);
  const columns: (string | null)[][] = names.map(() => []);
  for (let r = 0; r < rows; r++) row(rng, r).forEach((v, c) => columns[c].push(v));
  return tableFromColumns(names, columns);
}

function customers(rows = 400): SmallTable {
  const plans = ['basic', 'pro', 'team'] as const;
  const spendMedian = { basic: 193, pro: 803, team: 2661 };
  const churn = { basic: 0.35, pro: 0.15, team: 0.05 };
  const names = ['customer id', 'signup_date', 'last_order_date', 'plan', 'monthly spend', 'orders', 'churned', 'country'];
  const table = build(names, rows, (rng, r) => {
    const plan = pick(rng, plans, [6, 3, 1]);
    const signup = Date.UTC(2021, 0, 1) + rng.int(900) * DAY;
    const orders = poisson(rng, plan === 'basic' ? 2 : plan === 'pro' ? 6 : 12);
    const last = orders === 0 ? null : day(signup + rng.int(Math.min(400, (Date.UTC(2023, 11, 31) - signup) / DAY) + 1) * DAY);
    const spend = spendMedian[plan] * Math.exp(0.45 * rng.normal());
    return [`CUST-${String(r + 1).padStart(4, '0')}`, day(signup), last, plan, money(spend), String(orders), rng.next() < churn[plan] ? 'yes' : 'no', pick(rng, ['US', 'UK', 'DE', 'FR', 'IS'], [50, 20, 15, 12, 3])];
  }, 11);
  return { name: 'customers', table, target: 'churned' };
}

function orders(rows = 800): SmallTable {
  const categories = ['Books', 'Electronics', 'Home', 'Toys', 'Jewelry'] as const;
  const price = { Books: 14, Electronics: 180, Home: 45, Toys: 25, Jewelry: 420 };
  const names = ['order_id', 'order_date', 'ship_date', 'category', 'unit_price', 'quantity', 'subtotal', 'shipping', 'total', 'payment'];
  const table = build(names, rows, (rng, r) => {
    const category = pick(rng, categories, [40, 20, 25, 13, 2]);
    const ordered = Date.UTC(2023, 0, 1) + rng.int(365) * DAY;
    const shipped = rng.next() < 0.05 ? null : day(ordered + poisson(rng, category === 'Electronics' ? 1 : 3) * DAY);
    const unit = Math.round(price[category] * Math.exp(0.35 * rng.normal()) * 100) / 100;
    const quantity = 1 + poisson(rng, category === 'Books' ? 1.5 : 0.4);
    const subtotal = Math.round(unit * quantity * 100) / 100;
    const shipping = subtotal >= 50 ? 0 : 4.99;
    const payment = pick(rng, ['card', 'paypal', 'gift card'], [70, 25, 5]);
    return [String(10_000 + r), day(ordered), shipped, category, unit.toFixed(2), String(quantity), subtotal.toFixed(2), shipping.toFixed(2), (subtotal + shipping).toFixed(2), payment];
  }, 12);
  return { name: 'orders', table, target: 'payment' };
}

function patients(rows = 1500): SmallTable {
  const names = ['Patient Age (yrs)', 'sex', 'bmi', 'tested', 'cholesterol mg/dL', 'visits', 'admitted', 'discharged'];
  const table = build(names, rows, (rng) => {
    const age = Math.min(90, Math.max(18, Math.round(50 + 17 * rng.normal())));
    const sex = rng.next() < 0.52 ? 'F' : 'M';
    const bmi = 22 + 0.08 * (age - 18) + 4 * rng.normal();
    const tested = rng.next() < 0.3 + 0.6 * ((age - 18) / 72) ? 'yes' : 'no';
    const cholesterol = tested === 'no' ? null : String(Math.round(160 + 0.9 * (age - 18) + (sex === 'M' ? 12 : 0) + 25 * rng.normal()));
    const visits = poisson(rng, 0.5 + age / 25);
    const admitted = Date.UTC(2022, 0, 1, 0) + rng.int(700) * DAY + rng.int(24) * 3_600_000;
    const stay = Math.round((1 + poisson(rng, age / 20)) * 24 + 6 * rng.normal());
    const fmt = (ms: number) => new Date(ms).toISOString().slice(0, 16).replace('T', ' ');
    return [String(age), sex, bmi.toFixed(1), tested, cholesterol, String(visits), fmt(admitted), fmt(admitted + Math.max(2, stay) * 3_600_000)];
  }, 13);
  return { name: 'patients', table, target: 'tested' };
}

function employees(rows = 3000): SmallTable {
  const departments = ['Sales', 'Engineering', 'Support', 'Finance', 'Legal'] as const;
  const base = { Sales: 52_000, Engineering: 88_000, Support: 41_000, Finance: 67_000, Legal: 95_000 };
  const levels = ['junior', 'mid', 'senior'] as const;
  const names = ['emp_no', 'department', 'level', 'salary', 'bonus', 'hire_date', 'years', 'remote', 'rating'];
  const table = build(names, rows, (rng, r) => {
    const department = pick(rng, departments, [30, 35, 20, 12, 3]);
    const level = pick(rng, levels, [45, 35, 20]);
    const salary = Math.round((base[department] * (level === 'junior' ? 0.8 : level === 'mid' ? 1 : 1.35) * Math.exp(0.12 * rng.normal())) / 1000) * 1000;
    const bonus = rng.next() < 0.4 ? 0 : Math.round(salary * (0.03 + 0.05 * rng.next()));
    const years = Math.min(30, poisson(rng, level === 'junior' ? 1.5 : level === 'mid' ? 5 : 11));
    const hired = Date.UTC(2024, 5, 30) - years * 365 * DAY - rng.int(365) * DAY;
    const rating = Math.min(5, Math.max(1, Math.round((3.4 + 0.7 * rng.normal()) * 2) / 2));
    return [`E${String(r + 1).padStart(5, '0')}`, department, level, String(salary), String(bonus), day(hired), String(years), rng.next() < (department === 'Engineering' ? 0.6 : 0.25) ? 'true' : 'false', rating.toFixed(1)];
  }, 14);
  return { name: 'employees', table, target: 'remote' };
}

/** The bench's small-table suite, 400 to 3,000 rows. */
export function smallTables(): SmallTable[] {
  return [customers(), orders(), patients(), employees()];
}
