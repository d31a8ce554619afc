import * as tf from '@tensorflow/tfjs';
import '@tensorflow/tfjs-backend-wasm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { installKernels } from '../backend/kernels';
import { inferSchema } from '../data/schema';
import { tableFromColumns } from '../data/table';
import { DEFAULT_CONFIG } from '../model/config';
import { Rng } from '../util/rng';
import { TabularModel } from './tabularModel';

async function on<T>(backend: string, f: () => T | Promise<T>): Promise<T> {
  await tf.setBackend(backend);
  return f();
}

function table(rows: number) {
  const rng = new Rng(5);
  const cols: string[][] = [[], [], []];
  for (let i = 0; i < rows; i++) {
    const k = rng.int(3);
    cols[0].push(['a', 'b', 'c'][k]);
    cols[1].push((k * 10 + rng.normal()).toFixed(2));
    cols[2].push(rng.next() < 0.3 ? 'x' : 'y');
  }
  return tableFromColumns(['k', 'v', 'f'], cols);
}

describe('CtganTrainer on the WASM backend, with the kernel patches', () => {
  beforeAll(async () => {
    tf.env().set('WASM_HAS_MULTITHREAD_SUPPORT', false);
    installKernels();
  });
  afterAll(async () => {
    await tf.setBackend('cpu');
  });

  it('trains step for step like the CPU backend from the same seed', async () => {
    const t = table(120);
    const config = { ...DEFAULT_CONFIG, embeddingDim: 8, generatorDims: [16], discriminatorDims: [16], batchSize: 40, pac: 4, seed: 3 };
    const losses = async () => {
      const model = new TabularModel(t, inferSchema(t), config);
      const out: number[] = [];
      for (let i = 0; i < 3; i++) {
        const l = model.trainer.step();
        out.push(...(await Promise.all([l.discriminator.data(), l.generator.data(), l.penalty.data()])).map((d) => d[0]));
        tf.dispose(Object.values(l));
      }
      model.dispose();
      return out;
    };
    const wasm = await on('wasm', losses);
    const cpu = await on('cpu', losses);
    wasm.forEach((v, i) => expect(v).toBeCloseTo(cpu[i], 3));
  });
});
