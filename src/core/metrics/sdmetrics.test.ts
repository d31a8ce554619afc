import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { parseDelimitedText } from '../data/parse';
import { inferSchema } from '../data/schema';
import { selectRows, tableFromColumns, type Table } from '../data/table';
import { Rng } from '../util/rng';
import { sampleRows } from './detection';
import { columnShapes } from './fidelity';
import { pairTrends } from './pairs';
import { shuffledBaseline } from './relations';
import {
  columnPairTrendsReference,
  columnShapesReference,
  contingencySimilarity,
  correlationSimilarity,
  cramersV,
  digitize,
  frameOf,
  histogramBinEdges,
  ks2sampStatistic,
  ksComplement,
  tvComplement,
} from './sdmetricsReference';

// Agreement of our column shapes and pair trends with SDMetrics' definitions, written out
// independently in sdmetricsReference.ts (docs/metrics.md, "Agreement with SDMetrics").

const TOLERANCE = 0.01;
// SDMetrics' QualityReport since 0.27 counts a pair only when the real rows hold a trend.
const THRESHOLDS = { realCorrelationThreshold: 0.5, realAssociationThreshold: 0.3 };

describe('the SDMetrics reference, on values worked by hand', () => {
  it('cuts numbers as np.histogram_bin_edges and np.digitize do', () => {
    const edges = histogramBinEdges(Array.from({ length: 16 }, (_, i) => i + 1))!;
    expect(edges).toEqual([1, 2.5, 4, 5.5, 7, 8.5, 10, 11.5, 13, 14.5, 16]);
    // The minimum falls after the first edge, a value on an edge after that edge, the maximum after the last.
    expect([1, 2, 4, 15.9, 16].map((x) => digitize(x, edges))).toEqual([1, 1, 3, 10, 11]);
    // NumPy sorts NaN after every number: a missing value shares the maximum's index.
    expect(digitize(NaN, edges)).toBe(11);
    expect(histogramBinEdges([5, 5, NaN])![0]).toBe(4.5);
    expect(histogramBinEdges([5, 5])![10]).toBe(5.5);
    expect(histogramBinEdges([NaN])).toEqual([0, 0.1, 0.2, 0.30000000000000004, 0.4, 0.5, 0.6000000000000001, 0.7000000000000001, 0.8, 0.9, 1]);
    expect(histogramBinEdges([1, Infinity])).toBeNull();
  });

  it('computes KSComplement and TVComplement without missing values', () => {
    expect(ks2sampStatistic([1, 2, 3, 4], [3, 4, 5, 6])).toBe(0.5);
    expect(ksComplement([1, 2, NaN, NaN], [1, 2])).toBe(1);
    expect(ksComplement([NaN], [1])).toBeNaN();
    expect(tvComplement(['a', 'a', 'b', 'b'], ['a', 'b', 'b', 'b'])).toBeCloseTo(0.75, 12);
    expect(tvComplement(['a', null], ['a', 'a'])).toBe(1);
    // A category only the synthetic column has counts 1e-6 times in the real one.
    expect(tvComplement(['a'], ['a', 'c'])).toBeCloseTo(0.5 + 1e-6, 9);
  });

  it('computes Cramér’s V, correlation similarity and contingency similarity', () => {
    // χ² = 4 · (3 − 2)² / 2 = 2 over n = 8: V = √(2 / 8) = 0.5.
    expect(cramersV([[3, 1], [1, 3]])).toBeCloseTo(0.5, 12);
    expect(correlationSimilarity([[1, 2, 3], [2, 4, 6]], [[1, 2, 3], [6, 4, 2]]).score).toBeCloseTo(0, 12);
    // A constant column in either table is an error: the pair is left out.
    expect(correlationSimilarity([[1, 2, 3], [2, 4, 6]], [[1, 2, 3], [5, 5, 5]]).score).toBeNaN();
    // Missing is a category of its own: real cells (x, p), (–, p); synthetic (x, p) twice.
    expect(contingencySimilarity([['x', null], ['p', 'p']], [['x', 'x'], ['p', 'p']]).score).toBe(0.5);
    // [[3, 1], [1, 3]] has V = 0.5: kept above a threshold of 0.3, left out above 0.6.
    const a = ['u', 'u', 'u', 'u', 'v', 'v', 'v', 'v'];
    const b = ['p', 'p', 'p', 'q', 'p', 'q', 'q', 'q'];
    expect(contingencySimilarity([a, b], [a, b], 0.3)).toEqual({ score: 1, realAssociation: expect.closeTo(0.5, 12) });
    expect(contingencySimilarity([a, b], [a, b], 0.6).score).toBeNaN();
  });

  it('bins each table on its own range, as our pair trends do', () => {
    // The synthetic numbers are the real ones times 10: each table's own bins give the same cells.
    const real = tableFromColumns(['x', 'c'], [['0.5', '1.5', '2.5', '10.5'], ['a', 'a', 'b', 'b']]);
    const synth = tableFromColumns(['x', 'c'], [['5', '15', '25', '105'], ['a', 'a', 'b', 'b']]);
    const schema = inferSchema(real);
    expect(columnPairTrendsReference(frameOf(real, schema), frameOf(synth, schema)).score).toBe(1);
    expect(pairTrends(real, synth, schema).score).toBe(1);
  });

  it('gives the maximum a cell of its own, as np.digitize does', () => {
    // Edges 0, 1, …, 10: 9.5 falls in the tenth bin and 10 after the last edge. Real cells (1, a),
    // (10, b), (11, c) twice; synthetic (1, a), (10, c), (11, b) twice: TVD (¼ + ½ + ¼ + ½) / 2 = ¾.
    // Had 10 shared the tenth bin with 9.5, only a quarter of the rows would differ.
    const real = tableFromColumns(['x', 'c'], [['0', '9.5', '10', '10'], ['a', 'b', 'c', 'c']]);
    const synth = tableFromColumns(['x', 'c'], [['0', '9.5', '10', '10'], ['a', 'c', 'b', 'b']]);
    const schema = inferSchema(real);
    expect(schema.map((c) => c.kind)).toEqual(['numeric', 'categorical']);
    expect(columnPairTrendsReference(frameOf(real, schema), frameOf(synth, schema)).score).toBeCloseTo(0.25, 12);
    expect(pairTrends(real, synth, schema).score).toBeCloseTo(0.25, 12);
  });
});

describe('where ours differs from SDMetrics on purpose', () => {
  it('counts missing values in column shapes (SDMetrics drops them)', () => {
    const real = tableFromColumns(['c'], [['a', 'a', null, null]]);
    const synth = tableFromColumns(['c'], [['a', 'a', 'a', 'a']]);
    const schema = inferSchema(real);
    expect(columnShapes(real, synth, schema).score).toBe(0.5);
    expect(columnShapesReference(frameOf(real, schema), frameOf(synth, schema)).score).toBe(1);
  });

  it('keeps missing numbers apart in a contingency table (SDMetrics puts them with the maximum)', () => {
    // Synthetic rows turn the missing value into the maximum: SDMetrics' cells cannot tell.
    const real = tableFromColumns(['x', 'c'], [['1.5', '2.5', '3.5', null], ['a', 'a', 'b', 'b']]);
    const synth = tableFromColumns(['x', 'c'], [['1.5', '2.5', '3.5', '3.5'], ['a', 'a', 'b', 'b']]);
    const schema = inferSchema(real);
    expect(columnPairTrendsReference(frameOf(real, schema), frameOf(synth, schema)).score).toBe(1);
    expect(pairTrends(real, synth, schema).score).toBe(0.75);
  });

  it('scores a synthetic column that collapsed to one value (SDMetrics leaves the pair out)', () => {
    // Real x, y = 1, 3, 2, 4 against 1, 2, 3, 4 have ρ = 0.8; the synthetic y is constant: ρ counts as 0.
    const real = tableFromColumns(['x', 'y'], [['1.5', '2.5', '3.5', '4.5'], ['1.5', '3.5', '2.5', '4.5']]);
    const synth = tableFromColumns(['x', 'y'], [['1.5', '2.5', '3.5', '4.5'], ['5.5', '5.5', '5.5', '5.5']]);
    const schema = inferSchema(real);
    expect(pairTrends(real, synth, schema).score).toBeCloseTo(0.6, 12);
    expect(columnPairTrendsReference(frameOf(real, schema), frameOf(synth, schema)).score).toBeNaN();
  });
});

describe('agreement with SDMetrics on Adult', () => {
  const table = parseDelimitedText(readFileSync(new URL('../../../public/adult.csv', import.meta.url), 'utf8'));
  // splitTable (src/bench/benchmark.ts) with seed 26, which core may not import: the same shuffle and cut.
  const order = new Rng(26).shuffle(Array.from({ length: table.rowCount }, (_, i) => i));
  const cut = Math.floor(table.rowCount * 0.8);
  const train = selectRows(table, order.slice(0, cut));
  const holdout = selectRows(table, order.slice(cut));
  const schema = inferSchema(train);

  /** The training rows with `age` 10 years older and half of Bachelors and HS-grad swapped for each other. */
  function shiftedAndSwapped(t: Table, rng: Rng): Table {
    const columns = t.columns.map((column, k) => {
      if (t.names[k] === 'age') return column.map((v) => (v === null ? v : String(Number(v) + 10)));
      if (t.names[k] !== 'education') return column;
      const swap: Record<string, string> = { Bachelors: ' HS-grad', 'HS-grad': ' Bachelors' };
      return column.map((v) => (v !== null && swap[v.trim()] && rng.next() < 0.5 ? swap[v.trim()] : v));
    });
    return { ...t, columns };
  }

  // Synthetic stand-ins that need no model, each with the real rows it is judged against.
  const standIns: { name: string; real: Table; synth: () => Table }[] = [
    { name: 'held-out rows against the training rows', real: train, synth: () => holdout },
    { name: 'training rows, each column shuffled', real: holdout, synth: () => shuffledBaseline(train, new Rng(26)) },
    { name: 'training rows, age shifted, education partly swapped', real: holdout, synth: () => shiftedAndSwapped(train, new Rng(26)) },
  ];

  interface Measured {
    shapes: ReturnType<typeof columnShapes>;
    pairs: ReturnType<typeof pairTrends>;
    refShapes: ReturnType<typeof columnShapesReference>;
    refPairs: ReturnType<typeof columnPairTrendsReference>;
    refKept: ReturnType<typeof columnPairTrendsReference>;
  }
  const measured = new Map<string, Measured>();

  /** Ours and the reference on the same rows, as studioReport calls ours: at most 2,000 rows a side (seed 17), shapes against every compared row. */
  function measure({ name, real, synth }: (typeof standIns)[number]): Measured {
    const done = measured.get(name);
    if (done) return done;
    const rng = new Rng(17);
    const sample = (t: Table, n: number) => (t.rowCount <= n ? t : selectRows(t, sampleRows(t.rowCount, n, rng)));
    const s = sample(synth(), 2000);
    const c = sample(real, 2000);
    const result = {
      shapes: columnShapes(real, s, schema),
      pairs: pairTrends(c, s, schema),
      refShapes: columnShapesReference(frameOf(real, schema), frameOf(s, schema)),
      refPairs: columnPairTrendsReference(frameOf(c, schema), frameOf(s, schema)),
      refKept: columnPairTrendsReference(frameOf(c, schema), frameOf(s, schema), THRESHOLDS),
    };
    measured.set(name, result);
    return result;
  }

  it.each(standIns)('$name', (standIn) => {
    const { shapes, pairs, refShapes, refPairs, refKept } = measure(standIn);
    const ourPair = new Map(pairs.pairs.map((p) => [`${p.a} × ${p.b}`, p.score]));
    const kept = refKept.pairs.filter((p) => p.meetsThreshold).map((p) => ourPair.get(`${p.a} × ${p.b}`)!);
    const oursKept = kept.reduce((a, b) => a + b, 0) / kept.length;
    const columnGap = Math.max(...refShapes.columns.map((col) => Math.abs(shapes.columns.find((o) => o.name === col.name)!.score - col.score)));
    const pairGap = Math.max(...refPairs.pairs.map((p) => Math.abs(ourPair.get(`${p.a} × ${p.b}`)! - p.score)));
    const lines = [
      `${standIn.name}: column shapes ours ${shapes.score.toFixed(4)} SDMetrics ${refShapes.score.toFixed(4)} (largest column gap ${columnGap.toFixed(4)}); ` +
        `pair trends ours ${pairs.score.toFixed(4)} SDMetrics ${refPairs.score.toFixed(4)} (largest pair gap ${pairGap.toFixed(4)}); ` +
        `pairs with a real trend (${kept.length}) ours ${oursKept.toFixed(4)} SDMetrics ≥ 0.27 ${refKept.score.toFixed(4)}`,
    ];
    for (const column of refShapes.columns) {
      const ours = shapes.columns.find((o) => o.name === column.name)!.score;
      if (!(Math.abs(ours - column.score) <= TOLERANCE)) lines.push(`  column ${column.name}: ours ${ours.toFixed(4)} SDMetrics ${column.score.toFixed(4)}`);
    }
    for (const pair of refPairs.pairs) {
      const ours = ourPair.get(`${pair.a} × ${pair.b}`)!;
      if (!(Math.abs(ours - pair.score) <= TOLERANCE)) lines.push(`  pair ${pair.a} × ${pair.b}: ours ${ours.toFixed(4)} SDMetrics ${pair.score.toFixed(4)}`);
    }
    console.log(lines.join('\n'));

    // Both sides compare the same columns and the same pairs.
    expect(shapes.columns.map((col) => col.name)).toEqual(refShapes.columns.map((col) => col.name));
    expect(pairs.pairs.map((p) => `${p.a} × ${p.b}`)).toEqual(refPairs.pairs.map((p) => `${p.a} × ${p.b}`));
    expect(Math.abs(shapes.score - refShapes.score)).toBeLessThanOrEqual(TOLERANCE);
    expect(Math.abs(pairs.score - refPairs.score)).toBeLessThanOrEqual(TOLERANCE);
    expect(Math.abs(oursKept - refKept.score)).toBeLessThanOrEqual(TOLERANCE);
  });

  it('has stand-ins that differ where they were made to', () => {
    const [heldOut, shuffled, altered] = standIns.map((s) => measure(s));
    // Shuffling keeps every column and loses every trend; the shift and the swap change two columns.
    expect(Math.abs(shuffled.refShapes.score - heldOut.refShapes.score)).toBeLessThan(0.005);
    expect(shuffled.refPairs.score).toBeLessThan(heldOut.refPairs.score - 0.02);
    expect(altered.refShapes.score).toBeLessThan(heldOut.refShapes.score - 0.01);
  });
});
