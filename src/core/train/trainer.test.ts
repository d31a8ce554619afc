import * as tf from '@tensorflow/tfjs';
import { beforeAll, describe, expect, it } from 'vitest';
import { installKernels } from '../backend/kernels';
import { inferSchema } from '../data/schema';
import type { Rule } from '../data/rules';
import { tableFromColumns } from '../data/table';
import { Rng } from '../util/rng';
import { TINY_CONFIG, twoModeTable } from './testModels';
import { TabularModel } from './tabularModel';

const tiny = TINY_CONFIG;
const table = twoModeTable;

async function trainAndSample(seed: number): Promise<(string | null)[][]> {
  const t = table(200);
  const model = new TabularModel(t, inferSchema(t), { ...tiny, seed });
  await model.train(2);
  const rows: (string | null)[][] = [];
  await model.generate(30, { onChunk: (chunk) => void rows.push(...chunk.columns) });
  model.dispose();
  return rows;
}

describe('CtganTrainer on the CPU backend', () => {
  beforeAll(async () => {
    await tf.setBackend('cpu');
    installKernels();
  });

  it('gives the same synthetic rows for the same seed, and other rows for another seed', async () => {
    const a = await trainAndSample(11);
    const b = await trainAndSample(11);
    const c = await trainAndSample(12);
    expect(a).toEqual(b);
    expect(a).not.toEqual(c);
  });

  it('trains a small table whose batch is no multiple of the configured pack, judging rows one by one', async () => {
    // 680 rows, 102 held back: a batch of 57, which packs of 5 do not divide; a small table trains with packs of 1.
    const t = table(680);
    const model = new TabularModel(t, inferSchema(t), { ...tiny, batchSize: 500, pac: 5 });
    expect([model.trainer.batch, model.trainer.pac]).toEqual([57, 1]);
    await model.train(1);
    model.dispose();
  });

  it('keeps the tensor count flat over hundreds of steps', async () => {
    const t = table(200);
    const model = new TabularModel(t, inferSchema(t), tiny);
    const stepAndDispose = () => {
      const l = model.trainer.step();
      l.discriminator.dispose();
      l.generator.dispose();
      l.penalty.dispose();
    };
    for (let i = 0; i < 3; i++) stepAndDispose();
    const before = tf.memory().numTensors;
    for (let i = 0; i < 300; i++) stepAndDispose();
    expect(tf.memory().numTensors).toBe(before);
    // The first epoch keeps a copy of the best generator; later epochs only replace it.
    await model.train(1, { onEpoch: () => undefined });
    const withKept = tf.memory().numTensors;
    await model.train(3, { onEpoch: () => undefined });
    expect(tf.memory().numTensors).toBe(withKept);
    model.dispose();
  });

  it('generates with the kept generator while training moves the current one on', async () => {
    const t = table(200);
    const model = new TabularModel(t, inferSchema(t), tiny);
    const trainer = model.trainer;
    trainer.keepGenerator();
    const before = await trainer.sample(40, 5, undefined, 'current');
    for (let i = 0; i < 20; i++) tf.dispose(Object.values(trainer.step()));
    const tensors = tf.memory().numTensors;
    expect(await trainer.sample(40, 5, undefined, 'kept')).toEqual(before);
    expect(tf.memory().numTensors).toBe(tensors);
    expect(await trainer.sample(40, 5, undefined, 'current')).not.toEqual(before);
    model.dispose();
  });

  it('samples from the moving average of the generator, or from its raw weights when averaging is off', async () => {
    const t = table(200);
    for (const generatorAverage of [0.9, 0]) {
      const model = new TabularModel(t, inferSchema(t), { ...tiny, generatorAverage });
      for (let i = 0; i < 10; i++) tf.dispose(Object.values(model.trainer.step()));
      const current = await model.trainer.sample(40, 5, undefined, 'current');
      const average = await model.trainer.sample(40, 5, undefined, 'average');
      if (generatorAverage > 0) expect(average).not.toEqual(current);
      else expect(average).toEqual(current);
      model.dispose();
    }
  });

  it('every generated row carries a fixed category', async () => {
    const t = table(200);
    const model = new TabularModel(t, inferSchema(t), tiny);
    await model.train(1);
    const values: (string | null)[] = [];
    await model.generate(50, { condition: { column: 'c', value: 'b' }, onChunk: (chunk) => void values.push(...chunk.columns[1]) });
    expect(values).toHaveLength(50);
    expect(values.every((v) => v === 'b')).toBe(true);
    await expect(model.generate(5, { condition: { column: 'c', value: 'zzz' }, onChunk: () => undefined })).rejects.toThrow(/never appears/);
    model.dispose();
  });
  it('fixes a derived column through the values of its source that give it', async () => {
    const rng = new Rng(4);
    const countryOf: Record<string, string> = { Oslo: 'Norway', Bergen: 'Norway', Lima: 'Peru' };
    const city = Array.from({ length: 240 }, () => ['Oslo', 'Bergen', 'Lima'][rng.int(3)]);
    const t = tableFromColumns(['city', 'country'], [city, city.map((c) => countryOf[c])]);
    const model = new TabularModel(t, inferSchema(t), tiny);
    expect(model.transformer.derived).toEqual([{ name: 'country', source: 'city' }]);
    expect(model.conditionChoices().map((c) => c.column)).toEqual(['city', 'country']);
    await model.train(1);
    const rows: string[][] = [];
    await model.generate(200, { condition: { column: 'country', value: 'Norway' }, onChunk: (chunk) => void rows.push(...chunk.columns[0].map((c, r) => [c!, chunk.columns[1][r]!])) });
    expect(new Set(rows.map((r) => r[1]))).toEqual(new Set(['Norway']));
    // Both Norwegian cities come back, and no other.
    expect(new Set(rows.map((r) => r[0]))).toEqual(new Set(['Oslo', 'Bergen']));
    model.dispose();
  });

  it('after training, generates each category about as often as the seed has it', async () => {
    const rng = new Rng(4);
    const colour = Array.from({ length: 400 }, () => (rng.next() < 0.7 ? 'red' : rng.next() < 0.67 ? 'green' : 'blue'));
    const size = colour.map((c) => (c === 'red' ? 10 : 30 + rng.int(10)).toFixed(0));
    const t = tableFromColumns(['colour', 'size'], [colour, size]);
    const model = new TabularModel(t, inferSchema(t), { ...tiny, epochs: 2 });
    await model.train(2);
    const shares = async () => {
      const drawn: (string | null)[] = [];
      await model.generate(4000, { onChunk: (chunk) => void drawn.push(...chunk.columns[0]) });
      return ['red', 'green', 'blue'].map((c) => drawn.filter((v) => v === c).length / drawn.length);
    };
    const seed = ['red', 'green', 'blue'].map((c) => colour.filter((v) => v === c).length / colour.length);
    const off = (xs: number[]) => xs.reduce((s, x, i) => s + Math.abs(x - seed[i]), 0) / 2;
    const calibrated = off(await shares());
    model.trainer.clearCalibration();
    const raw = off(await shares());
    model.dispose();
    // Two epochs of a tiny model leave the shares well off; the calibration brings them near.
    expect(raw).toBeGreaterThan(0.05);
    expect(calibrated).toBeLessThan(0.02);
  });

  it('after training, generates each category as often as the seed has it among the rows the rules keep', async () => {
    // Open rows have no end. Done rows end far after they start, so drawn with an open row's
    // start many end past the seed's last end and are dropped.
    const rng = new Rng(8);
    const status = Array.from({ length: 400 }, () => (rng.next() < 0.5 ? 'open' : 'done'));
    const start = status.map((s) => (s === 'open' ? 100 * rng.next() : 20 * rng.next()));
    const end = start.map((x, i) => (status[i] === 'open' ? null : (x + 80 + 20 * rng.next()).toFixed(1)));
    const t = tableFromColumns(['status', 'start', 'end'], [status, start.map((x) => x.toFixed(1)), end]);
    const rules: Rule[] = [
      { kind: 'order', low: 'start', high: 'end' },
      { kind: 'blank', column: 'end', when: 'status', values: ['open'] },
    ];
    // Ranges by category would keep most done rows' starts in range, and so the rows; scales by category their shares.
    const model = new TabularModel(t, inferSchema(t), { ...tiny, epochs: 2, withinCategoryRange: false, scaleByCategory: false }, rules);
    await model.train(2);
    const share = async () => {
      const drawn: (string | null)[] = [];
      await model.generate(4000, { onChunk: (chunk) => void drawn.push(...chunk.columns[0]) });
      return drawn.filter((v) => v === 'done').length / drawn.length;
    };
    const seed = status.filter((v) => v === 'done').length / status.length;
    const calibrated = await share();
    // Matched on every drawn row instead, as before: the rows the rules drop are mostly done ones.
    model.trainer.written = () => null;
    await model.trainer.calibrate(17);
    const everyRow = await share();
    model.dispose();
    // A tiny model's shares swing as the shifts interact through the rules; they still come far nearer.
    expect(Math.abs(everyRow - seed)).toBeGreaterThan(0.2);
    expect(Math.abs(calibrated - seed)).toBeLessThan(0.1);
  });

  it('after training, gives rows fixed to a category the other categories its seed rows hold', async () => {
    // d follows c nine times in ten: rows fixed to c = a should be about 90 % x.
    const rng = new Rng(6);
    const c = Array.from({ length: 400 }, () => (rng.next() < 0.5 ? 'a' : 'b'));
    const d = c.map((v) => ((v === 'a') === rng.next() < 0.9 ? 'x' : 'y'));
    const t = tableFromColumns(['c', 'd'], [c, d]);
    const model = new TabularModel(t, inferSchema(t), { ...tiny, epochs: 2, conditionOnModes: false });
    await model.train(2);
    const shareOfX = async () => {
      const drawn: (string | null)[] = [];
      await model.generate(2000, { condition: { column: 'c', value: 'a' }, onChunk: (chunk) => void drawn.push(...chunk.columns[1]) });
      return drawn.filter((v) => v === 'x').length / drawn.length;
    };
    const seed = d.filter((v, i) => c[i] === 'a' && v === 'x').length / c.filter((v) => v === 'a').length;
    const calibrated = await shareOfX();
    model.trainer.clearCalibration();
    const raw = await shareOfX();
    model.dispose();
    // Two epochs of a tiny model barely link d to c; the calibration by category does.
    expect(Math.abs(raw - seed)).toBeGreaterThan(0.15);
    expect(Math.abs(calibrated - seed)).toBeLessThan(0.05);
  });

  it.each([
    ['', 500],
    [', drawn through the refiner on a table large enough for one', 3000],
  ])('after training, gives free rows of a rare category its numbers%s, and a loaded model does the same', async (_, rows) => {
    // r holds 4 % of rows, with x near 50 where the rest is near 10.
    const rng = new Rng(8);
    const c = Array.from({ length: rows }, (_, i) => (i % 25 === 0 ? 'r' : 'a'));
    const x = c.map((v) => ((v === 'r' ? 50 : 10) + rng.normal()).toFixed(1));
    const t = tableFromColumns(['c', 'x'], [c, x]);
    // Anchoring alone: ranges by category would put r's numbers in its range without it (below), and so would r's own scale.
    const model = new TabularModel(t, inferSchema(t), { ...tiny, epochs: 2, withinCategoryRange: false, scaleByCategory: false });
    await model.train(2);
    const meanOfR = async (of = model) => {
      const drawn: number[] = [];
      await of.generate(4000, { onChunk: (chunk) => void drawn.push(...chunk.columns[1].filter((_, i) => chunk.columns[0][i] === 'r').map(Number)) });
      return drawn.reduce((a, b) => a + b, 0) / drawn.length;
    };
    const anchored = await meanOfR();
    const [slots, refined] = [model.trainer.anchoredSlots, model.refinedKeep];
    const { manifest, weights } = await model.save();
    const loaded = TabularModel.load(JSON.parse(JSON.stringify(manifest)), weights);
    const reloaded = await meanOfR(loaded);
    loaded.dispose();
    model.trainer.setAnchored([]);
    const free = await meanOfR();
    model.dispose();
    expect(refined === null).toBe(rows < 2500);
    // Two epochs of a tiny model write r's rows with the usual x; drawn with r fixed, they come
    // far nearer its own (fixed rows are shrunk toward the table's mix by 10 rows' weight).
    expect(slots).toHaveLength(1);
    expect(Math.abs(free - 50)).toBeGreaterThan(30);
    expect(Math.abs(anchored - 50)).toBeLessThan(Math.abs(free - 50) / 2);
    expect(reloaded).toBe(anchored);
  });

  it("after training, spreads each number's values within its modes as the seed does", async () => {
    const t = table(1000);
    // The modes of a number modelled as it is, not in its category's scale.
    const model = new TabularModel(t, inferSchema(t), { ...tiny, epochs: 2, scaleByCategory: false });
    await model.train(2);
    const seed = t.columns[0].map(Number);
    const gap = async () => {
      const drawn: number[] = [];
      await model.generate(4000, { onChunk: (chunk) => void drawn.push(...chunk.columns[0].map(Number)) });
      return largestGap(drawn, seed);
    };
    const calibrated = await gap();
    model.trainer.clearCalibration();
    const raw = await gap();
    model.dispose();
    expect(calibrated).toBeLessThan(raw / 2);
    expect(calibrated).toBeLessThan(0.05);
  });
});

/** The Kolmogorov–Smirnov distance between two samples. */
function largestGap(a: number[], b: number[]): number {
  const [x, y] = [[...a].sort((p, q) => p - q), [...b].sort((p, q) => p - q)];
  let [i, j, gap] = [0, 0, 0];
  while (i < x.length && j < y.length) {
    const t = Math.min(x[i], y[j]);
    while (i < x.length && x[i] <= t) i++;
    while (j < y.length && y[j] <= t) j++;
    gap = Math.max(gap, Math.abs(i / x.length - j / y.length));
  }
  return gap;
}
