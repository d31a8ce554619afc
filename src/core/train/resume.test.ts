import * as tf from '@tensorflow/tfjs';
import { beforeAll, describe, expect, it } from 'vitest';
import { installKernels } from '../backend/kernels';
import { inferSchema } from '../data/schema';
import { TabularModel } from './tabularModel';
import { TINY_CONFIG, twoModeTable } from './testModels';

async function rowsOf(model: TabularModel, rows: number): Promise<string> {
  const out: string[] = [];
  await model.generate(rows, { onChunk: (chunk) => void out.push(...chunk.columns[0].slice(0, chunk.rowCount).map(String)) });
  return out.join(',');
}

describe('TabularModel.resume', () => {
  beforeAll(async () => {
    await tf.setBackend('cpu');
    installKernels();
  });

  it('trains on from a saved run as if it had never stopped', async () => {
    const table = twoModeTable(120);
    const schema = inferSchema(table);
    const config = { ...TINY_CONFIG, epochs: 4 };
    // Two calls, as the saved run makes: a call's last epoch is always judged, so one call of 4
    // would judge different epochs and could keep a different generator.
    const whole = new TabularModel(table, schema, config);
    await whole.train(2);
    await whole.train(2);
    const expected = await rowsOf(whole, 50);
    whole.dispose();

    const first = new TabularModel(table, schema, config);
    await first.train(2);
    const { manifest, weights } = await first.save();
    first.dispose();
    const tensors = tf.memory().numTensors;
    const resumed = TabularModel.resume(table, manifest, weights);
    expect(resumed.epochs).toBe(2);
    expect(resumed.plannedEpochs).toBe(4);
    await resumed.train(2);
    expect(resumed.epochs).toBe(4);
    expect(await rowsOf(resumed, 50)).toBe(expected);
    resumed.dispose();
    expect(tf.memory().numTensors).toBe(tensors);
  });

  it('refuses to resume without the seed rows', async () => {
    const table = twoModeTable(60);
    const model = new TabularModel(table, inferSchema(table), TINY_CONFIG);
    const { manifest, weights } = await model.save();
    model.dispose();
    expect(() => TabularModel.resume({ ...table, columns: table.columns.map(() => []), rowCount: 0 }, manifest, weights)).toThrow(/no rows/);
  });
});
