import * as tf from '@tensorflow/tfjs';
import { beforeAll, describe, expect, it } from 'vitest';
import { tableRows } from './layers';

describe('tableRows', () => {
  beforeAll(async () => {
    await tf.setBackend('cpu');
  });

  it('gives the same rows and table gradient by gather and by one-hot product', () => {
    const table = tf.tensor2d([1, 2, 3, 4, 5, 6, 7, 8], [4, 2]);
    const slots = tf.tensor1d([3, 0, 3], 'int32');
    const weights = tf.tensor2d([1, 2, -1, 0.5, 3, 3], [3, 2]);
    const run = (backend: string) => {
      const rows = tableRows(table, slots, backend).arraySync();
      const grad = tf.grad((t: tf.Tensor) => tf.sum(tf.mul(tableRows(t as tf.Tensor2D, slots, backend), weights)))(table).arraySync();
      return { rows, grad };
    };
    const byGather = run('cpu');
    expect(byGather.rows).toEqual([[7, 8], [1, 2], [7, 8]]);
    expect(byGather.grad).toEqual([[-1, 0.5], [0, 0], [0, 0], [4, 5]]);
    expect(run('webgl')).toEqual(byGather);
  });
});
