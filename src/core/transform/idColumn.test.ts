import { describe, expect, it } from 'vitest';
import { Rng } from '../util/rng';
import { inferSchema } from '../data/schema';
import { tableFromColumns } from '../data/table';
import { IdGenerator } from './idColumn';

describe('IdGenerator', () => {
  it('numbers past the seed, keeping the text around the number', () => {
    expect(new IdGenerator(['CUST-0042', null, 'CUST-0007']).take(2, 0)).toEqual(['CUST-0043', 'CUST-0044']);
    expect(new IdGenerator(['0', '1', '17'], 'row').take(2, 0)).toEqual(['18', '19']);
    expect(new IdGenerator(['user7@example.com', 'user12@example.com']).take(2, 5)).toEqual(['user18@example.com', 'user19@example.com']);
  });

  it('keeps the IDs\' width where numbering past the largest would outgrow it, using numbers no seed ID has', () => {
    // 900 employees numbered at random in four digits, the largest 9998.
    const numbers = new Set<number>([9998]);
    for (let k = 1; numbers.size < 900; k++) numbers.add((k * 7919) % 9999);
    const seed = [...numbers].map((n) => `EMP-${String(n).padStart(4, '0')}`);
    const ids = new IdGenerator(seed).take(1800, 0);
    expect(ids.every((id) => /^EMP-\d{4}$/.test(id))).toBe(true);
    expect(new Set(ids).size).toBe(1800);
    expect(ids.filter((id) => seed.includes(id))).toEqual([]);
    expect(ids[0]).toBe('EMP-9999');
    // Rebuilt from its saved state it writes the same; past every free number, it grows.
    expect(new IdGenerator(new IdGenerator(seed).toState()).take(4, 900)).toEqual(ids.slice(900, 904));
    expect(new IdGenerator(['A-98', 'A-97', 'A-10']).take(89, 0).slice(-3)).toEqual(['A-96', 'A-100', 'A-101']);
    // Numbers with no leading zero stay at their width's least: 1000 to 9999.
    expect(new IdGenerator(['1000', '9998', '1003']).take(3, 0)).toEqual(['9999', '1001', '1002']);
  });

  it('keeps prefixes that differ only in a year, in the seed\'s shares', () => {
    const seed = [...Array.from({ length: 150 }, (_, i) => `F2022-${String(i + 1).padStart(4, '0')}`), ...Array.from({ length: 150 }, (_, i) => `F2023-${String(i + 151).padStart(4, '0')}`)];
    const ids = new IdGenerator(seed).take(1000, 0);
    expect(ids.every((id) => /^F202[23]-\d{4}$/.test(id))).toBe(true);
    expect(ids.filter((id) => id.startsWith('F2022-')).length).toBeGreaterThan(450);
    expect(new Set(ids).size).toBe(1000);
    expect(ids.slice(0, 2).map((id) => id.slice(-4))).toEqual(['0301', '0302']);
    // Rebuilt from its saved state, it writes the same IDs.
    expect(new IdGenerator(new IdGenerator(seed).toState()).take(5, 40)).toEqual(new IdGenerator(seed).take(5, 40));
  });

  it('writes IDs that share no number pattern but one shape (a VIN, a UUID) fresh in that shape', () => {
    const rng = new Rng(4);
    const draw = (chars: string, n: number) => Array.from({ length: n }, () => chars[rng.int(chars.length)]).join('');
    const vinChars = '0123456789ABCDEFGHJKLMNPRSTUVWXYZ';
    const vins = Array.from({ length: 300 }, () => draw(vinChars, 17));
    const fresh = new IdGenerator(vins, 'vin').take(500, 0);
    expect(new Set(fresh).size).toBe(500);
    expect(fresh.every((v) => /^[0-9A-HJ-NPR-Z]{17}$/.test(v) && !vins.includes(v))).toBe(true);
    const hex = '0123456789abcdef';
    const uuids = Array.from({ length: 100 }, () => [8, 4, 4, 4, 12].map((n) => draw(hex, n)).join('-'));
    const state = new IdGenerator(uuids, 'uuid').toState();
    const again = new IdGenerator(state).take(3, 7);
    expect(again).toEqual(new IdGenerator(uuids, 'uuid').take(3, 7));
    expect(again.every((v) => /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/.test(v))).toBe(true);
    // A number plate: seven drawn characters about a space, as many IDs as eight digits make.
    const capitals = 'ABCDEFGHJKLMNPRSTUVWXYZ';
    const plates = Array.from({ length: 200 }, () => `${draw(capitals, 2)}${draw('0123456789', 2)} ${draw(capitals, 3)}`);
    const platesAfter = new IdGenerator(plates, 'Vehicle Plate').take(300, 0);
    expect(platesAfter.every((v) => /^[A-Z]{2}\d{2} [A-Z]{3}$/.test(v) && !plates.includes(v))).toBe(true);
    expect(inferSchema(tableFromColumns(['Vehicle Plate'], [plates.flatMap((p) => [p, p, p])]))[0].kind).toBe('id');
    // A phone number in its own shape, though its digits could be numbered on.
    const phones = Array.from({ length: 200 }, () => `07${draw('0123456789', 3)} ${draw('0123456789', 6)}`);
    const phonesAfter = new IdGenerator(phones, 'Client Phone').take(300, 0);
    expect(phonesAfter.every((v) => /^07\d{3} \d{6}$/.test(v) && !phones.includes(v))).toBe(true);
    // Codes that differ in length: no shape, no part of them written.
    expect(new IdGenerator(Array.from({ length: 30 }, (_, k) => `ab${'c'.repeat(k % 3)}-x`), 'code').take(1, 0)).toEqual(['code-1']);
  });

  it('writes no part of one person\'s value', () => {
    expect(new IdGenerator(['ann lee', 'bo chan'], 'name').take(2, 0)).toEqual(['name-1', 'name-2']);
    expect(new IdGenerator(['ann.lee7@mail.com', 'bo.chan12@web.org'], 'email').take(1, 0)).toEqual(['user13@example.com']);
    expect(new IdGenerator(['ann.lee@mail.com', 'bo.chan@web.org'], 'email').take(1, 0)).toEqual(['user1@example.com']);
    expect(new IdGenerator(['ann7@mail.com', 'bo12@mail.com'], 'email').take(1, 0)).toEqual(['user13@mail.com']);
    expect(new IdGenerator(['https://ann.dev/me', 'https://bo.io/about'], 'site').take(1, 0)).toEqual(['https://example.com/1']);
    expect(new IdGenerator(['https://shop.io/p/7', 'https://shop.io/p/12'], 'page').take(1, 0)).toEqual(['https://shop.io/p/13']);
  });

  it('writes people\'s names as fresh names, none of them the seed\'s, the same again from the saved state', () => {
    const seed = ['Ann Lee', 'Bo Chan', 'Sean Palmer (Trade)', ...Array.from({ length: 40 }, (_, k) => `Aaliyah Abbott${k ? 'son'.repeat(k) : ''}`)];
    const names = new IdGenerator(seed, 'Customer');
    const fresh = names.take(5_000, 0);
    expect(fresh.every((n) => /^\p{Lu}[\p{L}']+( [A-Z]\.)? \p{Lu}[\p{L}']+$/u.test(n))).toBe(true);
    expect(new Set(fresh).size).toBe(5_000);
    // The first name of the lists is the seed's own, so it is passed over.
    expect(fresh.filter((n) => seed.includes(n))).toEqual([]);
    expect(new IdGenerator(seed, 'Customer').take(10_000, 0)).toContain('Aaliyah A. Abbott');
    // Another column of names names other people on the same rows.
    expect(new IdGenerator(seed, 'Partner').take(5_000, 0).filter((n, i) => n === fresh[i])).toEqual([]);
    const state = JSON.parse(JSON.stringify(names.toState()));
    expect(JSON.stringify(state)).not.toMatch(/Ann|Chan|Abbott/);
    expect(new IdGenerator(state, 'Customer').take(50, 100)).toEqual(names.take(50, 100));
  });

  it('numbers IDs by their longest-varying run of digits, keeping a check digit after it', () => {
    // Meter numbers: Z, six digits, a dash and a digit.
    const seed = Array.from({ length: 300 }, (_, i) => `Z${700000 + ((i * 7919) % 99999)}-${i % 10}`);
    const ids = new IdGenerator(seed).take(600, 0);
    expect(ids.every((id) => /^Z\d{6}-\d$/.test(id))).toBe(true);
    expect(new Set(ids).size).toBe(600);
    expect(ids.filter((id) => seed.includes(id))).toEqual([]);
    expect(new Set(ids.map((id) => id.slice(-1))).size).toBe(10);
    expect(new IdGenerator(new IdGenerator(seed).toState()).take(5, 40)).toEqual(ids.slice(40, 45));
    // Endings of one person's own, or too many to be a few codes, are not kept.
    expect(new IdGenerator(['A-1-x7', 'A-2-y7', 'A-3-q7']).take(1, 0)).toEqual(['A-47']);
  });
});
