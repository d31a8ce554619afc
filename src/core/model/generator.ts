import * as tf from '@tensorflow/tfjs';
import type { Rng } from '../util/rng';
import { BatchNorm, ConditionTable, Dense, type NormStats } from './layers';

/**
 * CTGAN's generator: residual blocks (dense → batch norm → ReLU, output concatenated
 * with the block's input), then a dense layer to the encoded row width. Every layer also
 * reads the conditional vector, through a lookup table rather than a one-hot product.
 */
export class Generator {
  private readonly layers: { dense: Dense; cond: ConditionTable | null }[] = [];
  private readonly norms: BatchNorm[] = [];

  constructor(noise: number, condWidth: number, dims: number[], outputs: number, rng: Rng) {
    let width = noise;
    [...dims, outputs].forEach((dim, i) => {
      const fanIn = width + condWidth;
      const at = i < dims.length ? `generator/block${i}` : 'generator/out';
      this.layers.push({ dense: new Dense(width, dim, rng, `${at}/dense`, fanIn), cond: condWidth > 0 ? new ConditionTable(condWidth, dim, rng, `${at}/condition`, fanIn) : null });
      width += dim;
    });
    this.norms = dims.map((d, i) => new BatchNorm(d, `generator/block${i}/norm`));
  }

  /**
   * Raw outputs (pre-activation), [batch, outputs], from noise [batch, noise] and condition
   * slots [batch] (int32). Batch norms use this batch's statistics, or `stats` (one per block).
   */
  apply(noise: tf.Tensor2D, slots: tf.Tensor1D | null, stats?: NormStats[]): tf.Tensor2D {
    return this.layer(this.norms.length, this.blocks(noise, slots, stats ?? null, null), slots);
  }

  /**
   * Each block's batch-norm statistics over this batch. A batch whose rows all share one
   * condition cannot use its own: the condition adds the same vector to every row before the
   * first norm, which subtracts it again, and the rows come out as if unconditioned. Read off
   * a batch of mixed conditions, they keep it (docs/benchmarks.md, "Rows with a category fixed").
   */
  normStats(noise: tf.Tensor2D, slots: tf.Tensor1D | null): NormStats[] {
    const stats: NormStats[] = [];
    this.blocks(noise, slots, null, stats);
    return stats;
  }

  /** The residual blocks' output, their norms on `stats` or on this batch's (pushed to `collect` when given). */
  private blocks(noise: tf.Tensor2D, slots: tf.Tensor1D | null, stats: NormStats[] | null, collect: NormStats[] | null): tf.Tensor2D {
    let h = noise;
    this.norms.forEach((norm, i) => {
      const x = this.layer(i, h, slots);
      let own = stats?.[i];
      if (collect) {
        const { mean, variance } = tf.moments(x, 0);
        own = { mean: mean as tf.Tensor1D, variance: variance as tf.Tensor1D };
        collect.push(own);
      }
      h = tf.concat([norm.applyRelu(x, own), h], 1) as tf.Tensor2D;
    });
    return h;
  }

  /** Layer `i`'s dense product of `h`, plus its condition's row. */
  private layer(i: number, h: tf.Tensor2D, slots: tf.Tensor1D | null): tf.Tensor2D {
    const { dense, cond } = this.layers[i];
    const out = dense.apply(h);
    return cond && slots ? (tf.add(out, cond.apply(slots)) as tf.Tensor2D) : out;
  }

  get variables(): tf.Variable[] {
    return [...this.layers.flatMap((l) => [...l.dense.variables, ...(l.cond?.variables ?? [])]), ...this.norms.flatMap((n) => n.variables)];
  }

  /** The saved names of `variables`, in the same order. */
  get names(): string[] {
    return [...this.layers.flatMap((l) => [...l.dense.names, ...(l.cond?.names ?? [])]), ...this.norms.flatMap((n) => n.names)];
  }

  dispose(): void {
    for (const v of this.variables) v.dispose();
  }
}
