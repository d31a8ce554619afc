import * as tf from '@tensorflow/tfjs';
import { runElementwise } from '../backend/wgsl';

// The generator's output activation, tanh on scalar columns and a Gumbel-softmax within each
// one-hot span, as one WGSL program forward and one back (WebGPU only). tfjs runs it as about
// fifteen programs forward (the span sums as matrix products, masks, a max per span) and twenty
// back. Each output cell reads its own span, found in `spanLayout`: per column, the span's
// first column and its width (0 on a tanh column), as floats.

/** Per column of a row `width` wide: [start of its span, its width], 0 width for tanh columns. */
export function spanLayout(width: number, softmaxSpans: { start: number; size: number }[]): Float32Array {
  const out = new Float32Array(2 * width);
  for (const { start, size } of softmaxSpans) {
    for (let c = start; c < start + size; c++) [out[2 * c], out[2 * c + 1]] = [start, size];
  }
  return out;
}

const uniformsOf = (x: tf.Tensor2D, tau: number) => ({ cols: ['i32', x.shape[1]], invTau: ['f32', 1 / tau] }) as const;

/** tanh(raw) on scalar columns; softmax((raw + gumbel) / τ) within each span, shifted by its largest. */
function forward(raw: tf.Tensor2D, gumbel: tf.Tensor2D, layout: tf.Tensor1D, tau: number): tf.Tensor2D {
  return runElementwise({
    key: 'mitosisSpanActivate',
    shape: raw.shape,
    inputs: { raw, gumbel, spans: layout },
    uniforms: uniformsOf(raw, tau),
    // tanh as 2σ(2x) − 1: WGSL's tanh may give NaN for large |x| on some drivers.
    body: `
    let c = index % uniforms.cols;
    let size = i32(spans[2 * c + 1]);
    if (size == 0) {
      setOutputAtIndex(index, 2.0 / (1.0 + exp(-2.0 * raw[index])) - 1.0);
      return;
    }
    let start = index - c + i32(spans[2 * c]);
    var top = -3.0e38;
    for (var k = start; k < start + size; k++) { top = max(top, (raw[k] + gumbel[k]) * uniforms.invTau); }
    var total = 0.0;
    for (var k = start; k < start + size; k++) { total += exp((raw[k] + gumbel[k]) * uniforms.invTau - top); }
    setOutputAtIndex(index, exp((raw[index] + gumbel[index]) * uniforms.invTau - top) / total);`,
  }) as tf.Tensor2D;
}

/** The gradient for raw: dy · (1 − y²) on scalars, y · (dy − Σ dy·y over the span) / τ in spans. */
function backward(dy: tf.Tensor2D, y: tf.Tensor2D, layout: tf.Tensor1D, tau: number): tf.Tensor2D {
  return runElementwise({
    key: 'mitosisSpanActivateGrad',
    shape: y.shape,
    inputs: { dy, y, spans: layout },
    uniforms: uniformsOf(y, tau),
    body: `
    let c = index % uniforms.cols;
    let size = i32(spans[2 * c + 1]);
    if (size == 0) {
      setOutputAtIndex(index, dy[index] * (1.0 - y[index] * y[index]));
      return;
    }
    let start = index - c + i32(spans[2 * c]);
    var dot = 0.0;
    for (var k = start; k < start + size; k++) { dot += dy[k] * y[k]; }
    setOutputAtIndex(index, y[index] * (dy[index] - dot) * uniforms.invTau);`,
  }) as tf.Tensor2D;
}

/**
 * SpanOps.activate's value and its gradient for `raw`, on WebGPU: the Gumbel draws are given,
 * and like the shift by each span's largest logit they take no gradient.
 */
export function fusedSpanActivate(raw: tf.Tensor2D, gumbel: tf.Tensor2D, layout: tf.Tensor1D, tau: number): tf.Tensor2D {
  const activate = tf.customGrad((x, save) => {
    const y = forward(x as tf.Tensor2D, gumbel, layout, tau);
    (save as tf.GradSaveFunc)([y]);
    return { value: y, gradFunc: (dy: tf.Tensor, [saved]: tf.Tensor[]) => backward(dy as tf.Tensor2D, saved as tf.Tensor2D, layout, tau) };
  });
  return activate(raw) as tf.Tensor2D;
}

// log Σ exp(raw) over a span, shifted by its largest so no term overflows; both condition-loss
// programs read `raw` and call it.
const LOG_SUM_EXP = `
fn spanLogSumExp(start : i32, size : i32) -> f32 {
  var top = -3.0e38;
  for (var k = start; k < start + size; k++) { top = max(top, raw[k]); }
  var total = 0.0;
  for (var k = start; k < start + size; k++) { total += exp(raw[k] - top); }
  return top + log(total);
}`;

/** Per row, −log softmax(raw over the span of column `target`)[target]: CTGAN's condition cross-entropy. */
function rowLosses(raw: tf.Tensor2D, targets: tf.Tensor1D, layout: tf.Tensor1D): tf.Tensor1D {
  return runElementwise({
    key: 'mitosisConditionLoss',
    shape: [raw.shape[0]],
    inputs: { raw, targets, spans: layout },
    uniforms: { cols: ['i32', raw.shape[1]] },
    helpers: LOG_SUM_EXP,
    body: `
    let c = i32(targets[index]);
    let start = index * uniforms.cols + i32(spans[2 * c]);
    setOutputAtIndex(index, spanLogSumExp(start, i32(spans[2 * c + 1])) - raw[index * uniforms.cols + c]);`,
  }) as tf.Tensor1D;
}

/** The loss's gradient for raw: (softmax − one-hot of the target) · dy / rows within each row's target span, 0 elsewhere. */
function conditionGradient(dy: tf.Tensor, raw: tf.Tensor2D, targets: tf.Tensor1D, layout: tf.Tensor1D): tf.Tensor2D {
  return runElementwise({
    key: 'mitosisConditionLossGrad',
    shape: raw.shape,
    inputs: { dy, raw, targets, spans: layout },
    uniforms: { cols: ['i32', raw.shape[1]], rows: ['i32', raw.shape[0]] },
    helpers: LOG_SUM_EXP,
    body: `
    let c = index % uniforms.cols;
    let row = index / uniforms.cols;
    let goal = i32(targets[row]);
    let first = i32(spans[2 * goal]);
    let size = i32(spans[2 * goal + 1]);
    if (c < first || c >= first + size) {
      setOutputAtIndex(index, 0.0);
      return;
    }
    let share = exp(raw[index] - spanLogSumExp(row * uniforms.cols + first, size)) - select(0.0, 1.0, c == goal);
    setOutputAtIndex(index, share * dy[0] / f32(uniforms.rows));`,
  }) as tf.Tensor2D;
}

/**
 * SpanOps.conditionLoss on WebGPU, in three programs forward and one back: the mean over rows of
 * the cross-entropy between the logits of each row's conditioned span and its condition.
 * `targets` holds each row's conditioned column (as a float, [rows]).
 */
export function fusedConditionLoss(raw: tf.Tensor2D, targets: tf.Tensor1D, layout: tf.Tensor1D): tf.Scalar {
  const loss = tf.customGrad((x, save) => {
    // Saved, not captured: a tensor made in the forward pass is disposed before the backward one runs.
    (save as tf.GradSaveFunc)([x as tf.Tensor2D, targets]);
    const value = tf.div(tf.sum(rowLosses(x as tf.Tensor2D, targets, layout)), raw.shape[0]) as tf.Scalar;
    return {
      value,
      gradFunc: (dy: tf.Tensor, [saved, goals]: tf.Tensor[]) => conditionGradient(dy, saved as tf.Tensor2D, goals as tf.Tensor1D, layout),
    };
  });
  return loss(raw) as tf.Scalar;
}
