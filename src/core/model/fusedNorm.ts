import * as tf from '@tensorflow/tfjs';
import { runElementwise } from '../backend/wgsl';

// Batch normalisation (batch statistics) followed by ReLU, as WGSL programs on WebGPU: two
// forward (column statistics, then the normalised, scaled and rectified rows) and three back
// (the two column sums, then the input's gradient). tfjs runs the same layer as about ten
// programs forward and twenty back, one per op, each with its own buffers.

/** Added to each column's variance, here and in BatchNorm's tfjs form. */
export const NORM_EPSILON = 1e-5;

type Sizes = { rows: ['i32', number]; cols: ['i32', number] };
const sizesOf = (x: tf.Tensor2D): Sizes => ({ rows: ['i32', x.shape[0]], cols: ['i32', x.shape[1]] });

/** [2, cols]: each column's mean, then 1 / sqrt(variance + ε), in two passes as `tf.moments`. */
function columnStats(x: tf.Tensor2D): tf.Tensor2D {
  return runElementwise({
    key: 'mitosisNormStats',
    shape: [2, x.shape[1]],
    inputs: { x },
    uniforms: sizesOf(x),
    body: `
    let j = index % uniforms.cols;
    var sum = 0.0;
    for (var i = 0; i < uniforms.rows; i++) { sum += x[i * uniforms.cols + j]; }
    let mean = sum / f32(uniforms.rows);
    if (index < uniforms.cols) {
      setOutputAtIndex(index, mean);
      return;
    }
    var squares = 0.0;
    for (var i = 0; i < uniforms.rows; i++) {
      let d = x[i * uniforms.cols + j] - mean;
      squares += d * d;
    }
    setOutputAtIndex(index, inverseSqrt(squares / f32(uniforms.rows) + ${NORM_EPSILON.toFixed(5)}));`,
  }) as tf.Tensor2D;
}

/** max(0, γ · (x − mean) / sd + β), row by row. */
function normalise(x: tf.Tensor2D, stats: tf.Tensor2D, gamma: tf.Tensor, beta: tf.Tensor): tf.Tensor2D {
  return runElementwise({
    key: 'mitosisNormRelu',
    shape: x.shape,
    inputs: { x, stats, gamma, beta },
    uniforms: sizesOf(x),
    body: `
    let j = index % uniforms.cols;
    let v = (x[index] - stats[j]) * stats[uniforms.cols + j] * gamma[j] + beta[j];
    setOutputAtIndex(index, max(v, 0.0));`,
  }) as tf.Tensor2D;
}

/**
 * Per column, over the rows the ReLU let through: Σ dy (β's gradient) or, with `scaled`,
 * Σ dy · x̂ (γ's), where x̂ is the normalised input.
 */
function columnSums(dy: tf.Tensor2D, x: tf.Tensor2D, y: tf.Tensor2D, stats: tf.Tensor2D, scaled: boolean): tf.Tensor1D {
  return runElementwise({
    key: scaled ? 'mitosisNormGradGamma' : 'mitosisNormGradBeta',
    shape: [x.shape[1]],
    // A binding the shader never reads is dropped from its layout, so β's sum gets only what it reads.
    inputs: scaled ? { dy, x, y, stats } : { dy, y },
    uniforms: sizesOf(x),
    body: `
    var sum = 0.0;
    for (var i = 0; i < uniforms.rows; i++) {
      let k = i * uniforms.cols + index;
      if (y[k] > 0.0) { sum += ${scaled ? 'dy[k] * (x[k] - stats[index]) * stats[uniforms.cols + index]' : 'dy[k]'}; }
    }
    setOutputAtIndex(index, sum);`,
  }) as tf.Tensor1D;
}

/** The input's gradient: γ / sd · (g − Σg / n − x̂ · Σ(g x̂) / n), with g the gradient past the ReLU. */
function inputGradient(dy: tf.Tensor2D, x: tf.Tensor2D, y: tf.Tensor2D, stats: tf.Tensor2D, gamma: tf.Tensor, sums: { beta: tf.Tensor; gamma: tf.Tensor }): tf.Tensor2D {
  return runElementwise({
    key: 'mitosisNormGradInput',
    shape: x.shape,
    inputs: { dy, x, y, stats, gamma, sumBeta: sums.beta, sumGamma: sums.gamma },
    uniforms: sizesOf(x),
    body: `
    let j = index % uniforms.cols;
    let n = f32(uniforms.rows);
    let scale = stats[uniforms.cols + j];
    let g = select(0.0, dy[index], y[index] > 0.0);
    let normalised = (x[index] - stats[j]) * scale;
    setOutputAtIndex(index, gamma[j] * scale * (g - sumBeta[j] / n - normalised * sumGamma[j] / n));`,
  }) as tf.Tensor2D;
}

/**
 * relu(batchNorm(x)) with batch statistics, γ and β per column, on WebGPU only: the same values
 * and gradients (for x, γ and β) as the tfjs ops, in two programs forward and three back.
 */
export const fusedNormRelu = tf.customGrad<tf.Tensor2D>((...args) => {
  const [input, gamma, beta, save] = args as [tf.Tensor2D, tf.Tensor, tf.Tensor, tf.GradSaveFunc];
  const stats = columnStats(input);
  const y = normalise(input, stats, gamma, beta);
  save([input, stats, y, gamma]);
  return {
    value: y,
    gradFunc: (dy: tf.Tensor, saved: tf.Tensor[]) => {
      const [xs, st, ys, g] = saved as [tf.Tensor2D, tf.Tensor2D, tf.Tensor2D, tf.Tensor];
      const grad = dy as tf.Tensor2D;
      const sums = { beta: columnSums(grad, xs, ys, st, false), gamma: columnSums(grad, xs, ys, st, true) };
      return [inputGradient(grad, xs, ys, st, g, sums), sums.gamma, sums.beta];
    },
  };
}) as (x: tf.Tensor2D, gamma: tf.Tensor, beta: tf.Tensor) => tf.Tensor2D;
