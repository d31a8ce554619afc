import { describe, expect, it } from 'vitest';
import { inferSchema } from '../data/schema';
import { tableFromColumns } from '../data/table';
import { Rng } from '../util/rng';
import { findDerivations } from './derived';
import { TableTransformer } from './transformer';

const LEVELS = ['HS', 'College', 'Masters', 'Doctorate'];
const YEARS = ['9', '10', '14', '16'];

function schooling(rows: number) {
  const rng = new Rng(3);
  const level: string[] = [];
  const years: string[] = [];
  const hours: string[] = [];
  for (let r = 0; r < rows; r++) {
    const k = rng.int(4);
    level.push(LEVELS[k]);
    years.push(YEARS[k]);
    hours.push(String(20 + rng.int(40)));
  }
  return tableFromColumns(['level', 'years', 'hours'], [level, years, hours]);
}

describe('findDerivations', () => {
  it('finds a numeric code that a categorical label fixes, and nothing else', () => {
    const table = schooling(400);
    const schema = inferSchema(table);
    expect(schema[1].kind).toBe('numeric');
    const found = findDerivations(table, schema);
    expect(found.map((d) => [d.column, d.source])).toEqual([[1, 0]]);
    expect(found[0].map.get('Masters')).toBe('14');
  });

  it('derives the country from the city, never the city from the country', () => {
    const rng = new Rng(8);
    const cities = { Oslo: 'Norway', Bergen: 'Norway', Lima: 'Peru', Cusco: 'Peru', Pune: 'India' } as Record<string, string>;
    const names = Object.keys(cities);
    const country: string[] = [];
    const city: string[] = [];
    for (let r = 0; r < 300; r++) {
      city.push(names[rng.int(names.length)]);
      country.push(cities[city[r]]);
    }
    const table = tableFromColumns(['country', 'city'], [country, city]);
    expect(findDerivations(table, inferSchema(table)).map((d) => [d.column, d.source])).toEqual([[0, 1]]);
  });

  it('keeps the earlier of two labels that fix each other, and follows chains to a modelled column', () => {
    // Columns: region (fixed by city), city, code (one per city), area (fixed by region).
    const regionOf = ['north', 'north', 'south', 'south', 'east', 'east'];
    const areaOf = { north: 'A', south: 'A', east: 'B' } as Record<string, string>;
    const rng = new Rng(2);
    const cols: string[][] = [[], [], [], []];
    for (let r = 0; r < 600; r++) {
      const c = rng.int(6);
      cols[0].push(regionOf[c]);
      cols[1].push(`city${c}`);
      cols[2].push(`C-${c}`);
      cols[3].push(areaOf[regionOf[c]]);
    }
    const table = tableFromColumns(['region', 'city', 'code', 'area'], cols);
    const found = findDerivations(table, inferSchema(table));
    expect(found.map((d) => [d.column, d.source])).toEqual([
      [0, 1],
      [2, 1],
      [3, 1],
    ]);
    expect(found[2].map.get('city4')).toBe('B');
    expect(found[2].map.get('city1')).toBe('A');
  });

  it('needs more evidence than small groups that happen to agree', () => {
    // Twenty pairs of rows, each pair sharing a yes/no: as likely as 1 in a million by chance.
    const key = Array.from({ length: 40 }, (_, r) => `k${Math.floor(r / 2)}`);
    const flag = key.map((k) => (Number(k.slice(1)) % 3 === 0 ? 'yes' : 'no'));
    const table = tableFromColumns(['key', 'flag'], [key, flag]);
    const schema = inferSchema(table).map((c) => ({ ...c, kind: 'categorical' as const }));
    expect(findDerivations(table, schema)).toEqual([]);
  });

  it('leaves excluded columns and one with a single exception alone', () => {
    const table = schooling(400);
    table.columns[1][7] = '11';
    expect(findDerivations(table, inferSchema(table))).toEqual([]);
    const clean = schooling(400);
    const schema = inferSchema(clean).map((c, i) => (i === 1 ? { ...c, include: false } : c));
    expect(findDerivations(clean, schema)).toEqual([]);
  });
});

describe('TableTransformer with derived columns', () => {
  it('models the label only and writes the code from it on every row', () => {
    const table = schooling(400);
    const schema = inferSchema(table);
    const t = new TableTransformer(table, schema, 1);
    expect(t.derived).toEqual([{ name: 'years', source: 'level' }]);
    const plain = new TableTransformer(table, schema, 1, { derive: false });
    expect(t.layout.width).toBeLessThan(plain.layout.width);
    // Random model rows: whatever the level decodes to, the years match it.
    const rng = new Rng(4);
    const data = Float32Array.from({ length: 200 * t.layout.width }, () => rng.normal());
    const back = t.decode(data, 200, new Rng(5));
    expect(back.names).toEqual(['level', 'years', 'hours']);
    back.columns[0].forEach((level, r) => expect(back.columns[1][r]).toBe(YEARS[LEVELS.indexOf(level!)]));
    const fixed = t.decode(data, 200, new Rng(5), 0, { column: 'level', value: 'Doctorate' });
    expect(new Set(fixed.columns[1])).toEqual(new Set(['16']));
  });
});
