import { describe, expect, it } from 'vitest';
import { inferSchema } from '../data/schema';
import { tableFromColumns } from '../data/table';
import { Rng } from '../util/rng';
import { IdGenerator } from './idColumn';
import { TableTransformer } from './transformer';
import { untrainedRows } from './untrained';

describe('an ID prefix that follows a column', () => {
  const rng = new Rng(3);
  const days = Array.from({ length: 300 }, () => Date.UTC(2021, 0, 1) + rng.int(3 * 365) * 86_400_000).sort((a, b) => a - b);
  const listed = days.map((d) => new Date(d).toISOString().slice(0, 10));
  const ids = days.map((d, r) => `LST-${new Date(d).getUTCFullYear()}-${String(r + 1).padStart(5, '0')}`);
  const category = days.map(() => ['Apps', 'Grocery', 'Toys'][rng.int(3)]);
  const sku = category.map((c, r) => `${c.slice(0, 3).toUpperCase()}-${String(r + 1).padStart(4, '0')}`);
  const table = tableFromColumns(['Listing ID', 'SKU', 'Category', 'Listed', 'Price'], [ids, sku, category, listed, days.map(() => String(10 + rng.int(90)))]);
  const schema = inferSchema(table);

  it('takes the year of its date, and a code its category, on every row decoded from random model output and after a save', () => {
    expect(schema.slice(0, 2).map((c) => c.kind)).toEqual(['id', 'id']);
    const transformer = new TableTransformer(table, schema, 1, { rules: [] });
    for (const t of [transformer, new TableTransformer(JSON.parse(JSON.stringify(transformer.toState())))]) {
      const out = t.decode(untrainedRows(t.layout.width, 2_000, 9), 2_000, new Rng(2));
      const col = (name: string) => out.columns[out.names.indexOf(name)];
      const [id, code, cat, day] = ['Listing ID', 'SKU', 'Category', 'Listed'].map(col);
      expect(id.filter((x, r) => x!.slice(4, 8) !== day[r]!.slice(0, 4))).toEqual([]);
      expect(code.filter((x, r) => x!.slice(0, 3) !== cat[r]!.slice(0, 3).toUpperCase())).toEqual([]);
      expect(new Set(id).size).toBe(2_000);
      expect(id.filter((x) => ids.includes(x!))).toEqual([]);
    }
  });

  it('keeps codes in capitals shared by many IDs, not names', () => {
    expect(new IdGenerator(sku).take(3, 0).every((x) => /^(APP|GRO|TOY)-\d{4}$/.test(x))).toBe(true);
    const names = Array.from({ length: 40 }, (_, r) => `${['ann', 'bo'][r % 2]}-${r + 1}`);
    expect(new IdGenerator(names, 'user').take(1, 0)).toEqual(['user-41']);
  });

  it('keeps a code in parts, an ending its category fixes, and the year and month of its date', () => {
    const country = days.map(() => ['DE', 'FR', 'NL'][rng.int(3)]);
    const show = days.map(() => ['CAR', 'HAM'][rng.int(2)]);
    const waybill = country.map((c, r) => `PX${listed[r].slice(2, 4)}${listed[r].slice(5, 7)}-${String(100_000 + r * 7).padStart(6, '0')}-${c}`);
    const visit = days.map((_, r) => `VET-${listed[r].slice(2, 4)}-${String(r + 1).padStart(5, '0')}`);
    const booking = show.map((c, r) => `TH24-${c}-${String(r + 1).padStart(5, '0')}`);
    const t = tableFromColumns(['Waybill', 'Booking', 'Country', 'Show', 'Listed', 'Visit'], [waybill, booking, country, show, listed, visit]);
    const transformer = new TableTransformer(t, inferSchema(t), 1, { rules: [] });
    const out = transformer.decode(untrainedRows(transformer.layout.width, 1_000, 9), 1_000, new Rng(2));
    const [way, book, land, act] = out.columns;
    const day = out.columns[4];
    expect(out.columns[5].filter((x, r) => x!.slice(4, 6) !== day[r]!.slice(2, 4))).toEqual([]);
    expect(way.filter((x, r) => !/^PX\d{4}-\d{6}-(DE|FR|NL)$/.test(x!) || x!.slice(-2) !== land[r] || x!.slice(2, 6) !== day[r]!.slice(2, 4) + day[r]!.slice(5, 7))).toEqual([]);
    expect(book.filter((x, r) => !/^TH24-(CAR|HAM)-\d{5}$/.test(x!) || x!.slice(5, 8) !== act[r])).toEqual([]);
  });

  it('keeps blank IDs: where a category decides them, and else in the seed\'s share', () => {
    const organic = days.map(() => (rng.next() < 0.3 ? 'Y' : 'N'));
    const cert = organic.map((o, r) => (o === 'Y' ? `OC-${10_000 + r * 13}` : null));
    const ref = days.map((_, r) => (r % 4 === 0 ? null : `R-${1000 + r}`));
    const t = tableFromColumns(['Organic', 'Cert', 'Ref', 'Listed'], [organic, cert, ref, listed]);
    const transformer = new TableTransformer(t, inferSchema(t), 1, { rules: [] });
    for (const tr of [transformer, new TableTransformer(JSON.parse(JSON.stringify(transformer.toState())))]) {
      const out = tr.decode(untrainedRows(tr.layout.width, 1_000, 9), 1_000, new Rng(2));
      const [org, certs, refs] = out.columns;
      expect(certs.filter((c, r) => (c === null) !== (org[r] === 'N'))).toEqual([]);
      const share = refs.filter((x) => x === null).length / refs.length;
      expect(share).toBeGreaterThan(0.2);
      expect(share).toBeLessThan(0.3);
    }
  });
});
