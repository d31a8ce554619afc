import * as tf from '@tensorflow/tfjs';
import { describe, expect, it } from 'vitest';
import { inferSchema } from '../data/schema';
import { tableFromColumns } from '../data/table';
import { DEFAULT_CONFIG } from '../model/config';
import { TabularModel } from './tabularModel';

// A file of its own: nothing here calls installKernels, so tfjs is as it was imported.
describe('CtganTrainer without installKernels', () => {
  it('refuses to start, naming the call that is missing', async () => {
    await tf.setBackend('cpu');
    const t = tableFromColumns(['c', 'x'], [Array.from({ length: 100 }, (_, i) => (i % 2 ? 'a' : 'b')), Array.from({ length: 100 }, (_, i) => String(i))]);
    const before = tf.memory().numTensors;
    expect(() => new TabularModel(t, inferSchema(t), { ...DEFAULT_CONFIG, embeddingDim: 8, generatorDims: [16], discriminatorDims: [16], batchSize: 20, pac: 4 })).toThrow(/installKernels\(\)/);
    expect(tf.memory().numTensors).toBe(before);
  });
});
