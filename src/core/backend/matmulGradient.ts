import * as tf from '@tensorflow/tfjs';
import { capabilitiesOf } from './capabilities';

const MARK = Symbol('mitosis.matmulGradient');

/** Swaps the last two axes (a matrix transpose, batched or not). */
function swapLast(x: tf.Tensor): tf.Tensor {
  const perm = x.shape.map((_, i) => i);
  const n = perm.length;
  [perm[n - 2], perm[n - 1]] = [perm[n - 1], perm[n - 2]];
  return tf.transpose(x, perm);
}

/**
 * dy · bᵀ for dy [m, k] and b [n, k]. XNNPACK packs the right-hand operand of every product
 * that it has not seen, so when b is much taller than dy (the critic's first layer: n = 1,700,
 * m = 50) (b · dyᵀ)ᵀ packs the small dyᵀ instead of bᵀ and is twice as fast.
 */
function gradientOfA(dy: tf.Tensor, b: tf.Tensor): tf.Tensor {
  const [m, n] = [dy.shape[dy.rank - 2], b.shape[b.rank - 2]];
  if (dy.rank === 2 && n > 2 * m) return tf.transpose(tf.matMul(b as tf.Tensor2D, tf.transpose(dy as tf.Tensor2D)));
  return tf.matMul(dy as tf.Tensor2D, swapLast(b) as tf.Tensor2D);
}

/**
 * tfjs's gradient of a matrix product uses matMul with transposeA/transposeB set. On WASM that
 * form is 10–20× slower than an explicit transpose followed by a plain product, so there we
 * register the explicit form; other backends keep tfjs's own.
 */
export function installExplicitTransposeGradients(): void {
  const original = tf.getGradient('BatchMatMul') as (tf.GradConfig & { [MARK]?: true }) | undefined;
  if (!original || original[MARK]) return;
  const config: tf.GradConfig & { [MARK]: true } = {
    [MARK]: true,
    kernelName: 'BatchMatMul',
    inputsToSave: ['a', 'b'],
    gradFunc: (dy, saved, attrs) => {
      const { transposeA, transposeB } = attrs as unknown as { transposeA: boolean; transposeB: boolean };
      if (transposeA || transposeB || !capabilitiesOf(tf.getBackend()).explicitTranspose) return original.gradFunc(dy, saved, attrs);
      const [a, b] = saved;
      return { a: () => gradientOfA(dy as tf.Tensor, b), b: () => tf.matMul(swapLast(a) as tf.Tensor2D, dy as tf.Tensor2D) };
    },
  };
  tf.registerGradient(config);
}
