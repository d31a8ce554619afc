import * as tf from '@tensorflow/tfjs';
import { beforeAll, describe, expect, it } from 'vitest';
import { installKernels } from '../backend/kernels';
import { inferSchema } from '../data/schema';
import { tableFromColumns } from '../data/table';
import { TINY_CONFIG, twoModeTable } from './testModels';
import { DivergedError, TabularModel, type Recovery } from './tabularModel';

const tiny = TINY_CONFIG;
const table = twoModeTable;

/** A model trained one epoch, and its state with the generator's first weights all NaN: rolled back to, it poisons the model. */
async function modelAndPoison(): Promise<{ model: TabularModel; poison: () => void }> {
  const t = table(200);
  const model = new TabularModel(t, inferSchema(t), tiny);
  await model.train(1);
  const poisoned = await poisonedState(model);
  return { model, poison: () => model.trainer.rollBack(poisoned) };
}

/** The trainer's state now, with the generator's first weights all NaN. */
async function poisonedState(model: TabularModel) {
  const saved = await model.trainer.save();
  const first = model.trainer.generatorNames[0];
  return { ...saved, tensors: saved.tensors.map((n) => (n.name === first ? { ...n, values: new Float32Array(n.values.length).fill(NaN) } : n)) };
}

describe('recovery from NaN losses on the CPU backend', () => {
  beforeAll(async () => {
    await tf.setBackend('cpu');
    installKernels();
  });

  it('rolls back to the last checkpoint at halved learning rates, goes on, and leaks no tensor', async () => {
    const before = tf.memory().numTensors;
    const { model, poison } = await modelAndPoison();
    expect(model.trainer.stepsPerEpoch).toBeGreaterThan(1);
    const recoveries: Recovery[] = [];
    let injected = false;
    const ending = await model.train(3, {
      readEvery: 1,
      // Mid-way through the second epoch of this run (the model's third), once.
      onProgress: (p) => {
        if (!injected && p.epoch > 2 && p.epoch < 3) {
          injected = true;
          poison();
        }
      },
      onRecover: (r) => recoveries.push(r),
    });
    expect(injected).toBe(true);
    expect(ending).toBe('done');
    // Checkpoints come every 100 steps or so; this run's 15 steps have only the one it started from, so epoch 2 is trained again.
    expect(recoveries).toEqual([{ cause: 'nan', epoch: 2, generatorLr: tiny.generatorLr / 2, discriminatorLr: tiny.discriminatorLr / 2 }]);
    expect(model.epochs).toBe(4);
    const values: (string | null)[] = [];
    await model.generate(50, { onChunk: (chunk) => void values.push(...chunk.columns.flat()) });
    expect(values).toHaveLength(100);
    expect(values.filter((v) => v === null || v === 'NaN' || v.includes('NaN'))).toEqual([]);
    expect(values.slice(0, 50).every((v) => Number.isFinite(Number(v)))).toBe(true);
    model.dispose();
    expect(tf.memory().numTensors).toBe(before);
  });

  it('goes back only to the latest checkpoint, taken every hundred steps or so at the end of a judged epoch', async () => {
    const t = table(1000);
    const model = new TabularModel(t, inferSchema(t), tiny);
    // 850 training rows at a batch of 40: 21 steps an epoch, judged every second one, so the first checkpoint after the
    // start (≥ 100 steps, at a judged epoch) is at the end of epoch 6.
    expect(model.trainer.stepsPerEpoch).toBe(21);
    const poisoned = await poisonedState(model);
    const recoveries: Recovery[] = [];
    let injected = false;
    const ending = await model.train(8, {
      readEvery: 1,
      onProgress: (p) => {
        if (!injected && p.epoch > 7.5) {
          injected = true;
          model.trainer.rollBack(poisoned);
        }
      },
      onRecover: (r) => recoveries.push(r),
    });
    expect(ending).toBe('done');
    expect(recoveries.map((r) => r.epoch)).toEqual([7]);
    expect(model.epochs).toBe(8);
    model.dispose();
  });

  it('gives up with DivergedError after three recoveries', async () => {
    const before = tf.memory().numTensors;
    const { model, poison } = await modelAndPoison();
    const recoveries: Recovery[] = [];
    const run = model.train(3, { readEvery: 1, onProgress: () => poison(), onRecover: (r) => recoveries.push(r) });
    await expect(run).rejects.toThrow(DivergedError);
    await expect(run).rejects.toThrow(/recovering 3 times/);
    expect(recoveries.map((r) => r.generatorLr)).toEqual([tiny.generatorLr / 2, tiny.generatorLr / 4, tiny.generatorLr / 8]);
    model.dispose();
    expect(tf.memory().numTensors).toBe(before);
  });

  it('rolls a collapse back too: a judged score far below the best so far', async () => {
    // Three columns of five even categories: learned, they score well; collapsed onto one value each, far worse.
    const letters = ['a', 'b', 'c', 'd', 'e'];
    const t = tableFromColumns(['p', 'q', 'r'], [0, 1, 2].map((k) => Array.from({ length: 400 }, (_, i) => letters[(i * (k + 1) + k) % 5])));
    const model = new TabularModel(t, inferSchema(t), tiny);
    // 10 steps an epoch at a batch of 40: judged every 3 epochs, a checkpoint at a judged epoch ≥ 100 steps in.
    await model.train(60, { onEpoch: () => undefined });
    // The generator's output layer (its last two weights) made to write one fixed value in every span, whatever its input.
    const saved = await model.trainer.save();
    const [kernel, bias] = model.trainer.generatorNames.slice(-2);
    const collapse = (name: string) => name.endsWith(kernel) || name.endsWith(bias);
    const collapsed = {
      ...saved,
      tensors: saved.tensors.map((n) => (collapse(n.name) && !n.name.startsWith('optimiser') ? { ...n, values: n.values.map((_, j) => (n.name.endsWith(bias) && j % 5 === 0 ? 30 : 0)) } : n)),
    };
    const recoveries: Recovery[] = [];
    const scores: number[] = [];
    let injected = false;
    await model.train(12, {
      onProgress: (p) => {
        if (!injected && p.epoch > 67.5) {
          injected = true;
          model.trainer.rollBack(collapsed);
        }
      },
      onEpoch: (r) => scores.push(Number(((r.fidelity.score + r.pairTrends) / 2).toFixed(3))),
      onRecover: (r) => recoveries.push(r),
    });
    expect(injected).toBe(true);
    expect(recoveries, String(scores)).toHaveLength(1);
    expect(recoveries[0]).toMatchObject({ cause: 'collapse', generatorLr: tiny.generatorLr / 2 });
    expect(recoveries[0].epoch).toBeLessThanOrEqual(68);
    expect(model.epochs).toBe(72);
    model.dispose();
  });
});
