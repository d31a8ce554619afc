import * as tf from '@tensorflow/tfjs';
import { capabilitiesOf } from '../backend/capabilities';
import type { Rng } from '../util/rng';

let nextId = 0;

function uniform(shape: number[], bound: number, rng: Rng, name: string): tf.Variable {
  const id = `${name}${nextId++}`;
  // In a tidy, so the starting tensor is released once the variable holds its data (it leaked before).
  return tf.tidy(() => tf.variable(tf.randomUniform(shape, -bound, bound, 'float32', rng.seed()), true, id));
}

/** A fully connected layer; owns its weight [in, out] and bias [out]. */
export class Dense {
  readonly kernel: tf.Variable;
  readonly bias: tf.Variable;

  /** `fanIn` sets the initial scale when the layer is one part of a wider input. */
  constructor(inputs: number, outputs: number, rng: Rng, fanIn = inputs) {
    // PyTorch's default: uniform in ±1/sqrt(fan-in).
    const bound = 1 / Math.sqrt(fanIn);
    this.kernel = uniform([inputs, outputs], bound, rng, 'dense/kernel');
    this.bias = uniform([outputs], bound, rng, 'dense/bias');
  }

  apply(x: tf.Tensor2D): tf.Tensor2D {
    return tf.add(tf.matMul(x, this.kernel), this.bias);
  }

  get variables(): tf.Variable[] {
    return [this.kernel, this.bias];
  }
}

/**
 * The part of a dense layer that reads the conditional vector. The condition is one-hot, so
 * its product with the weights is a row lookup: a [slots, out] table indexed by the active
 * slot, which skips the zeros that a matrix product would multiply through.
 */
export class ConditionTable {
  readonly table: tf.Variable;

  constructor(slots: number, outputs: number, rng: Rng, fanIn: number) {
    this.table = uniform([slots, outputs], 1 / Math.sqrt(fanIn), rng, 'condition/table');
  }

  /** Rows of the table for int32 slot indices [n]: [n, out]. */
  apply(slots: tf.Tensor1D): tf.Tensor2D {
    return tableRows(this.table as tf.Tensor2D, slots);
  }

  get variables(): tf.Variable[] {
    return [this.table];
  }
}

/** Rows `slots` [n] of `table` [slots, out], by a gather or by a one-hot product (`backend` decides). */
export function tableRows(table: tf.Tensor2D, slots: tf.Tensor1D, backend = tf.getBackend()): tf.Tensor2D {
  if (capabilitiesOf(backend).gatherRows) return tf.gather(table, slots) as tf.Tensor2D;
  return tf.matMul(tf.cast(tf.oneHot(slots, table.shape[0]), 'float32'), table);
}

/** Batch normalisation over the batch axis with learned scale and shift; always batch statistics. */
export class BatchNorm {
  readonly gamma: tf.Variable;
  readonly beta: tf.Variable;

  constructor(size: number) {
    const id = nextId++;
    this.gamma = tf.tidy(() => tf.variable(tf.ones([size]), true, `bn${id}/gamma`));
    this.beta = tf.tidy(() => tf.variable(tf.zeros([size]), true, `bn${id}/beta`));
  }

  apply(x: tf.Tensor2D): tf.Tensor2D {
    const { mean, variance } = tf.moments(x, 0);
    // Folded into one scale and shift per unit: two full-size kernels instead of four, each way.
    const scale = tf.mul(tf.rsqrt(tf.add(variance, 1e-5)), this.gamma);
    const shift = tf.sub(this.beta, tf.mul(mean, scale));
    return tf.add(tf.mul(x, scale), shift);
  }

  get variables(): tf.Variable[] {
    return [this.gamma, this.beta];
  }
}
