import Papa from 'papaparse';
import { expect, test } from './fixtures';

/**
 * Orders whose ship date follows the order date, blank exactly while pending, whose subtotal is
 * the unit price times the quantity, whose total is subtotal plus shipping, and whose tax is a
 * share of the subtotal each category fixes, with the order's month beside its date, made in code.
 */
const TAX: Record<string, number> = { Books: 0.055, Home: 0.2, Toys: 0.2 };
const MONTHS = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];

function ordersCsv(rows = 150): string {
  const lines = ['order_date,ship_date,status,category,unit_price,qty,subtotal,shipping,total,tax,month'];
  for (let i = 0; i < rows; i++) {
    const ordered = Date.UTC(2024, 0, 1) + ((i * 37) % 200) * 86_400_000;
    const shipped = ordered + ((i * 13) % 6) * 86_400_000;
    const unit = 5 + ((i * 53) % 75) + ((i * 7) % 100) / 100;
    const qty = 1 + (i % 4);
    const subtotal = Math.round(unit * qty * 100) / 100;
    const shipping = subtotal >= 100 ? 0 : 4.99;
    const day = (ms: number) => new Date(ms).toISOString().slice(0, 10);
    const status = i % 6 === 0 ? 'pending' : ['delivered', 'shipped'][i % 2];
    const category = ['Books', 'Home', 'Toys'][i % 3];
    const tax = Math.round(subtotal * TAX[category] * 100) / 100;
    const money = [unit, qty, subtotal, shipping, subtotal + shipping, tax].map((x, k) => (k === 1 ? String(x) : x.toFixed(2)));
    const month = MONTHS[new Date(ordered).getUTCMonth()];
    lines.push([day(ordered), status === 'pending' ? '' : day(shipped), status, category, ...money, month].join(','));
  }
  return lines.join('\n') + '\n';
}

test('rules found in the seed hold on every generated row; a rule the seed breaks is refused with its count', async ({ studio, page }) => {
  await studio.open();
  await studio.chooseBackend('wasm');
  await studio.upload('orders.csv', ordersCsv());
  await expect(page.getByTestId('loaded-summary')).toContainText('orders.csv: 150 rows');
  const rules = page.getByRole('region', { name: 'Rules' });
  await expect(rules.getByLabel('Keep ship_date ≥ order_date')).toBeChecked();
  await expect(rules.getByLabel('Keep total = subtotal + shipping')).toBeChecked();
  await expect(rules.getByLabel('Keep subtotal = unit_price × qty')).toBeChecked();
  // Shipping is free from a subtotal of 100, the roundest number between the seed's charged and free subtotals.
  const cutoff = 100;
  await expect(rules.getByLabel('Keep shipping by subtotal: 4.99 below 100, 0.00 from 100')).toBeChecked();
  await expect(rules.getByLabel('Keep ship_date is blank exactly when status is pending')).toBeChecked();
  await expect(rules.getByLabel('Keep tax = subtotal × rate by category: 0.2 for Home, Toys; 0.055 for Books')).toBeChecked();
  await expect(rules.getByLabel('Keep month is the month of order_date')).toBeChecked();

  // Ship dates are blank on Books orders that are pending (25), not all Books orders (50).
  await rules.getByLabel('Rule kind').selectOption('blank');
  await rules.getByLabel('Rule column').selectOption('ship_date');
  await rules.getByLabel('Rule other column').selectOption('category');
  await rules.getByLabel('Rule value').fill('Books');
  await rules.getByRole('button', { name: 'Add rule' }).click();
  // Said beside the form that added it, where the user is, not at the top of the page.
  await expect(rules.getByRole('alert')).toContainText('breaks the rule "ship_date is blank exactly when category is Books" in 25 of 150 rows');

  // subtotal ≥ total fails wherever shipping is charged (86 rows): the studio says so and adds nothing.
  await rules.getByLabel('Rule column').selectOption('subtotal');
  await rules.getByLabel('Rule kind').selectOption('order');
  await rules.getByLabel('Rule other column').selectOption('total');
  await rules.getByRole('button', { name: 'Add rule' }).click();
  await expect(page.getByRole('alert')).toContainText('breaks the rule "subtotal ≥ total" in 86 of 150 rows');
  await expect(rules.getByLabel('Keep subtotal ≥ total')).toHaveCount(0);

  // A product added by hand is checked the same way: the total is unit price × quantity only where shipping is free.
  await rules.getByLabel('Rule column').selectOption('total');
  await rules.getByLabel('Rule kind').selectOption('product');
  await rules.getByLabel('Rule first part').selectOption('unit_price');
  await rules.getByLabel('Rule second part').selectOption('qty');
  await rules.getByRole('button', { name: 'Add rule' }).click();
  await expect(page.getByRole('alert')).toContainText('breaks the rule "total = unit_price × qty" in 86 of 150 rows');

  // So is a sum of three columns: no row's total also counts its quantity.
  await rules.getByLabel('Rule kind').selectOption('sum');
  await rules.getByLabel('Rule first part').selectOption('subtotal');
  await rules.getByLabel('Rule second part').selectOption('shipping');
  await rules.getByLabel('Rule third sign').selectOption('−');
  await rules.getByLabel('Rule third part').selectOption('qty');
  await rules.getByRole('button', { name: 'Add rule' }).click();
  await expect(page.getByRole('alert')).toContainText('breaks the rule "total = subtotal + shipping − qty" in 150 of 150 rows');

  // A date plus hours: order dates have no time of day, so no shipped order is its quantity in hours after it.
  await rules.getByLabel('Rule column').selectOption('ship_date');
  await rules.getByLabel('Rule first part').selectOption('order_date');
  await rules.getByLabel('Rule second part').selectOption('qty');
  await rules.getByLabel('Rule third part').selectOption('');
  await rules.getByLabel('Rule unit').selectOption('hours');
  await rules.getByRole('button', { name: 'Add rule' }).click();
  await expect(page.getByRole('alert')).toContainText('breaks the rule "ship_date = order_date + qty (hours)" in 125 of 150 rows');

  // A fixed rate added by hand: tax is a fifth of the subtotal except on the 50 Books orders.
  await rules.getByLabel('Rule column').selectOption('tax');
  await rules.getByLabel('Rule kind').selectOption('rate');
  await rules.getByLabel('Rule first part').selectOption('subtotal');
  await rules.getByLabel('Rule rate').fill('0.2');
  await rules.getByRole('button', { name: 'Add rule' }).click();
  await expect(page.getByRole('alert')).toContainText('breaks the rule "tax = subtotal × 0.2" in 50 of 150 rows');

  // And a date part: the weekday of an order does not fix its category.
  await rules.getByLabel('Rule kind').selectOption('part');
  await rules.getByLabel('Rule column').selectOption('category');
  await rules.getByLabel('Rule other column').selectOption('order_date');
  await rules.getByLabel('Rule date part').selectOption('weekday');
  await rules.getByRole('button', { name: 'Add rule' }).click();
  await expect(page.getByRole('alert')).toContainText(/breaks the rule "category is fixed by the weekday of order_date" in \d+ of 150 rows/);

  // Whole years between two dates: every order shipped within days, so none took its quantity in years.
  await rules.getByLabel('Rule kind').selectOption('years');
  await rules.getByLabel('Rule column').selectOption('qty');
  await rules.getByLabel('Rule other column').selectOption('order_date');
  await rules.getByLabel('Rule end date').selectOption('ship_date');
  await rules.getByRole('button', { name: 'Add rule' }).click();
  await expect(page.getByRole('alert')).toContainText('breaks the rule "qty = whole years from order_date to ship_date" in 125 of 150 rows');

  // A number 0 exactly on a category's rows: shipping is free from a subtotal of 100, not for Books.
  await rules.getByLabel('Rule kind').selectOption('zero');
  await rules.getByLabel('Rule column').selectOption('shipping');
  await rules.getByLabel('Rule other column').selectOption('category');
  await rules.getByLabel('Rule value').fill('Books');
  await rules.getByRole('button', { name: 'Add rule' }).click();
  await expect(page.getByRole('alert')).toContainText('breaks the rule "shipping is 0 exactly when category is Books" in 72 of 150 rows');

  // The part of a number above a threshold: shipping is no part of the subtotal above 100.
  await rules.getByLabel('Rule kind').selectOption('excess');
  await rules.getByLabel('Rule column').selectOption('shipping');
  await rules.getByLabel('Rule threshold').fill('100');
  await rules.getByLabel('Rule other column').selectOption('subtotal');
  await rules.getByRole('button', { name: 'Add rule' }).click();
  await expect(page.getByRole('alert')).toContainText(/breaks the rule "shipping = the part of subtotal above 100(\.00)?, else 0" in \d+ of 150 rows/);

  // A ratio every row keeps, added by hand: the unit price is the subtotal over the quantity.
  await rules.getByLabel('Rule column').selectOption('unit_price');
  await rules.getByLabel('Rule kind').selectOption('product');
  await rules.getByLabel('Rule first part').selectOption('subtotal');
  await rules.getByLabel('Rule second part').selectOption('qty');
  await rules.getByLabel('Rule percent').selectOption('per');
  await rules.getByRole('button', { name: 'Add rule' }).click();
  await expect(rules.getByLabel('Keep unit_price = subtotal / qty')).toBeChecked();
  await rules.getByRole('button', { name: 'Remove unit_price = subtotal / qty' }).click();
  await expect(rules.getByLabel('Keep unit_price = subtotal / qty')).toHaveCount(0);

  // A sign added by hand is listed and can be removed again.
  await rules.getByLabel('Rule column').selectOption('shipping');
  await rules.getByLabel('Rule kind').selectOption('range');
  await rules.getByLabel('Rule minimum').fill('0');
  await rules.getByRole('button', { name: 'Add rule' }).click();
  await expect(rules.getByLabel('Keep shipping ≥ 0')).toBeChecked();
  await rules.getByRole('button', { name: 'Remove shipping ≥ 0' }).click();
  await expect(rules.getByLabel('Keep shipping ≥ 0')).toHaveCount(0);

  await studio.useTinyModel(2);
  await studio.trainToEnd();
  await studio.generate(300);
  const csv = await studio.download('Download CSV');
  const rows = Papa.parse<Record<string, string>>(csv.bytes.toString('utf8'), { header: true, skipEmptyLines: true }).data;
  expect(rows).toHaveLength(300);
  for (const row of rows) {
    if (row.ship_date && row.order_date) expect(row.ship_date >= row.order_date, `${row.order_date} → ${row.ship_date}`).toBe(true);
    expect(row.ship_date === '', `${row.status}, shipped ${row.ship_date}`).toBe(row.status === 'pending');
    if (row.total && row.subtotal && row.shipping) expect(Math.abs(Number(row.total) - Number(row.subtotal) - Number(row.shipping))).toBeLessThan(0.005);
    const [unit, qty, subtotal] = [row.unit_price, row.qty, row.subtotal].map(Number);
    expect(row.shipping, `shipping on a subtotal of ${subtotal}`).toBe(subtotal >= cutoff ? '0.00' : '4.99');
    expect(Math.abs(subtotal - unit * qty), `${unit} × ${qty} → ${subtotal}`).toBeLessThan(0.005 + 1e-9);
    expect(Math.abs(Number(row.tax) - subtotal * TAX[row.category]), `${row.category}: ${subtotal} → ${row.tax}`).toBeLessThan(0.005 + 1e-9);
    expect(row.month, row.order_date).toBe(MONTHS[new Date(row.order_date).getUTCMonth()]);
  }
});

/**
 * Staff: years of service, and a hire date that many years and up to 420 days more before the
 * end of June 2024: near a count of whole years, but not one (that would be a years rule).
 */
function staffCsv(rows = 150): string {
  const lines = ['staff_id,years,hired,team'];
  for (let i = 0; i < rows; i++) {
    const years = (i * 7) % 20;
    const hired = Date.UTC(2024, 5, 30) - (years * 365 + ((i * 97) % 421)) * 86_400_000;
    lines.push([`S${1000 + i}`, years, new Date(hired).toISOString().slice(0, 10), ['Ops', 'Sales'][i % 2]].join(','));
  }
  return lines.join('\n') + '\n';
}

test('a date on a straight line in a count of years is written from that line, so generated rows keep the link', async ({ studio, page }) => {
  await studio.open();
  await studio.chooseBackend('wasm');
  await studio.upload('staff.csv', staffCsv());
  await expect(page.getByTestId('loaded-summary')).toContainText('staff.csv: 150 rows');
  await studio.useTinyModel(1);
  await studio.trainToEnd();
  await expect(page.getByTestId('line-columns')).toContainText('hired (from years)');
  await studio.generate(200);
  const csv = await studio.download('Download CSV');
  const rows = Papa.parse<Record<string, string>>(csv.bytes.toString('utf8'), { header: true, skipEmptyLines: true }).data;
  expect(rows).toHaveLength(200);
  for (const row of rows) {
    // Days before the end of June 2024 past the years' own: 0–420 in the seed; a few days either way for the fitted slope.
    const past = (Date.UTC(2024, 5, 30) - Date.parse(row.hired)) / 86_400_000 - 365 * Number(row.years);
    expect(past, `${row.years} years, hired ${row.hired}`).toBeGreaterThan(-30);
    expect(past, `${row.years} years, hired ${row.hired}`).toBeLessThan(450);
  }
});

/**
 * Patients: a date of birth, a visit, and the age in whole years at the visit; minutes booked
 * and seen, and whether the visit overran (seen longer than booked).
 */
function patientsCsv(rows = 150): string {
  const lines = ['patient,born,visit,age,booked,seen,overran'];
  const day = (ms: number) => new Date(ms).toISOString().slice(0, 10);
  for (let i = 0; i < rows; i++) {
    const born = Date.UTC(1940, 0, 1) + ((i * 7919) % 21_900) * 86_400_000;
    const visit = Date.UTC(2023, 0, 1) + ((i * 37) % 365) * 86_400_000;
    const [b, v] = [new Date(born), new Date(visit)];
    const before = v.getUTCMonth() < b.getUTCMonth() || (v.getUTCMonth() === b.getUTCMonth() && v.getUTCDate() < b.getUTCDate());
    const booked = [15, 20, 30][i % 3];
    const seen = booked + ((i * 17) % 21) - 10;
    const age = v.getUTCFullYear() - b.getUTCFullYear() - (before ? 1 : 0);
    lines.push([`P${i}`, day(born), day(visit), age, booked, seen, seen > booked ? 'yes' : 'no'].join(','));
  }
  return lines.join('\n') + '\n';
}

test('an age counted from a date of birth and a flag of two numbers are found, and generated rows keep both', async ({ studio, page }) => {
  await studio.open();
  await studio.chooseBackend('wasm');
  await studio.upload('patients.csv', patientsCsv());
  const rules = page.getByRole('region', { name: 'Rules' });
  await expect(rules.getByLabel('Keep age = whole years from born to visit')).toBeChecked();
  await expect(rules.getByLabel('Keep overran is yes exactly when booked < seen, else no')).toBeChecked();
  // A flag added by hand is checked against the seed like any rule.
  await rules.getByLabel('Rule kind').selectOption('flag');
  await rules.getByLabel('Rule column').selectOption('overran');
  await rules.getByLabel('Rule value').fill('yes');
  await rules.getByLabel('Rule other column').selectOption('booked');
  await rules.getByLabel('Rule comparison').selectOption('=');
  await rules.getByLabel('Rule second part').selectOption('seen');
  await rules.getByRole('button', { name: 'Add rule' }).click();
  await expect(rules.getByRole('alert')).toContainText(/breaks the rule "overran is yes exactly when booked = seen, else no" in \d+ of 150 rows/);
  await studio.useTinyModel(1);
  await studio.trainToEnd();
  await studio.generate(200);
  const csv = await studio.download('Download CSV');
  const rows = Papa.parse<Record<string, string>>(csv.bytes.toString('utf8'), { header: true, skipEmptyLines: true }).data;
  expect(rows).toHaveLength(200);
  for (const row of rows) {
    const [born, visit] = [row.born, row.visit].map((d) => d.split('-').map(Number));
    const before = visit[1] < born[1] || (visit[1] === born[1] && visit[2] < born[2]);
    expect(Number(row.age), `born ${row.born}, visit ${row.visit}`).toBe(visit[0] - born[0] - (before ? 1 : 0));
    expect(row.overran, `booked ${row.booked}, seen ${row.seen}`).toBe(Number(row.seen) > Number(row.booked) ? 'yes' : 'no');
  }
});
