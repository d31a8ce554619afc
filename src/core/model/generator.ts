import * as tf from '@tensorflow/tfjs';
import type { Span } from '../transform/types';
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

/** tanh on scalar spans, Gumbel-softmax on one-hot spans; [batch, width] in and out. */
export function activate(raw: tf.Tensor2D, spans: Span[], tau: number, rng: Rng): tf.Tensor2D {
  const parts = spans.map((span) => {
    const slice = tf.slice(raw, [0, span.start], [-1, span.size]);
    if (span.activation === 'tanh') return tf.tanh(slice);
    // In float32 a uniform draw can round to exactly 1, and -log(-log(1)) is infinite: keep u inside (0, 1).
    const u = tf.randomUniform(slice.shape, 1e-6, 1 - 1e-6, 'float32', rng.seed());
    const gumbel = tf.neg(tf.log(tf.add(tf.neg(tf.log(u)), 1e-20)));
    return tf.softmax(tf.div(tf.add(slice, gumbel), tau));
  });
  return (parts.length === 1 ? parts[0] : tf.concat(parts, 1)) as tf.Tensor2D;
}
