import * as tf from '@tensorflow/tfjs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { installKernels } from '../backend/kernels';
import type { Rule } from '../data/rules';
import { inferSchema } from '../data/schema';
import { tableFromColumns, type Table } from '../data/table';
import { DEFAULT_CONFIG, type ModelConfig } from '../model/config';
import { Rng } from '../util/rng';
import { MODEL_FORMAT } from './modelState';
import { TabularModel } from './tabularModel';

const tiny: ModelConfig = { ...DEFAULT_CONFIG, embeddingDim: 8, generatorDims: [16], discriminatorDims: [16], batchSize: 40, pac: 4, seed: 5 };
const order: Rule = { kind: 'order', low: 'start', high: 'end' };

/** The rows as text, header first, one line a row (JSON cells: a missing cell is null, not ''); core/export sits beside train, not below it. */
function textOf(table: Table): string {
  const rows = Array.from({ length: table.rowCount }, (_, r) => JSON.stringify(table.columns.map((c) => c[r])));
  return [JSON.stringify(table.names), ...rows].join('\n');
}

/** Numbers with notes, categories with a derived code, dates in order, an ID. */
function seedTable(rows: number): Table {
  const rng = new Rng(9);
  const cities = ['Oslo', 'Lima', 'Pune'];
  const cols: (string | null)[][] = [[], [], [], [], [], [], []];
  const day = (ms: number) => new Date(ms).toISOString().slice(0, 10);
  for (let i = 0; i < rows; i++) {
    const c = rng.int(3);
    const start = Date.UTC(2021, 0, 1) + rng.int(300) * 86_400_000;
    const spend = rng.next() < 0.1 ? 'unknown' : rng.next() < 0.05 ? null : (c * 40 + 20 + 5 * rng.normal()).toFixed(2);
    [cols[0][i], cols[1][i], cols[2][i], cols[3][i]] = [`CUST-${String(1000 + i).padStart(5, '0')}`, spend, cities[c], `C${c}`];
    [cols[4][i], cols[5][i], cols[6][i]] = [day(start), day(start + rng.int(30) * 86_400_000), rng.next() < 0.5 ? 'yes' : 'no'];
  }
  return tableFromColumns(['id', 'spend', 'city', 'code', 'start', 'end', 'member'], cols);
}

async function csvOf(model: TabularModel, rows: number, condition?: { column: string; value: string }): Promise<string> {
  const chunks: string[] = [];
  await model.generate(rows, { condition, chunkRows: 90, onChunk: (chunk) => void chunks.push(textOf(chunk)) });
  return chunks.join('\n--\n');
}

describe('model state', () => {
  const table = seedTable(240);
  const schema = inferSchema(table);
  let model: TabularModel;

  beforeAll(async () => {
    await tf.setBackend('cpu');
    installKernels();
    model = new TabularModel(table, schema, tiny, [order]);
    await model.train(2);
  });

  afterAll(() => model.dispose());

  it('fits the transforms the test means to save', () => {
    expect(model.transformer.derived).toEqual([{ name: 'code', source: 'city' }]);
    expect(schema.find((c) => c.name === 'spend')?.notes).toEqual(['unknown']);
    expect(schema.find((c) => c.name === 'start')?.kind).toBe('datetime');
    expect(schema.find((c) => c.name === 'id')?.kind).toBe('id');
    const end = model.transformer.toState().slots.find((s) => s.name === 'end');
    expect(end?.kind === 'model' && end.built?.construction).toEqual({ kind: 'gap', column: 'end', low: 'start' });
  });

  it('is plain JSON with a format version, and weights listed end to end', async () => {
    const { manifest, weights } = await model.save();
    expect(manifest.format).toBe(MODEL_FORMAT);
    expect(JSON.parse(JSON.stringify(manifest))).toEqual(manifest);
    const last = manifest.weights[manifest.weights.length - 1];
    expect(last.offset + 4 * last.length).toBe(weights.byteLength);
    const names = manifest.weights.map((w) => w.name);
    expect(new Set(names).size).toBe(names.length);
    expect(names).toContain('generator/block0/dense/kernel');
    expect(names).toContain('kept/generator/out/dense/bias');
    expect(names).toContain('average/generator/block0/norm/gamma');
    expect(names).toContain('optimiser/discriminator/v');
  });

  it('loads without the seed table and generates exactly the same rows, free and with a fixed condition', async () => {
    const { manifest, weights } = await model.save();
    const loaded = TabularModel.load(JSON.parse(JSON.stringify(manifest)), weights.slice(0));
    try {
      expect(loaded.table.rowCount).toBe(0);
      const original = await csvOf(model, 200);
      expect(original.split('\n').length).toBeGreaterThan(200);
      expect(await csvOf(loaded, 200)).toBe(original);
      for (const condition of [{ column: 'city', value: 'Lima' }, { column: 'code', value: 'C2' }]) {
        const fixed = await csvOf(model, 200, condition);
        expect(fixed).not.toBe(original);
        expect(await csvOf(loaded, 200, condition)).toBe(fixed);
      }
      expect(loaded.conditionChoices()).toEqual(model.conditionChoices());
      expect(loaded.epochs).toBe(2);
      // Saved again, the loaded model gives back the same manifest and weights.
      const again = await loaded.save();
      expect(again.manifest).toEqual(manifest);
      expect(new Float32Array(again.weights)).toEqual(new Float32Array(weights));
      await expect(loaded.train(1)).rejects.toThrow(/cannot train/);
    } finally {
      loaded.dispose();
    }
  });

  it('leaves no tensor behind across save, load, generate and dispose', async () => {
    await csvOf(model, 50);
    const before = tf.memory().numTensors;
    const { manifest, weights } = await model.save();
    const loaded = TabularModel.load(manifest, weights);
    await csvOf(loaded, 50);
    loaded.dispose();
    expect(tf.memory().numTensors).toBe(before);
  });

  it('names weights by their place, the same in two models alive at once', () => {
    const other = new TabularModel(table, schema, tiny, [order]);
    try {
      expect(other.trainer.generatorNames).toEqual(model.trainer.generatorNames);
      expect(other.trainer.discriminatorNames).toEqual(model.trainer.discriminatorNames);
      expect(model.trainer.generatorNames.slice(0, 3)).toEqual(['generator/block0/dense/kernel', 'generator/block0/dense/bias', 'generator/block0/condition/table']);
      expect(model.trainer.discriminatorNames[0]).toBe('discriminator/block0/dense/kernel');
    } finally {
      other.dispose();
    }
  });

  it('refuses a manifest of another format', async () => {
    const { manifest, weights } = await model.save();
    expect(() => TabularModel.load({ ...manifest, format: 2 }, weights)).toThrow(/format 2/);
    expect(() => TabularModel.load({ ...manifest, weights: manifest.weights.slice(1) }, weights)).toThrow(/no weights/);
  });
});
