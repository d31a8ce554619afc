import * as tf from '@tensorflow/tfjs';

/**
 * Milliseconds for one forward and backward pass of a critic-sized network (batch 500,
 * 300 → 256 → 256 → 1), the shape of the work a training step does, on the backend in use.
 * One warm-up pass (shader compilation) is left out; the best of the timed passes counts: at
 * least two, and more while the passes so far took under `budgetMs` (other work on the machine
 * only ever slows a pass, so more of them find a quiet one).
 * Run it after `installKernels`: with the kernels and gradient forms training uses, the probe
 * ranks backends as training would.
 */
export async function timeProbeStep(passes = 2, budgetMs = 0): Promise<number> {
  const w1 = tf.variable(tf.randomNormal([300, 256], 0, 0.05, 'float32', 1));
  const w2 = tf.variable(tf.randomNormal([256, 256], 0, 0.05, 'float32', 2));
  const w3 = tf.variable(tf.randomNormal([256, 1], 0, 0.05, 'float32', 3));
  const x = tf.randomNormal([500, 300], 0, 1, 'float32', 4);
  const pass = async () => {
    const loss = tf.tidy(() => {
      const { value, grads } = tf.variableGrads(() => tf.mean(tf.matMul(tf.leakyRelu(tf.matMul(tf.leakyRelu(tf.matMul(x, w1), 0.2), w2), 0.2), w3)) as tf.Scalar, [w1, w2, w3]);
      return tf.addN([value, ...Object.values(grads).map((g) => tf.sum(g))]);
    });
    await loss.data();
    loss.dispose();
  };
  try {
    await pass();
    let [best, spent] = [Infinity, 0];
    for (let i = 0; i < Math.max(2, passes) && (i < 2 || spent < budgetMs); i++) {
      const t0 = performance.now();
      await pass();
      const ms = performance.now() - t0;
      best = Math.min(best, ms);
      spent += ms;
    }
    return best;
  } finally {
    tf.dispose([w1, w2, w3, x]);
  }
}
