import * as tf from '@tensorflow/tfjs';
import { beforeAll, describe, expect, it, vi } from 'vitest';
import { installKernels } from '../backend/kernels';
import { inferSchema } from '../data/schema';
import { tableFromColumns } from '../data/table';
import { DEFAULT_CONFIG, type ModelConfig } from '../model/config';
import { InputError } from '../util/errors';
import type * as Limits from '../util/limits';
import { encodedBytes, requireEncodedFits } from './encodedSize';
import { TabularModel } from './tabularModel';

// A limit a tiny table can cross, so the constructor's own check is exercised without gigabytes.
vi.mock('../util/limits', async (importOriginal) => ({ ...(await importOriginal<typeof Limits>()), MAX_ENCODED_BYTES: 40_000 }));

const tiny: ModelConfig = { ...DEFAULT_CONFIG, embeddingDim: 8, generatorDims: [16], discriminatorDims: [16], batchSize: 40, pac: 4, epochs: 1, seed: 7 };

/** 200 rows: `distinct` cities (one-hot, one value each) and a yes/no column. */
function table(distinct: number) {
  const city = Array.from({ length: 200 }, (_, i) => `city${i % distinct}`);
  const flag = Array.from({ length: 200 }, (_, i) => (i % 3 === 0 ? 'yes' : 'no'));
  return tableFromColumns(['city', 'flag'], [city, flag]);
}

describe('requireEncodedFits', () => {
  const columns = [
    { name: 'zip', encoder: { width: 40_000 } },
    { name: 'age', encoder: { width: 11 } },
    { name: 'city', encoder: { width: 2_000 } },
    { name: 'ok', encoder: { width: 2 } },
  ];

  it('counts four bytes a value', () => {
    expect(encodedBytes(200_000, 1_250)).toBe(1_000_000_000);
  });

  it('passes rows up to the limit and refuses one byte more, naming the widest columns', () => {
    expect(() => requireEncodedFits(10, columns, encodedBytes(10, 42_013))).not.toThrow();
    expect(() => requireEncodedFits(200_000, columns, 1_000_000_000)).toThrow(
      new InputError(
        'Training would take about 33.6 GB: 200,000 rows × 42,013 encoded values × 4 bytes, more than the 1 GB the studio allows. ' +
          'The widest columns are "zip" (40,000 values), "city" (2,000 values), "age" (11 values). ' +
          'Exclude wide categorical columns such as these (untick Use under Columns, or remove them from the file), or train on fewer rows.',
      ),
    );
  });
});

describe('TabularModel', () => {
  beforeAll(async () => {
    await tf.setBackend('cpu');
    installKernels();
  });

  it('refuses before encoding a table whose encoded rows pass the limit', () => {
    // 200 rows × (100 cities + 2 flags) × 4 bytes = 81.6 kB, over the mocked 40 kB.
    const wide = table(100);
    expect(() => new TabularModel(wide, inferSchema(wide), tiny)).toThrow(/^Training would take about 81\.6 kB: 200 rows × 102 encoded values × 4 bytes, more than the 40 kB/);
  });

  it('trains a table within the limit', () => {
    const narrow = table(5);
    const model = new TabularModel(narrow, inferSchema(narrow), tiny);
    expect(model.transformer.layout.width).toBe(7);
    model.dispose();
  });

  it('refuses a config out of range before any work', () => {
    const narrow = table(5);
    expect(() => new TabularModel(narrow, inferSchema(narrow), { ...tiny, generatorLr: 1000 })).toThrow(
      new InputError('Generator learning rate must be between 0.000001 and 0.1 (got 1000).'),
    );
  });
});
