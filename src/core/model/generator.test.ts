import * as tf from '@tensorflow/tfjs';
import { beforeAll, describe, expect, it } from 'vitest';
import { Rng } from '../util/rng';
import { Generator } from './generator';

describe('Generator', () => {
  beforeAll(async () => {
    await tf.setBackend('cpu');
  });

  it('writes rows that share one condition as it writes them among mixed conditions, given the mixed batch norms', () => {
    const rng = new Rng(5);
    const generator = new Generator(8, 4, [16, 16], 6, rng);
    const rows = 64;
    const slots = Int32Array.from({ length: rows }, () => rng.int(4));
    const noise = tf.tensor2d(rng.normals(rows * 8), [rows, 8]);
    const mixed = generator.apply(noise, tf.tensor1d(slots, 'int32'));
    const stats = generator.normStats(noise, tf.tensor1d(slots, 'int32'));
    const picked = [...slots.keys()].filter((r) => slots[r] === 2);
    const alone = (withStats: boolean) => {
      const sub = tf.gather(noise, picked) as tf.Tensor2D;
      const fixedSlots = tf.fill([picked.length], 2, 'int32') as tf.Tensor1D;
      return generator.apply(sub, fixedSlots, withStats ? stats : undefined).arraySync();
    };
    const expected = (tf.gather(mixed, picked) as tf.Tensor2D).arraySync();
    const gap = (a: number[][]) => Math.max(...a.flatMap((row, r) => row.map((x, c) => Math.abs(x - expected[r][c]))));
    expect(picked.length).toBeGreaterThan(8);
    expect(gap(alone(true))).toBeLessThan(1e-4);
    // Their own batch's norms subtract the shared condition: other rows.
    expect(gap(alone(false))).toBeGreaterThan(0.05);
    generator.dispose();
  });
});
