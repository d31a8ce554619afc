import * as tf from '@tensorflow/tfjs';
import { runElementwise, runsWgsl } from '../backend/wgsl';

// The optimiser's and the weight average's element-wise updates as single WGSL programs (WebGPU
// only). Each computes what its tfjs form in FlatAdam or CtganTrainer.updateAverage computes, in
// the same order of operations, with its constants passed as uniforms rather than uploaded as
// scalar tensors: tfjs runs one program per op and uploads each number a formula holds.

/** `decay · old + (1 − decay) · next` (or `next²` when `squared`), as the program named `key`. */
function decayTowards(key: string, old: tf.Tensor, next: tf.Tensor, decay: number, squared: boolean): tf.Tensor {
  const value = squared ? 'next[index] * next[index]' : 'next[index]';
  return runElementwise({
    key,
    shape: old.shape,
    body: `    setOutputAtIndex(index, old[index] * uniforms.decay + ${value} * uniforms.rest);`,
    inputs: { old, next },
    uniforms: { decay: ['f32', decay], rest: ['f32', 1 - decay] },
  });
}

/** `decay · moment + (1 − decay) · g` (or `g²` when `squared`): Adam's first or second moment. */
export function fusedMoment(moment: tf.Tensor, grad: tf.Tensor, decay: number, squared: boolean): tf.Tensor {
  return decayTowards(squared ? 'mitosisAdamSecondMoment' : 'mitosisAdamFirstMoment', moment, grad, decay, squared);
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
  return decayTowards('mitosisAverage', average, weight, decay, false);
}

/**
 * Moves each of `averages` towards its weight by one step of an exponential moving average
 * (one program per weight on WebGPU, three tfjs ops elsewhere). Both trainers' generators use it.
 */
export function updateAverages(averages: tf.Variable[], weights: tf.Variable[], decay: number): void {
  const fused = runsWgsl();
  tf.tidy(() => averages.forEach((a, i) => a.assign(fused ? fusedAverage(a, weights[i], decay) : tf.add(tf.mul(a, decay), tf.mul(weights[i], 1 - decay)))));
}
