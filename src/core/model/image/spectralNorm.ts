import * as tf from '@tensorflow/tfjs';
import type { Rng } from '../../util/rng';
import { unit, type Params } from './params';

/**
 * Spectral normalisation (Miyato et al. 2018) of one weight: the weight, as a matrix
 * [fan-in, out], divided by its largest singular value σ, estimated by one power iteration per
 * critic step. The iteration's vectors u [out, 1] and v [fan-in, 1] are state: saved with the
 * model, never differentiated (σ = vᵀ W u is differentiated in W only, as in the paper).
 */
export class SpectralNorm {
  readonly u: tf.Variable;
  readonly v: tf.Variable;
  private readonly rows: number;
  private readonly cols: number;

  constructor(private readonly weight: tf.Variable, params: Params, name: string, rng: Rng) {
    this.cols = weight.shape[weight.shape.length - 1];
    this.rows = weight.size / this.cols;
    const u = rng.normals(this.cols);
    const norm = Math.hypot(...u) || 1;
    this.u = params.state(`${name}/u`, u.map((x) => x / norm), [this.cols, 1]);
    this.v = tf.tidy(() => params.state(`${name}/v`, unit(tf.matMul(this.matrix(weight), this.u)), [this.rows, 1]));
  }

  /** One power iteration on the weight as it is now. Call outside any gradient. */
  refresh(): void {
    tf.tidy(() => {
      const w = this.matrix(this.weight);
      const v = unit(tf.matMul(w, this.u));
      this.v.assign(v);
      this.u.assign(unit(tf.matMul(w, v, true, false)));
    });
  }

  /** The weight over σ, in the weight's shape; `weight` is this norm's weight or a stand-in of its shape. */
  apply(weight: tf.Tensor = this.weight): tf.Tensor {
    const sigma = tf.sum(tf.mul(this.v, tf.matMul(this.matrix(weight), this.u)));
    return tf.div(weight, sigma);
  }

  private matrix(weight: tf.Tensor): tf.Tensor2D {
    return tf.reshape(weight, [this.rows, this.cols]);
  }
}
