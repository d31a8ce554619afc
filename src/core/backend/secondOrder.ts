import * as tf from '@tensorflow/tfjs';

// WGAN-GP differentiates the gradient of the critic, and tfjs's gradient of
// leakyRelu/relu goes through comparison kernels that have no gradient of their
// own. Their true derivative is zero almost everywhere, so we register that.
const COMPARISONS = ['Greater', 'GreaterEqual', 'Less', 'LessEqual', 'Equal', 'NotEqual'] as const;

export function installSecondOrderGradients(): void {
  for (const kernelName of COMPARISONS) {
    if (tf.getGradient(kernelName) !== undefined) continue;
    tf.registerGradient({
      kernelName,
      inputsToSave: ['a', 'b'],
      gradFunc: (_dy, saved) => {
        const [a, b] = saved as tf.Tensor[];
        return { a: () => tf.zerosLike(a), b: () => tf.zerosLike(b) };
      },
    });
  }
}
