import { describe, expect, it } from 'vitest';
import { parseDelimitedText } from './parse';
import { describeNumbers, inferColumn, inferSchema } from './schema';
import { tableFromColumns } from './table';

const kinds = (csv: string) => Object.fromEntries(inferSchema(parseDelimitedText(csv)).map((c) => [c.name, c]));

describe('inferSchema', () => {
  it('reads tricky columns as a person would', () => {
    const rows = Array.from({ length: 40 }, (_, i) =>
      [
        `C-${1000 + i}`,
        i % 5 === 0 ? '' : String(20 + (i % 7)),
        `${(i % 3) + 1}.0`,
        `"Smith, ${['Ann', 'Bo'][i % 2]}"`,
        `2023-0${(i % 9) + 1}-1${i % 10}`,
        i % 2 ? 'yes' : 'no',
        'same',
        (i * 1.25).toFixed(2),
      ].join(','),
    );
    const schema = kinds(['customer_id,age,rating,name,signup,active,source,spend', ...rows].join('\n'));
    expect(schema.customer_id.kind).toBe('id');
    expect(schema.age.kind).toBe('numeric');
    expect(schema.age.missingShare).toBeCloseTo(8 / 40);
    expect(schema.age.numeric).toMatchObject({ integer: true, decimals: 0, min: 20, max: 26 });
    expect(schema.rating.kind).toBe('numeric');
    expect(schema.rating.numeric).toMatchObject({ integer: true, decimals: 1 });
    expect(schema.name.kind).toBe('categorical');
    expect(schema.name.distinct).toBe(2);
    expect(schema.signup.kind).toBe('datetime');
    expect(schema.signup.date).toMatchObject({ order: 'ymd', sep: '-', time: 'none' });
    expect(schema.active.kind).toBe('boolean');
    expect(schema.source.kind).toBe('constant');
    expect(schema.spend.numeric).toMatchObject({ integer: false, decimals: 2 });
  });

  it('tells day-first dates from month-first ones and keeps time of day', () => {
    const schema = kinds('a,b\n31/01/2024 10:00,01/31/2024\n02/03/2024 11:30,02/03/2024\n05/04/2024 12:15,12/25/2024');
    expect(schema.a.date).toMatchObject({ order: 'dmy', sep: '/', time: 'hm', timeSep: ' ' });
    expect(schema.b.date).toMatchObject({ order: 'mdy' });
  });

  it('reads a few numbers among words as labels, not numbers with notes', () => {
    const units = Array.from({ length: 40 }, (_, r) => ['Studio', '1BR', '2BR', '3BR', 'Commercial'][r % 5]);
    expect(inferColumn('Unit type', units).kind).toBe('categorical');
    const weights = Array.from({ length: 40 }, (_, r) => (r % 10 === 0 ? 'n/a' : String(50 + r)));
    expect(inferColumn('Weight', weights).kind).toBe('numeric');
  });

  it('reads dates that read either way day-first where the file\'s other dates or decimal commas say so', () => {
    const starts = ['01/01/2024', '01/02/2024', '01/03/2024', '01/11/2024'];
    const paid = ['07/01/2024', '15/02/2024', '05/03/2024', '28/11/2024'];
    const both = inferSchema(tableFromColumns(['Start', 'Paid'], [starts, paid]));
    expect(both.map((c) => c.date?.order)).toEqual(['dmy', 'dmy']);
    const comma = inferSchema(tableFromColumns(['Start', 'Rent'], [starts, ['489,60', '376,80', '501,00', '99,90']]));
    expect(comma[0].date?.order).toBe('dmy');
    // Alone, and beside plain numbers, such dates stay month-first.
    expect(inferSchema(tableFromColumns(['Start', 'Rent'], [starts, ['489.60', '376.80', '501.00', '99.90']]))[0].date?.order).toBe('mdy');
  });

  it('treats unique whole numbers named as a record\'s number (Rx #, Invoice No.) as an ID, not a measure', () => {
    // Prescription numbers with gaps: not sequential, so only the name says they name records.
    const numbers = Array.from({ length: 200 }, (_, r) => String(600_001 + r * 7 + (r % 3)));
    for (const name of ['Rx #', 'Rx#', 'Invoice No.', 'Ticket Nr', 'Order Number', 'policy_no']) expect(inferColumn(name, numbers).kind, name).toBe('id');
    for (const name of ['Weight', 'Number of items', 'Notes']) expect(inferColumn(name, numbers).kind, name).toBe('numeric');
  });

  it('treats a key an order\'s lines repeat as an ID, so no real order\'s ID is written out, but not a vehicle seen many times', () => {
    const orders = Array.from({ length: 100 }, (_, r) => `ORD-${1000 + Math.floor(r / 1.4)}`);
    expect(inferColumn('Order ID', orders).kind).toBe('id');
    expect(inferColumn('order_id', orders.map((o) => o.slice(4))).kind).toBe('id');
    expect(inferColumn('Vehicle ID', Array.from({ length: 100 }, (_, r) => `FL-${r % 12}`)).kind).toBe('categorical');
    expect(inferColumn('Order', orders).kind).toBe('categorical');
    // Plates, email addresses: a person's, however often they repeat, under any header.
    expect(inferColumn('Vehicle Plate', Array.from({ length: 100 }, (_, r) => `AB${10 + (r % 40)} XYZ`)).kind).toBe('id');
    // Customers by name over their repeat orders: 21 people on 300 rows, not a category that names them again.
    expect(inferColumn('Customer', Array.from({ length: 300 }, (_, r) => ['Lily Lewis', 'Lucy Hughes', 'Omar Shah', 'Ben Cole', 'Ada Reed', 'Ivy Ng', 'Tom Hart', 'Sam Price', 'Eve Long', 'Max Dale', 'Zoe Hill', 'Ian Moss', 'Amy Ford', 'Joe Wren', 'Kit Lowe', 'Ned Shaw', 'Ola Bird', 'Pam Lake', 'Ray Cook', 'Sue Dunn', 'Tim Gale'][r % 21])).kind).toBe('id');
    // Plants read as names too, and repeat as much: under a header that names no person they stay a category.
    expect(inferColumn('Plant', Array.from({ length: 300 }, (_, r) => ['Lavender Hidcote', 'Hydrangea Annabelle', 'Box Ball', 'Clematis Montana'][r % 4])).kind).toBe('categorical');
    // A client's phone over their appointments, a device's IMEI over its repairs: a person's, not a category.
    expect(inferColumn('Client Phone', Array.from({ length: 400 }, (_, r) => `07700 9${String(100 + (r % 90)).padStart(5, '0')}`)).kind).toBe('id');
    expect(inferColumn('Device', Array.from({ length: 400 }, (_, r) => String(350_000_000_000_000 + 7919 * (r % 90)))).kind).toBe('id');
    // A postcode district or a ZIP code repeats over an area's people: it stays a category.
    expect(inferColumn('Postcode', Array.from({ length: 400 }, (_, r) => `TN${1 + (r % 30)}`)).kind).toBe('categorical');
    expect(inferColumn('ZIP', Array.from({ length: 400 }, (_, r) => String(10_001 + (r % 30)))).kind).toBe('categorical');
    // A full postcode is a street's: 54 customers' over 660 weekly boxes are an ID.
    expect(inferColumn('Postcode', Array.from({ length: 660 }, (_, r) => `TN${1 + (r % 54)} 1XP`)).kind).toBe('id');
    // Full postcodes, a few households' each (175 over 860 rows), are an ID: as a category each named a real member's home.
    expect(inferColumn('Postcode', Array.from({ length: 860 }, (_, r) => `GU${1 + (r % 175) % 9} ${r % 175}PB`)).kind).toBe('id');
    // A customer's account as codes over their orders is an ID; a ledger's accounts by name stay a category.
    expect(inferColumn('Account', Array.from({ length: 640 }, (_, r) => `ACC-${7000 + (r % 103)}`)).kind).toBe('id');
    expect(inferColumn('Account', Array.from({ length: 640 }, (_, r) => `Ledger ${'ABCDEFGHIJKLMNOPQRSTUVWXY'[r % 25]}`)).kind).toBe('categorical');
    // A note after some names (`Sean Palmer (Trade)`) leaves them people's names.
    const buyers = Array.from({ length: 30 }, (_, k) => `${['Ann', 'Bo', 'Cy', 'Di', 'Ed', 'Flo'][k % 6]} ${['Lee', 'Ng', 'Ray', 'Orr', 'Fox'][Math.floor(k / 6)]}${k % 4 === 0 ? ' (Trade)' : ''}`);
    expect(inferColumn('Customer', Array.from({ length: 300 }, (_, r) => buyers[r % 30])).kind).toBe('id');
    // A registration under its short name too: a taxi firm's 42 cabs over 800 trips.
    expect(inferColumn('Vehicle Reg', Array.from({ length: 800 }, (_, r) => `AB${10 + (r % 42)} XYZ`)).kind).toBe('id');
    expect(inferColumn('Contact', Array.from({ length: 100 }, (_, r) => `parent${r % 30}@mail.com`)).kind).toBe('id');
    expect(inferColumn('Contact', Array.from({ length: 100 }, (_, r) => ['Email', 'Phone'][r % 2])).kind).toBe('categorical');
    // A bare `#` names a count as often as a record: a stock level over many rows each is a number, an order's lines' number a key.
    expect(inferColumn('Stock (before) #', Array.from({ length: 650 }, (_, r) => String(1 + ((r * 7) % 40)))).kind).toBe('numeric');
    expect(inferColumn('Order #', Array.from({ length: 300 }, (_, r) => String(5000 + Math.floor(r / 3)))).kind).toBe('id');
    // Investigators by name over their grants, names with particles and inner capitals among them.
    const investigators = Array.from({ length: 40 }, (_, k) => `${['Zoë', 'José', 'Siân', 'Wei', 'Ewan'][k % 5]} ${['van der Berg', 'MacLeod', "O'Brien", 'Nguyễn', 'de la Cruz', 'Okafor', 'McKay', 'Åberg'][Math.floor(k / 5)]}`);
    expect(inferColumn('Principal Investigator', Array.from({ length: 450 }, (_, r) => investigators[r % 40])).kind).toBe('id');
  });

  it('treats near-unique text as an ID, not as thousands of categories', () => {
    const rows = Array.from({ length: 100 }, (_, i) => `comment number ${i % 95} here`);
    expect(kinds(['note', ...rows].join('\n')).note.kind).toBe('id');
  });

  it('treats a column of people\'s names as an ID even when names repeat, but not places or a handful of names', () => {
    const first = ['Ann', 'Bo', 'Chloé', 'Dev', 'Eva', 'Femi', 'Gus', 'Hana', 'Ivo', 'Jae', 'Kai', 'Lou'];
    const last = ['Lee', 'Chan', "O'Neil", 'Moreau', 'Singh', 'Okafor', 'Berg', 'Ito'];
    // 96 names over 150 rows: too repeated for the near-unique rule, and each still one person's.
    const names = Array.from({ length: 150 }, (_, i) => `${first[i % 12]} ${last[Math.floor(i / 12) % 8]}`);
    expect(inferColumn('Employee', names).kind).toBe('id');
    expect(inferColumn('Full name', names.map((n) => n.toLowerCase())).kind).toBe('id');
    expect(inferColumn('City', names).kind).toBe('categorical');
    const reps = Array.from({ length: 150 }, (_, i) => names[i % 6]);
    expect(inferColumn('Sales rep', reps).kind).toBe('categorical');
  });

  it('counts common missing tokens as missing', () => {
    const schema = kinds('x,y\n1,a\n?,b\nNA,a\n4,\n5,N/A');
    expect(schema.x.missingShare).toBeCloseTo(0.4);
    expect(schema.y.missingShare).toBeCloseTo(0.4);
  });

  it('reads money, decimal commas and percentages as numbers in their own style, and padded codes as text', () => {
    const rows = Array.from({ length: 60 }, (_, i) =>
      [`"$${(1000 + i * 137.5).toLocaleString('en-US', { minimumFractionDigits: 2 })}"`, `"${(i / 7).toFixed(3).replace('.', ',')}"`, `${i % 9}%`, String(i % 12).padStart(5, '0')].join(','),
    );
    const schema = kinds(['price,weight,share,zip', ...rows].join('\n'));
    expect(schema.price.kind).toBe('numeric');
    expect(schema.price.numeric).toMatchObject({ decimals: 2, min: 1000, max: 1000 + 59 * 137.5, style: { prefix: '$', group: ',', decimal: '.' } });
    expect(schema.weight.kind).toBe('numeric');
    expect(schema.weight.numeric).toMatchObject({ decimals: 3, style: { decimal: ',' } });
    const books = kinds(['balance', ...Array.from({ length: 30 }, (_, i) => (i % 3 ? `"${(i * 1234.5).toLocaleString('en-US', { minimumFractionDigits: 2 })}"` : `"(${i}.25)"`))].join('\n'));
    expect(books.balance.kind).toBe('numeric');
    expect(books.balance.numeric).toMatchObject({ decimals: 2, min: -27.25, style: { group: ',', parens: true } });
    expect(schema.share.numeric).toMatchObject({ integer: true, max: 8, style: { suffix: '%' } });
    expect(schema.zip.kind).toBe('categorical');
  });

  it('keeps a numeric column numeric when a few cells hold stray notes', () => {
    const rows = Array.from({ length: 100 }, (_, i) => (i % 40 === 7 ? 'unknown' : String(1000 + i * 13.5)));
    const schema = kinds(['income', ...rows].join('\n'));
    expect(schema.income.kind).toBe('numeric');
    expect(schema.income.numeric).toMatchObject({ integer: false, min: 1000, max: 1000 + 99 * 13.5 });
    expect(schema.income.notes).toEqual(['unknown']);
    const noisy = Array.from({ length: 100 }, (_, i) => (i % 10 === 0 ? `note ${i}` : String(i)));
    expect(kinds(['x', ...noisy].join('\n')).x.kind).not.toBe('numeric');
  });

  it('keeps numbers numeric when up to half the cells are notes that repeat', () => {
    const lab = Array.from({ length: 200 }, (_, i) => (i % 5 === 0 ? '<0.5' : i % 10 === 1 ? 'not tested' : (0.5 + (i % 17) / 4).toFixed(2)));
    const schema = kinds(['level', ...lab].join('\n'));
    expect(schema.level.kind).toBe('numeric');
    expect(schema.level.numeric).toMatchObject({ decimals: 2, min: 0.5 });
    expect(schema.level.notes).toEqual(['<0.5', 'not tested']);
    const mostlyText = Array.from({ length: 100 }, (_, i) => (i % 3 ? ['low', 'high'][i % 2] : String(i)));
    expect(kinds(['x', ...mostlyText].join('\n')).x.kind).toBe('categorical');
  });

  it('keeps dates dates when some cells are notes such as "ongoing"', () => {
    const ends = Array.from({ length: 60 }, (_, i) => (i % 4 === 0 ? 'ongoing' : i % 9 === 0 ? 'unknown' : `2023-${String(1 + (i % 12)).padStart(2, '0')}-${String(1 + (i % 28)).padStart(2, '0')}`));
    const schema = kinds(['end date', ...ends].join('\n'));
    expect(schema['end date'].kind).toBe('datetime');
    expect(schema['end date'].notes).toEqual(['ongoing', 'unknown']);
  });

  it('finds the round step every value falls on', () => {
    const step = (values: string[]) => kinds(['x', ...values].join('\n')).x.numeric?.step;
    expect(step(Array.from({ length: 40 }, (_, i) => String(30_000 + ((i * 7919) % 40) * 1000)))).toBe(1000);
    expect(step(Array.from({ length: 40 }, (_, i) => (1 + (i % 9) / 2).toFixed(1)))).toBe(0.5);
    expect(step(Array.from({ length: 40 }, (_, i) => ((i * 37) % 100 / 4).toFixed(2)))).toBe(0.25);
    expect(step(Array.from({ length: 40 }, (_, i) => String(20 + ((i * 13) % 45))))).toBeUndefined();
    expect(step(Array.from({ length: 40 }, (_, i) => `${i % 7}.99`))).toBeUndefined();
    expect(step(Array.from({ length: 10 }, (_, i) => String(i * 100)))).toBeUndefined();
  });

  it('keeps codes written in digits as text when the column is named for them', () => {
    const zips = Array.from({ length: 60 }, (_, i) => String(90210 + (i % 12) * 7));
    expect(kinds(['Zip Code', ...zips].join('\n'))['Zip Code'].kind).toBe('categorical');
    expect(kinds(['postal_code', ...zips].join('\n')).postal_code.kind).toBe('categorical');
    expect(kinds(['zipper size', ...zips].join('\n'))['zipper size'].kind).toBe('numeric');
  });
});

describe('describeNumbers', () => {
  it('says how a number column is written, as the schema panel and the CLI show it', () => {
    const amounts = Array.from({ length: 40 }, (_, i) => `${10 + i}.${i % 2 ? '500' : '050'},00 €`);
    expect(describeNumbers(inferColumn('Amount', amounts).numeric!)).toBe('integer, written like 1.234,50 €, in steps of 50,00 €');
    expect(describeNumbers(inferColumn('rate', ['1.25', '2.5', '3.75']).numeric!)).toMatch(/^2 dp/);
  });
});
