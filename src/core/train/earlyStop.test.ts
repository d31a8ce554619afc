import * as tf from '@tensorflow/tfjs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { installKernels } from '../backend/kernels';
import { inferSchema } from '../data/schema';
import { patienceSteps } from './budget';
import { TrainingRun, type Judged } from './loop';
import { TabularModel } from './tabularModel';
import { TINY_CONFIG, twoModeTable } from './testModels';

/** A judge whose score never improves after the first epoch, and whose detection rises from 0.1 to `last` over `epochs`. */
function flatScore(last: number, epochs: number): (epoch: number) => Promise<Judged<number>> {
  return async (epoch) => ({ score: 0.9, detection: 0.1 + ((last - 0.1) * epoch) / epochs, report: () => epoch });
}

describe('early stopping on the CPU backend', () => {
  beforeAll(async () => {
    await tf.setBackend('cpu');
    installKernels();
  });

  const t = twoModeTable(200);
  let model: TabularModel;
  let [stepsPerEpoch, epochs] = [0, 0];
  beforeAll(() => {
    model = new TabularModel(t, inferSchema(t), TINY_CONFIG);
    stepsPerEpoch = model.trainer.stepsPerEpoch;
    epochs = Math.ceil((2 * patienceSteps(0)) / stepsPerEpoch);
  });

  it('stops once neither the score nor detection has gained for the patience', async () => {
    const run = new TrainingRun(model.trainer, { keepBest: false, earlyStop: true, judge: flatScore(0.1, epochs) });
    expect(await run.train(epochs)).toBe('converged');
    // The first judged epoch set both; the run stopped at the first judgement past the patience.
    const patience = Math.ceil(patienceSteps(epochs * stepsPerEpoch) / stepsPerEpoch);
    expect(run.epochsDone).toBeGreaterThanOrEqual(patience);
    expect(run.epochsDone).toBeLessThan(patience + Math.ceil(50 / stepsPerEpoch));
  });

  it('goes on while detection still rises, though the score is flat', async () => {
    const run = new TrainingRun(model.trainer, { keepBest: false, earlyStop: true, judge: flatScore(0.9, epochs) });
    expect(await run.train(epochs)).toBe('done');
    expect(run.epochsDone).toBe(epochs);
  });

  it('judges detection on the tabular model every 400 steps, only when stopping early', async () => {
    const judgedDetection = async (earlyStop: boolean) => {
      const m = new TabularModel(t, inferSchema(t), { ...TINY_CONFIG, earlyStop });
      await m.train(Math.ceil(450 / m.trainer.stepsPerEpoch));
      const { manifest } = await m.save();
      m.dispose();
      return manifest.selection.detection?.base;
    };
    const base = await judgedDetection(true);
    expect(typeof base).toBe('number');
    expect(base).toBeGreaterThanOrEqual(0);
    expect(base).toBeLessThanOrEqual(1);
    expect(await judgedDetection(false)).toBe('-Infinity');
  });

  afterAll(() => model.dispose());
});
