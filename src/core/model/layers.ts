import * as tf from '@tensorflow/tfjs';
import type { Rng } from '../train/rng';

let nextId = 0;

/** A fully connected layer; owns its weight [in, out] and bias [out]. */
export class Dense {
  readonly kernel: tf.Variable;
  readonly bias: tf.Variable;

  constructor(inputs: number, outputs: number, rng: Rng) {
    // PyTorch's default: uniform in ±1/sqrt(fan-in).
    const bound = 1 / Math.sqrt(inputs);
    const id = nextId++;
    this.kernel = tf.variable(tf.randomUniform([inputs, outputs], -bound, bound, 'float32', rng.seed()), true, `dense${id}/kernel`);
    this.bias = tf.variable(tf.randomUniform([outputs], -bound, bound, 'float32', rng.seed()), true, `dense${id}/bias`);
  }

  apply(x: tf.Tensor2D): tf.Tensor2D {
    return tf.add(tf.matMul(x, this.kernel), this.bias);
  }

  get variables(): tf.Variable[] {
    return [this.kernel, this.bias];
  }
}

/** Batch normalisation over the batch axis with learned scale and shift; always batch statistics. */
export class BatchNorm {
  readonly gamma: tf.Variable;
  readonly beta: tf.Variable;

  constructor(size: number) {
    const id = nextId++;
    this.gamma = tf.variable(tf.ones([size]), true, `bn${id}/gamma`);
    this.beta = tf.variable(tf.zeros([size]), true, `bn${id}/beta`);
  }

  apply(x: tf.Tensor2D): tf.Tensor2D {
    const { mean, variance } = tf.moments(x, 0);
    return tf.add(tf.mul(tf.div(tf.sub(x, mean), tf.sqrt(tf.add(variance, 1e-5))), this.gamma), this.beta);
  }

  get variables(): tf.Variable[] {
    return [this.gamma, this.beta];
  }
}
