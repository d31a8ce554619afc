import * as tf from '@tensorflow/tfjs';
import { beforeAll, describe, expect, it } from 'vitest';
import { installKernels } from '../core/backend/kernels';
import { Rng } from '../core/util/rng';
import { DEFAULT_BENCH, runBenchmark, splitTable } from './benchmark';
import { tableFromColumns } from '../core/data/table';

function csv(rows: number): string {
  const rng = new Rng(4);
  const lines = ['hours,degree,income'];
  for (let i = 0; i < rows; i++) {
    const hours = 20 + rng.next() * 40;
    const degree = rng.next() < 0.4 ? 'yes' : 'no';
    lines.push(`${hours.toFixed(2)},${degree},${hours > 45 && degree === 'yes' ? 'high' : 'low'}`);
  }
  return lines.join('\n');
}

describe('benchmark harness', () => {
  beforeAll(async () => {
    await tf.setBackend('cpu');
    installKernels();
  });

  it('splits 80/20 without losing or repeating rows', () => {
    const table = tableFromColumns(['i'], [Array.from({ length: 101 }, (_, i) => String(i))]);
    const { train, holdout } = splitTable(table, 3);
    expect([train.rowCount, holdout.rowCount]).toEqual([80, 21]);
    expect(new Set([...train.columns[0], ...holdout.columns[0]]).size).toBe(101);
  });

  it('reports speed, tensors and quality figures for a short run', async () => {
    const tiny = { embeddingDim: 8, generatorDims: [16], discriminatorDims: [16], batchSize: 40, pac: 4 };
    const result = await runBenchmark(
      csv(300),
      { backend: 'cpu', adapter: 'test', tensors: () => tf.memory().numTensors, log: () => undefined },
      { ...DEFAULT_BENCH, epochs: 2, generateRows: 500, config: tiny },
    );
    expect(result.rows).toEqual({ train: 240, holdout: 60 });
    expect(result.epochSeconds).toHaveLength(2);
    expect(result.secondsPerEpoch).toBe(result.epochSeconds[1]);
    expect(result.shapesByEpoch.every((s) => s > 0 && s <= 1)).toBe(true);
    expect(result.peakTensors).toBeGreaterThan(0);
    expect(result.generationRowsPerSecond).toBeGreaterThan(0);
    expect(result.quality.efficacy?.positive).toBe('high');
    expect(result.quality.exactCopies).toBeGreaterThanOrEqual(0);
    expect(result.quality.dcr.holdout).toBeGreaterThanOrEqual(0);
  });
});
