import * as tf from '@tensorflow/tfjs';
import type { Rng } from '../util/rng';
import { ConditionTable, Dense } from './layers';

/**
 * The critic: PacGAN packs `pac` rows (each with its condition) into one input, then
 * dense → LeakyReLU(0.2) → dropout blocks. The first layer reads the rows by a matrix
 * product and each row's condition by a lookup, one table per position in the pack.
 */
export class Discriminator {
  private readonly first: Dense;
  private readonly cond: ConditionTable | null;
  private readonly hidden: Dense[] = [];
  private readonly out: Dense;

  constructor(private readonly rowWidth: number, private readonly condWidth: number, dims: number[], private readonly pac: number, private readonly dropout: number, rng: Rng) {
    if (dims.length === 0) throw new Error('The discriminator needs at least one layer.');
    const fanIn = (rowWidth + condWidth) * pac;
    this.first = new Dense(rowWidth * pac, dims[0], rng, 'discriminator/block0/dense', fanIn);
    this.cond = condWidth > 0 ? new ConditionTable(condWidth * pac, dims[0], rng, 'discriminator/block0/condition', fanIn) : null;
    let width = dims[0];
    dims.slice(1).forEach((dim, i) => {
      this.hidden.push(new Dense(width, dim, rng, `discriminator/block${i + 1}/dense`));
      width = dim;
    });
    this.out = new Dense(width, 1, rng, 'discriminator/out/dense');
  }

  /**
   * Scores [batch / pac, 1] for rows [batch, rowWidth] whose condition slots are `packedSlots`
   * [batch] (int32): row i's slot plus (i mod pac) × condWidth, from `packSlots`.
   */
  apply(rows: tf.Tensor2D, packedSlots: tf.Tensor1D | null, rng: Rng): tf.Tensor2D {
    const packs = rows.shape[0] / this.pac;
    let h = this.first.apply(tf.reshape(rows, [packs, this.rowWidth * this.pac]));
    if (this.cond && packedSlots) h = tf.add(h, tf.sum(tf.reshape(this.cond.apply(packedSlots), [packs, this.pac, -1]), 1));
    h = this.activate(h, rng);
    for (const layer of this.hidden) h = this.activate(layer.apply(h), rng);
    return this.out.apply(h);
  }

  /** Condition slots [batch] as the packed lookup's indices. */
  packSlots(slots: Int32Array): Int32Array {
    return slots.map((s, i) => s + (i % this.pac) * this.condWidth);
  }

  get variables(): tf.Variable[] {
    return [...this.first.variables, ...(this.cond?.variables ?? []), ...this.hidden.flatMap((l) => l.variables), ...this.out.variables];
  }

  /** The saved names of `variables`, in the same order. */
  get names(): string[] {
    return [...this.first.names, ...(this.cond?.names ?? []), ...this.hidden.flatMap((l) => l.names), ...this.out.names];
  }

  dispose(): void {
    for (const v of this.variables) v.dispose();
  }

  /** LeakyReLU, then inverted dropout with a mask drawn here (tf.dropout allocates and runs five kernels). */
  private activate(h: tf.Tensor2D, rng: Rng): tf.Tensor2D {
    const a = tf.leakyRelu(h, 0.2);
    if (this.dropout <= 0) return a;
    const keep = 1 - this.dropout;
    // A fresh array each time: the tape keeps every mask of a step for the backward pass, and
    // the CPU backend holds the array itself rather than a copy.
    const mask = rng.bernoulli(a.size, keep, 1 / keep);
    return tf.mul(a, tf.tensor2d(mask, a.shape));
  }
}
