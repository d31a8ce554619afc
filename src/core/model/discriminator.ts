import * as tf from '@tensorflow/tfjs';
import type { Rng } from '../train/rng';
import { Dense } from './layers';

/** The critic: PacGAN packs `pac` rows into one input, then dense → LeakyReLU(0.2) → dropout blocks. */
export class Discriminator {
  private readonly layers: Dense[] = [];
  private readonly out: Dense;

  constructor(private readonly rowWidth: number, dims: number[], private readonly pac: number, private readonly dropout: number, rng: Rng) {
    let width = rowWidth * pac;
    for (const dim of dims) {
      this.layers.push(new Dense(width, dim, rng));
      width = dim;
    }
    this.out = new Dense(width, 1, rng);
  }

  /** Scores for [batch, rowWidth] rows: [batch / pac, 1]. */
  apply(rows: tf.Tensor2D, rng: Rng): tf.Tensor2D {
    let h = tf.reshape(rows, [-1, this.rowWidth * this.pac]) as tf.Tensor2D;
    for (const layer of this.layers) {
      h = tf.leakyRelu(layer.apply(h), 0.2);
      if (this.dropout > 0) h = tf.dropout(h, this.dropout, undefined, rng.seed()) as tf.Tensor2D;
    }
    return this.out.apply(h);
  }

  get variables(): tf.Variable[] {
    return [...this.layers.flatMap((l) => l.variables), ...this.out.variables];
  }

  dispose(): void {
    for (const v of this.variables) v.dispose();
  }
}
