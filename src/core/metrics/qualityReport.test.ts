import { describe, expect, it } from 'vitest';
import type { Rule } from '../data/rules';
import { inferSchema } from '../data/schema';
import { tableFromColumns, type Table } from '../data/table';
import { Rng } from '../util/rng';
import { studioReport, withUsefulness, type StudioReport } from './qualityReport';
import { exactCopyRate, singleCopyChance } from './privacy';
import { shuffledBaseline } from './relations';

/** People whose spend follows income and whose plan follows spend; `end` is always after `start`. */
function people(rows: number, seed: number): Table {
  const rng = new Rng(seed);
  const cols: string[][] = [[], [], [], [], []];
  for (let i = 0; i < rows; i++) {
    const income = 20 + 80 * rng.next();
    const spend = income * 0.4 + 5 * rng.next();
    const start = 10 * rng.next();
    cols[0].push(income.toFixed(3));
    cols[1].push(spend.toFixed(3));
    cols[2].push(spend > 25 ? 'gold' : 'basic');
    cols[3].push(start.toFixed(3));
    cols[4].push((start + 1 + 5 * rng.next()).toFixed(3));
  }
  return tableFromColumns(['income', 'spend', 'plan', 'start', 'end'], cols);
}

const ORDER: Rule = { kind: 'order', low: 'start', high: 'end' };
const train = people(400, 1);
const holdout = people(200, 2);
const schema = inferSchema(train);
const figure = (r: StudioReport, key: string) => r.figures.find((f) => f.key === key);

describe('studioReport', () => {
  it('flags a column of names handed back row after row, though no whole row is a copy', () => {
    // Each person has a name of their own; the plan repeats, so the name column is a category.
    const named = (t: Table, names: string[]) => ({ ...t, names: [...t.names, 'name'], columns: [...t.columns, names] });
    const people400 = Array.from({ length: 400 }, (_, i) => `Person ${i}`);
    const withNames = named(train, people400.map((n, i) => (i < 40 ? 'Person 0' : n)));
    const nameSchema = inferSchema(withNames).map((c) => (c.name === 'name' ? { ...c, kind: 'categorical' as const } : c));
    const held = named(holdout, Array.from({ length: 200 }, (_, i) => `Newcomer ${i}`));
    const copying = studioReport({ train: withNames, holdout: held, synth: named(people(200, 3), people400.slice(100, 300)), schema: nameSchema, rules: [] });
    expect(figure(copying, 'rareValues')).toMatchObject({ flag: 'bad', value: 1 });
    expect(figure(copying, 'exactCopies')!.value).toBe(0);
    expect(copying.serious.join(' ')).toMatch(/only one of your rows has/);
    const fresh = studioReport({ train: withNames, holdout: held, synth: named(people(200, 3), Array.from({ length: 200 }, (_, i) => `Other ${i}`)), schema: nameSchema, rules: [] });
    expect(figure(fresh, 'rareValues')).toMatchObject({ flag: 'ok', value: 0 });
  });

  it('reads rows on the extremes of columns whose extremes are rare, not of a five-step scale', () => {
    // term: 12 to 60 months, a fifth of rows at each end; the synthetic rows hold 5 points more there.
    const withTerm = (t: Table, share: number) => {
      const term = Array.from({ length: t.rowCount }, (_, i) => (i < share * t.rowCount ? '12' : i < 2 * share * t.rowCount ? '60' : ['24', '36', '48'][i % 3]));
      return { ...t, names: [...t.names, 'term'], columns: [...t.columns, term] };
    };
    const seed = withTerm(train, 0.2);
    const termSchema = inferSchema(seed);
    const report = studioReport({ train: seed, holdout: withTerm(holdout, 0.2), synth: withTerm(people(200, 3), 0.225), schema: termSchema, rules: [] });
    expect(figure(report, 'extremes')!.text).not.toMatch(/term/);
    // A continuous column piled on its seed's largest value is read.
    const top = train.columns[0].reduce((m, v) => (Number(v) > Number(m) ? v! : m), '0');
    const piled = people(200, 3);
    const income = piled.columns[0].map((v, i) => (i < 20 ? top : v));
    const clipped = studioReport({ train: seed, holdout: withTerm(holdout, 0.2), synth: withTerm({ ...piled, columns: [income, ...piled.columns.slice(1)] }, 0.2), schema: termSchema, rules: [] });
    expect(figure(clipped, 'extremes')).toMatchObject({ flag: 'warn', text: expect.stringMatching(/^9\.5 percentage points more rows on them .*income/) });
  });

  it('finds rows drawn afresh from the same population good and private', () => {
    const report = studioReport({ train, holdout, synth: people(200, 3), schema, rules: [ORDER] });
    expect(report.overall.verdict).not.toBe('Poor');
    expect(report.overall.score).toBeGreaterThan(0.6);
    expect(figure(report, 'exactCopies')).toMatchObject({ value: 0, flag: 'ok' });
    expect(figure(report, 'closerToTraining')!.value).toBeGreaterThan(0.3);
    expect(figure(report, 'closerToTraining')!.value).toBeLessThan(0.7);
    expect(figure(report, 'closestDistance')!.flag).toBe('ok');
    expect(figure(report, 'ruleBreaks')).toMatchObject({ value: 0, flag: 'ok' });
    expect(report.serious).toEqual([]);
    expect(report.columns.map((c) => c.name)).toEqual(['income', 'spend', 'plan', 'start', 'end']);
    expect(report.columns[0]).toMatchObject({ missing: { real: 0, synthetic: 0 }, distribution: { kind: 'histogram' } });
    expect(report.columns[2].distribution.labels.sort()).toEqual(['basic', 'gold']);
    expect(report.worstPairs).toHaveLength(5);
    // 200 held-out rows are too few to read pairs from: fidelity reads every seed row, privacy the held-out ones.
    expect(report.rows).toMatchObject({ training: 400, compared: 600, synthetic: 200, comparedWith: 'all' });
    expect(report.rows.note).toMatch(/all 600 rows of your table: the 200 held back/);
    for (const f of report.figures) expect(f.explanation.length).toBeGreaterThan(20);
  });

  it('takes rows less varied than the seed, learned from no row of it, as no nearer to the training rows', () => {
    // Purchases in four categories, each mostly one common value; the synthetic rows hold the
    // common values only. They sit near real rows, seen or not, alike.
    const purchases = (rows: number, seed: number, common: boolean) => {
      const rng = new Rng(seed);
      const pick = () => (common || rng.next() < 0.6 ? 'usual' : `rare ${rng.int(8)}`);
      const cols = [0, 1, 2, 3].map(() => Array.from({ length: rows }, pick));
      return tableFromColumns(['a', 'b', 'c', 'd', 'amount'], [...cols, cols[0].map(() => (100 * rng.next()).toFixed(4))]);
    };
    const [seen, unseen] = [purchases(400, 1, false), purchases(200, 2, false)];
    const report = studioReport({ train: seen, holdout: unseen, synth: purchases(200, 3, true), schema: inferSchema(seen), rules: [] });
    expect(figure(report, 'closestDistance')).toMatchObject({ flag: 'ok', text: expect.stringMatching(/to training rows vs .* to rows the model never saw/) });
    expect(report.privacy.verdict).toBe('Safe');
  });

  it('names the strongest link the synthetic rows weaken', () => {
    const synth = people(200, 3);
    expect(figure(studioReport({ train, holdout, synth, schema, rules: [] }), 'linkLost')!.flag).toBe('ok');
    // Spend no longer follows income (nor sets the plan) once its rows are reversed.
    const apart = { ...synth, columns: synth.columns.map((c, i) => (i === 1 ? [...c].reverse() : c)) };
    const report = studioReport({ train, holdout, synth: apart, schema, rules: [] });
    const lost = figure(report, 'linkLost')!;
    expect(lost.flag).toBe('bad');
    expect(lost.text).toMatch(/^(income and spend|spend and plan): 0\.9\d in your data, 0\.[0-2]\d in the synthetic rows$/);
    // A link all but lost is something to weigh before sharing, with what to do about it.
    expect(report.serious.join(' ')).toMatch(/^A strong link is mostly lost \((income and spend|spend and plan): .*add that rule in the Rules panel\.$/);
  });

  it('names no link that stands on a dozen real rows', () => {
    // Spend kept on 12 rows only (blank elsewhere): its link to income is no more than chance could give.
    const sparse = (t: Table) => ({ ...t, columns: t.columns.map((c, i) => (i === 1 ? c.map((v, r) => (r < 12 ? v : null)) : c)) });
    const [few, fewHoldout] = [sparse(train), sparse(holdout)];
    const synth = people(200, 3);
    const apart = sparse({ ...synth, columns: synth.columns.map((c, i) => (i === 1 ? [...c].reverse() : c)) });
    const lost = figure(studioReport({ train: few, holdout: fewHoldout, synth: apart, schema: inferSchema(few), rules: [] }), 'linkLost');
    expect(lost?.text ?? '').not.toMatch(/spend/);
  });

  it('reads fidelity against the held-out rows alone where 500 or more are held back', () => {
    const report = studioReport({ train, holdout: people(500, 2), synth: people(500, 3), schema, rules: [] });
    expect(report.rows).toMatchObject({ compared: 500, comparedWith: 'held-out' });
    expect(report.rows.note).toMatch(/500 rows held back from training/);
  });

  it('takes a copy as common where the seed repeats its own rows as often, and as serious where it does not', () => {
    // Two training rows alike, as a free plan's rows often are; one synthetic row of 200 equal to them.
    const twice = tableFromColumns(train.names, train.columns.map((c) => [c[0], ...c.slice(0, 399)]));
    const synth = people(200, 3);
    const oneCopy = tableFromColumns(synth.names, synth.columns.map((c, k) => [train.columns[k][0], ...c.slice(1)]));
    const common = figure(studioReport({ train: twice, holdout, synth: oneCopy, schema, rules: [] }), 'exactCopies');
    expect(common).toMatchObject({ flag: 'warn', text: '1 of 200 rows (0.5 %)' });
    expect(common!.explanation).toMatch(/your own rows repeat each other as often \(0\.5 %\)/);
    expect(figure(studioReport({ train, holdout, synth: oneCopy, schema, rules: [] }), 'exactCopies')!.flag).toBe('bad');
    // Copies of rows no other training row equals stay serious, however often the seed repeats others.
    const ofUnique = tableFromColumns(synth.names, synth.columns.map((c, k) => [train.columns[k][5], ...c.slice(1)]));
    const unique = figure(studioReport({ train: twice, holdout, synth: ofUnique, schema, rules: [] }), 'exactCopies');
    expect(unique!.flag).toBe('bad');
    expect(unique!.explanation).toMatch(/copy rows your data holds only once/);
  });

  it('takes copies of rows held once as chance where a table of few fields repeats rows by chance, and not where they go past it', () => {
    // Bookings of four fields: fresh rows of the same process land on seed rows now and then.
    const bookings = (rows: number, seed: number) => {
      const rng = new Rng(seed);
      const cols: string[][] = Array.from({ length: 6 }, () => []);
      for (let i = 0; i < rows; i++) {
        [['A', 'B', 'C', 'D'][rng.int(4)], String(1 + rng.int(60)), `${8 + rng.int(12)}:00`, String(30 * (1 + rng.int(4))), ['Junior', 'Adult', 'Senior'][rng.int(3)], String(rng.int(6))].forEach((v, c) => cols[c].push(v));
      }
      return tableFromColumns(['Court', 'Day', 'Start', 'Minutes', 'Tier', 'Guests'], cols);
    };
    const [seed, held, fresh] = [bookings(900, 104), bookings(150, 2), bookings(900, 3)];
    const booked = inferSchema(seed);
    // As a reviewer's bookings: no held-out row a copy, a few seed rows held twice, a few fresh rows copies.
    expect(exactCopyRate(seed, held, booked)).toBe(0);
    expect(singleCopyChance(seed, booked)).toBeGreaterThan(0);
    const chance = figure(studioReport({ train: seed, holdout: held, synth: fresh, schema: booked, rules: [] }), 'exactCopies')!;
    expect(chance.value).toBeGreaterThan(0);
    expect(chance.flag).toBe('warn');
    expect(chance.explanation).toMatch(/may be common rows/);
    // A tenth of the rows copied from the seed's own is past chance.
    const copied = tableFromColumns(fresh.names, fresh.columns.map((c, k) => [...seed.columns[k].slice(0, 90), ...c.slice(90)]));
    expect(figure(studioReport({ train: seed, holdout: held, synth: copied, schema: booked, rules: [] }), 'exactCopies')!.flag).toBe('bad');
  });

  it('flags copies of training rows as serious, and more than half of them closer to the training rows', () => {
    const copies = tableFromColumns(train.names, train.columns.map((c) => c.slice(0, 200)));
    const report = studioReport({ train, holdout, synth: copies, schema, rules: [] });
    expect(figure(report, 'exactCopies')).toMatchObject({ value: 1, flag: 'bad' });
    // Half the copies fall in the equal-sized training sample (distance 0); the rest are even odds.
    expect(figure(report, 'closerToTraining')!.value).toBeGreaterThan(0.65);
    expect(figure(report, 'closerToTraining')!.flag).not.toBe('ok');
    expect(figure(report, 'closestDistance')!.flag).not.toBe('ok');
    expect(report.serious.join(' ')).toMatch(/200 of 200 rows .* exact copies/);
  });

  it('scores shuffled columns well on shapes and badly on pair trends', () => {
    const good = studioReport({ train, holdout, synth: people(200, 3), schema, rules: [] });
    const shuffled = studioReport({ train, holdout, synth: shuffledBaseline(people(200, 3), new Rng(4)), schema, rules: [] });
    expect(figure(shuffled, 'columnShapes')!.value).toBeCloseTo(figure(good, 'columnShapes')!.value, 5);
    expect(figure(shuffled, 'pairTrends')!.value).toBeLessThan(figure(good, 'pairTrends')!.value - 0.1);
    const worst = shuffled.worstPairs[0];
    expect([worst.a, worst.b].sort()).toEqual(['income', 'spend']);
    expect(worst.flag).toBe('bad');
    // Spend follows income in the real rows (r near 1) and not at all once shuffled.
    expect(worst.association.measure).toBe('correlation');
    expect(worst.association.real).toBeGreaterThan(0.9);
    expect(Math.abs(worst.association.synthetic)).toBeLessThan(0.2);
    expect(shuffled.associations.columns).toEqual(['income', 'spend', 'plan', 'start', 'end']);
    expect(shuffled.associations.pairs).toHaveLength(10);
    const kept = good.associations.pairs.find((p) => p.a === 'income' && p.b === 'spend')!;
    expect(kept.difference).toBeLessThan(0.05);
    expect(shuffled.overall.score).toBeLessThan(good.overall.score);
  });

  it('counts rows that break a rule and says so', () => {
    const synth = people(200, 3);
    const swapped = tableFromColumns(synth.names, [...synth.columns.slice(0, 3), synth.columns[4], synth.columns[3]]);
    const report = studioReport({ train, holdout, synth: swapped, schema, rules: [ORDER] });
    expect(report.rules).toEqual([{ rule: 'end ≥ start', breaks: 200, flag: 'bad' }]);
    expect(figure(report, 'ruleBreaks')!.flag).toBe('bad');
    expect(report.serious).toContain('200 rows break the rule end ≥ start.');
  });

  it('compares with the training rows when none were held back, and says so', () => {
    const report = studioReport({ train, holdout: null, synth: people(200, 3), schema, rules: [] });
    expect(report.rows.comparedWith).toBe('training');
    expect(report.rows.note).toMatch(/too small to hold rows back/);
    expect(figure(report, 'closerToTraining')).toBeUndefined();
    expect(figure(report, 'exactCopies')!.flag).toBe('ok');
  });

  it('adds usefulness for a category target and refuses a number', () => {
    const synth = people(200, 3);
    const base = studioReport({ train, holdout, synth, schema, rules: [] });
    expect(base.targets).toEqual(['plan']);
    const report = withUsefulness(base, { train, holdout, synth, schema, target: 'plan' });
    expect(report.usefulness!.target).toBe('plan');
    const kept = report.usefulness!.figures.find((f) => f.key === 'f1Kept')!;
    // Rows from the same population predict as well as the real ones.
    expect(kept.value).toBeGreaterThan(0.8);
    expect(withUsefulness(report, { train, holdout, synth, schema, target: null }).usefulness).toBeNull();
    expect(() => withUsefulness(base, { train, holdout, synth, schema, target: 'income' })).toThrow(/cannot be a target/);
  });
});
