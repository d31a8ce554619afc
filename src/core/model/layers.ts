import * as tf from '@tensorflow/tfjs';
import { capabilitiesOf } from '../backend/capabilities';
import { runsWgsl } from '../backend/wgsl';
import type { Rng } from '../util/rng';
import { fusedNormRelu, NORM_EPSILON } from './fusedNorm';

/**
 * Weight names come from the layer's place in its network (`generator/block0/dense/kernel`),
 * so a saved model names the same weights the same way every time. They are kept beside the
 * variables rather than given to tfjs: tfjs registers variable names globally, so two models
 * alive at once (a retrain beside the old one) would clash; tfjs names its variables itself.
 */
function uniform(shape: number[], bound: number, rng: Rng): tf.Variable {
  // In a tidy, so the starting tensor is released once the variable holds its data (it leaked before).
  return tf.tidy(() => tf.variable(tf.randomUniform(shape, -bound, bound, 'float32', rng.seed()), true));
}

/** A fully connected layer; owns its weight [in, out] and bias [out]. */
export class Dense {
  readonly kernel: tf.Variable;
  readonly bias: tf.Variable;

  /** `name` is the layer's path in its network; `fanIn` sets the initial scale when the layer is one part of a wider input. */
  constructor(inputs: number, outputs: number, rng: Rng, readonly name: string, fanIn = inputs) {
    // PyTorch's default: uniform in ±1/sqrt(fan-in).
    const bound = 1 / Math.sqrt(fanIn);
    this.kernel = uniform([inputs, outputs], bound, rng);
    this.bias = uniform([outputs], bound, rng);
  }

  apply(x: tf.Tensor2D): tf.Tensor2D {
    return tf.add(tf.matMul(x, this.kernel), this.bias);
  }

  get variables(): tf.Variable[] {
    return [this.kernel, this.bias];
  }

  /** The saved names of `variables`, in the same order. */
  get names(): string[] {
    return [`${this.name}/kernel`, `${this.name}/bias`];
  }
}

/**
 * The part of a dense layer that reads the conditional vector. The condition is one-hot, so
 * its product with the weights is a row lookup: a [slots, out] table indexed by the active
 * slot, which skips the zeros that a matrix product would multiply through.
 */
export class ConditionTable {
  readonly table: tf.Variable;

  constructor(slots: number, outputs: number, rng: Rng, readonly name: string, fanIn: number) {
    this.table = uniform([slots, outputs], 1 / Math.sqrt(fanIn), rng);
  }

  /** Rows of the table for int32 slot indices [n]: [n, out]. */
  apply(slots: tf.Tensor1D): tf.Tensor2D {
    return tableRows(this.table as tf.Tensor2D, slots);
  }

  get variables(): tf.Variable[] {
    return [this.table];
  }

  get names(): string[] {
    return [`${this.name}/table`];
  }
}

/** Rows `slots` [n] of `table` [slots, out], by a gather or by a one-hot product (`backend` decides). */
export function tableRows(table: tf.Tensor2D, slots: tf.Tensor1D, backend = tf.getBackend()): tf.Tensor2D {
  if (capabilitiesOf(backend).gatherRows) return tf.gather(table, slots) as tf.Tensor2D;
  return tf.matMul(tf.cast(tf.oneHot(slots, table.shape[0]), 'float32'), table);
}

/** A batch norm's per-unit mean and variance, read off one batch and used for others (see Generator.normStats). */
export interface NormStats {
  mean: tf.Tensor1D;
  variance: tf.Tensor1D;
}

/**
 * Batch normalisation over the batch axis with learned scale and shift: batch statistics, or
 * `stats` read off another batch where the rows of this one are not a mix like training's.
 */
export class BatchNorm {
  readonly gamma: tf.Variable;
  readonly beta: tf.Variable;

  constructor(size: number, readonly name: string) {
    this.gamma = tf.tidy(() => tf.variable(tf.ones([size]), true));
    this.beta = tf.tidy(() => tf.variable(tf.zeros([size]), true));
  }

  apply(x: tf.Tensor2D, stats?: NormStats): tf.Tensor2D {
    const { mean, variance } = stats ?? tf.moments(x, 0);
    // Folded into one scale and shift per unit: two full-size kernels instead of four, each way.
    const scale = tf.mul(tf.rsqrt(tf.add(variance, NORM_EPSILON)), this.gamma);
    const shift = tf.sub(this.beta, tf.mul(mean, scale));
    return tf.add(tf.mul(x, scale), shift);
  }

  /** relu(apply(x)): on WebGPU as fused programs (see fusedNorm.ts), elsewhere as tfjs ops. */
  applyRelu(x: tf.Tensor2D, stats?: NormStats): tf.Tensor2D {
    return runsWgsl() && !stats ? fusedNormRelu(x, this.gamma, this.beta) : tf.relu(this.apply(x, stats));
  }

  get variables(): tf.Variable[] {
    return [this.gamma, this.beta];
  }

  get names(): string[] {
    return [`${this.name}/gamma`, `${this.name}/beta`];
  }
}
