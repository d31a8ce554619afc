import * as tf from '@tensorflow/tfjs';
import type { Rng } from '../train/rng';
import { BatchNorm, Dense } from './layers';

/**
 * CTGAN's generator: residual blocks (dense → batch norm → ReLU, output concatenated
 * with the block's input), then a dense layer to the encoded row width.
 */
export class Generator {
  private readonly blocks: { dense: Dense; norm: BatchNorm }[] = [];
  private readonly head: Dense;

  constructor(inputs: number, dims: number[], outputs: number, rng: Rng) {
    let width = inputs;
    for (const dim of dims) {
      this.blocks.push({ dense: new Dense(width, dim, rng), norm: new BatchNorm(dim) });
      width += dim;
    }
    this.head = new Dense(width, outputs, rng);
  }

  /** Raw outputs (pre-activation), [batch, outputs], from noise and condition joined as [batch, inputs]. */
  apply(input: tf.Tensor2D): tf.Tensor2D {
    let h = input;
    for (const { dense, norm } of this.blocks) {
      h = tf.concat([tf.relu(norm.apply(dense.apply(h))), h], 1);
    }
    return this.head.apply(h);
  }

  get variables(): tf.Variable[] {
    return [...this.blocks.flatMap((b) => [...b.dense.variables, ...b.norm.variables]), ...this.head.variables];
  }

  dispose(): void {
    for (const v of this.variables) v.dispose();
  }
}
