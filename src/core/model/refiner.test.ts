import * as tf from '@tensorflow/tfjs';
import { beforeAll, describe, expect, it } from 'vitest';
import { installKernels } from '../backend/kernels';
import { Rng } from '../util/rng';
import { Refiner } from './refiner';

/** Rows of two one-hot columns: `a` then `b`, each 0 or 1, with P(b = a) = `agree`. */
function rows(n: number, agree: number, rng: Rng): Float32Array {
  const out = new Float32Array(n * 4);
  for (let r = 0; r < n; r++) {
    const a = rng.next() < 0.5 ? 1 : 0;
    const b = rng.next() < agree ? a : 1 - a;
    out[r * 4 + a] = 1;
    out[r * 4 + 2 + b] = 1;
  }
  return out;
}

const agreement = (values: Float32Array, keep: Uint8Array) => {
  let [same, kept] = [0, 0];
  keep.forEach((k, r) => {
    if (!k) return;
    kept++;
    if (values[r * 4 + 1] === values[r * 4 + 3]) same++;
  });
  return same / kept;
};

describe('Refiner', () => {
  beforeAll(async () => {
    await tf.setBackend('cpu');
    installKernels();
  });

  it('keeps generated rows in proportion to how much likelier the seed makes them', async () => {
    const rng = new Rng(5);
    // The seed's columns agree in 90 % of rows; the generator's in half.
    const [real, fake] = [rows(2000, 0.9, rng), rows(2000, 0.5, rng)];
    const tensors = tf.memory().numTensors;
    const net = new Refiner(4, rng, [16]);
    const state = await net.fit(real, fake, 4, rng);
    expect(state).not.toBeNull();
    expect(state!.loss).toBeLessThan(Math.LN2 - 0.05);
    const drawn = rows(4000, 0.5, rng);
    const keep = await net.accept(drawn, 4000, 4, state!, rng);
    // Agreeing rows are 1.8 times likelier in the seed, disagreeing ones 5 times less likely:
    // kept at the exact ratios, rows would agree 90 % of the time (all drawn rows: 50 %).
    expect(agreement(drawn, keep)).toBeGreaterThan(0.8);
    net.dispose();
    expect(tf.memory().numTensors).toBe(tensors);
  });

  it('keeps nothing back when the generated rows are the seed’s', async () => {
    const rng = new Rng(6);
    const net = new Refiner(4, rng, [16]);
    expect(await net.fit(rows(1000, 0.7, rng), rows(1000, 0.7, rng), 4, rng)).toBeNull();
    net.dispose();
  });
});
