import * as tf from '@tensorflow/tfjs';
import { describe, expect, it } from 'vitest';
import { countGpuWork } from '../core/backend/gpuWork';
import { startSoftwareDawn, SWIFTSHADER } from '../core/backend/dawnTesting';
import { Session } from '../core/session/session';
import { TINY_CONFIG, twoModeTable } from '../core/train/testModels';
import { measureStepWork } from './stepWork';

describe.skipIf(!SWIFTSHADER)('counting WebGPU work on Dawn (software Vulkan)', () => {
  it('counts each program run, and nothing once stopped', async () => {
    await startSoftwareDawn();
    expect(tf.getBackend()).toBe('webgpu');
    // Large enough that tfjs does not compute them on the host.
    const x = tf.range(0, 5000);
    const y = tf.range(5000, 10000);
    const counter = countGpuWork()!;
    const sum = tf.tidy(() => x.add(y).exp());
    await sum.data();
    const work = counter.read();
    counter.stop();
    tf.dispose([x.add(y), sum]);
    expect(work.dispatches).toBe(2);
    expect(Object.values(work.programs).reduce((a, b) => a + b, 0)).toBe(2);
    expect(work.uploads).toBe(2);
    expect(work.readbacks).toBe(1);
    expect(counter.read().dispatches).toBe(2);
    tf.dispose([x, y]);
  }, 60_000);

  it('measures the work of a training step of a tiny model', async () => {
    const session = Session.fromTable('tiny.csv', twoModeTable(200));
    session.prepare({ ...TINY_CONFIG, batchSize: 20, pac: 2 });
    const work = (await measureStepWork(session, 5, 1))!;
    session.dispose();
    expect(work.steps).toBe(5);
    expect(work.perStep.dispatches).toBeGreaterThan(50);
    expect(Object.values(work.stepPrograms).reduce((a, b) => a + b, 0)).toBeCloseTo(work.perStep.dispatches, 6);
    // The fused optimiser: one program for each weight tensor of both networks.
    expect(work.stepPrograms.mitosisAdamApply).toBeGreaterThanOrEqual(4);
    // The pool is filled by the first step and reused after it.
    expect(work.firstStepAllocations).toBeGreaterThan(work.perStep.allocations);
    expect(work.perBatch.dispatches).toBeGreaterThan(0);
    expect(tf.memory().numTensors).toBe(0);
  }, 120_000);
});
