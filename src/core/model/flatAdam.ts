import * as tf from '@tensorflow/tfjs';
import { runsWgsl } from '../backend/wgsl';
import { fusedAdamApply, fusedMoment } from './fusedUpdates';

/** What resumes an optimiser: its step count and both moment vectors. */
export interface AdamState {
  steps: number;
  m: Float32Array;
  v: Float32Array;
}

/**
 * Adam, as tf.train.adam computes it, over all of a model's variables at once: the moments of
 * every weight live in one flat pair, so a step runs a dozen element-wise kernels in all rather
 * than a dozen per variable (the generator has 13).
 */
export class FlatAdam {
  private readonly m: tf.Variable;
  private readonly v: tf.Variable;
  private readonly sizes: number[];
  private readonly epsilon = tf.backend().epsilon();
  private steps = 0;

  constructor(
    private readonly variables: tf.Variable[],
    private learningRate: number,
    private readonly beta1: number,
    private readonly beta2: number,
  ) {
    this.sizes = variables.map((v) => v.size);
    const total = this.sizes.reduce((a, b) => a + b, 0);
    [this.m, this.v] = tf.tidy(() => [tf.variable(tf.zeros([total]), false), tf.variable(tf.zeros([total]), false)]);
  }

  /** One step down the gradient of `loss`; returns the loss, which the caller disposes. */
  minimize(loss: () => tf.Scalar): tf.Scalar {
    const { value, grads } = tf.variableGrads(loss, this.variables);
    const t = ++this.steps;
    tf.tidy(() => {
      const g = tf.concat(this.variables.map((v) => tf.reshape(grads[v.name], [-1])));
      if (runsWgsl()) return this.fusedStep(g, t);
      const m = tf.add(tf.mul(this.m, this.beta1), tf.mul(g, 1 - this.beta1));
      const v = tf.add(tf.mul(this.v, this.beta2), tf.mul(tf.square(g), 1 - this.beta2));
      this.m.assign(m);
      this.v.assign(v);
      const corrected = tf.div(tf.div(m, 1 - this.beta1 ** t), tf.add(tf.sqrt(tf.div(v, 1 - this.beta2 ** t)), this.epsilon));
      tf.split(tf.mul(corrected, -this.learningRate), this.sizes).forEach((step, i) => {
        const variable = this.variables[i];
        variable.assign(tf.add(variable, tf.reshape(step, variable.shape)));
      });
    });
    tf.dispose(grads);
    return value;
  }

  /** The same step in 2 + (variables) WGSL programs rather than a dozen ops and a split. */
  private fusedStep(g: tf.Tensor, t: number): void {
    const m = fusedMoment(this.m, g, this.beta1, false);
    const v = fusedMoment(this.v, g, this.beta2, true);
    this.m.assign(m);
    this.v.assign(v);
    const step = { rate: this.learningRate, firstCorrection: 1 - this.beta1 ** t, secondCorrection: 1 - this.beta2 ** t, epsilon: this.epsilon };
    let offset = 0;
    this.variables.forEach((variable, i) => {
      variable.assign(fusedAdamApply(variable, m, v, offset, step));
      offset += this.sizes[i];
    });
  }

  get rate(): number {
    return this.learningRate;
  }

  /** Changes the step size from the next step on (lowered after training diverged). */
  setLearningRate(rate: number): void {
    if (!(rate > 0)) throw new Error(`A learning rate must be positive, not ${rate}.`);
    this.learningRate = rate;
  }

  /** The flat moments m and v ([total weights] each, in variable order) and the step count, read off the device. */
  async save(): Promise<AdamState> {
    const [m, v] = await Promise.all([this.m.data(), this.v.data()]);
    return { steps: this.steps, m: m as Float32Array, v: v as Float32Array };
  }

  /** Puts saved moments back, so training goes on where it stopped. */
  restore(saved: AdamState): void {
    const total = this.m.size;
    if (saved.m.length !== total || saved.v.length !== total) throw new Error(`Saved optimiser moments hold ${saved.m.length} weights; this model has ${total}.`);
    this.steps = saved.steps;
    tf.tidy(() => {
      this.m.assign(tf.tensor1d(saved.m));
      this.v.assign(tf.tensor1d(saved.v));
    });
  }

  dispose(): void {
    this.m.dispose();
    this.v.dispose();
  }
}
