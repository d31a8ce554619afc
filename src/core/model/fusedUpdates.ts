import type * as tf from '@tensorflow/tfjs';
import { runElementwise } from '../backend/wgsl';

// The optimiser's and the weight average's element-wise updates as single WGSL programs (WebGPU
// only). Each computes what its tfjs form in FlatAdam or CtganTrainer.updateAverage computes, in
// the same order of operations, with its constants passed as uniforms rather than uploaded as
// scalar tensors: tfjs runs one program per op and uploads each number a formula holds.

/** `decay · moment + (1 − decay) · g` (or `g²` when `squared`): Adam's first or second moment. */
export function fusedMoment(moment: tf.Tensor, grad: tf.Tensor, decay: number, squared: boolean): tf.Tensor {
  const g = squared ? 'grad[index] * grad[index]' : 'grad[index]';
  return runElementwise({
    key: squared ? 'mitosisAdamSecondMoment' : 'mitosisAdamFirstMoment',
    shape: moment.shape,
    body: `    setOutputAtIndex(index, moment[index] * uniforms.decay + ${g} * uniforms.rest);`,
    inputs: { moment, grad },
    uniforms: { decay: ['f32', decay], rest: ['f32', 1 - decay] },
  });
}

/** The bias-corrections of Adam at step t, and its step size and epsilon. */
export interface AdamStep {
  rate: number;
  firstCorrection: number;
  secondCorrection: number;
  epsilon: number;
}

/**
 * `weight − rate · (m / c1) / (sqrt(v / c2) + epsilon)` for one variable whose moments sit at
 * `offset` in the flat moment vectors m and v.
 */
export function fusedAdamApply(weight: tf.Tensor, m: tf.Tensor, v: tf.Tensor, offset: number, step: AdamStep): tf.Tensor {
  return runElementwise({
    key: 'mitosisAdamApply',
    shape: weight.shape,
    body: `
    let i = index + uniforms.offset;
    let corrected = (m[i] / uniforms.c1) / (sqrt(v[i] / uniforms.c2) + uniforms.epsilon);
    setOutputAtIndex(index, weight[index] + corrected * uniforms.negativeRate);`,
    inputs: { weight, m, v },
    uniforms: {
      offset: ['i32', offset],
      c1: ['f32', step.firstCorrection],
      c2: ['f32', step.secondCorrection],
      epsilon: ['f32', step.epsilon],
      negativeRate: ['f32', -step.rate],
    },
  });
}

/** `decay · average + (1 − decay) · weight`: one step of an exponential moving average. */
export function fusedAverage(average: tf.Tensor, weight: tf.Tensor, decay: number): tf.Tensor {
  return runElementwise({
    key: 'mitosisAverage',
    shape: average.shape,
    body: '    setOutputAtIndex(index, average[index] * uniforms.decay + weight[index] * uniforms.rest);',
    inputs: { average, weight },
    uniforms: { decay: ['f32', decay], rest: ['f32', 1 - decay] },
  });
}
