import * as tf from '@tensorflow/tfjs';
import type { Rng } from '../util/rng';
import { Dense } from './layers';
import { FlatAdam } from './flatAdam';

/** The refiner's settings: a network as wide as the critic, trained briefly, stopped on held-out rows. */
const RATE = 1e-3;
/** Rows of each side per step. */
const BATCH = 256;
const MAX_STEPS = 400;
const CHECK_EVERY = 50;
/** Checks without a better held-out loss before training stops. */
const PATIENCE = 3;
const HELD_OUT_SHARE = 0.2;
/** Held-out loss below a guess's (log 2) by less than this is noise: the refiner then keeps every row. */
const MIN_GAIN = 0.005;
/** Rows scored per pass when refining generated rows. */
const SCORE_BATCH = 4096;
/**
 * The acceptance ceiling sits at this quantile of the held-out generated rows' log ratios: the
 * likeliest tenth are always kept, and every other row in proportion to its ratio (see `accept`).
 */
const CEILING_QUANTILE = 0.9;

/** What a trained refiner keeps beside its weights. */
export interface RefinerState {
  /** Log ratio at which a row is always kept. */
  ceiling: number;
  /** Held-out loss of the kept weights, and of a constant guess (log 2): how much it learned. */
  loss: number;
  /** The share of generated rows it keeps, measured on the held-out ones. */
  kept: number;
}

/**
 * Discriminator rejection sampling (Azadi et al., 2019). After training, a classifier learns to
 * tell the seed's encoded rows from the generator's; its logit estimates log p_seed(x) /
 * p_model(x). Generated rows are then kept with probability min(1, ratio / ceiling), so rows the
 * generator makes too often (a large capital gain with a low income, which the seed all but
 * never has) are thinned toward the seed's share, while rows it makes as often as the seed are
 * kept alike. Unlike the critic, it judges one row at a time and is trained to the end on a
 * fixed generator, so its logit is a ratio rather than a training signal.
 */
export class Refiner {
  private readonly layers: Dense[] = [];
  private readonly out: Dense;

  constructor(width: number, rng: Rng, dims: number[]) {
    let inputs = width;
    dims.forEach((dim, i) => {
      this.layers.push(new Dense(inputs, dim, rng, `refiner/block${i}/dense`));
      inputs = dim;
    });
    this.out = new Dense(inputs, 1, rng, 'refiner/out/dense');
  }

  get variables(): tf.Variable[] {
    return [...this.layers.flatMap((l) => l.variables), ...this.out.variables];
  }

  get names(): string[] {
    return [...this.layers.flatMap((l) => l.names), ...this.out.names];
  }

  /** Log ratios [rows, 1] for encoded rows [rows, width]. */
  apply(rows: tf.Tensor2D): tf.Tensor2D {
    let h = rows;
    for (const layer of this.layers) h = tf.leakyRelu(layer.apply(h), 0.2);
    return this.out.apply(h);
  }

  /**
   * Trains on the seed's encoded rows `real` [n, width] against generated rows `fake` [m, width]
   * (a fifth of each held out), keeping the weights with the lowest held-out loss. Returns its
   * state, or null when it learned nothing (held-out loss no better than a guess): then
   * generation keeps every row.
   */
  async fit(real: Float32Array, fake: Float32Array, width: number, rng: Rng): Promise<RefinerState | null> {
    const [realTrain, realHeld] = split(real, width, rng);
    const [fakeTrain, fakeHeld] = split(fake, width, rng);
    if (!realTrain.length || !realHeld.length || !fakeTrain.length || !fakeHeld.length) return null;
    const tensors = tf.tidy(() => ({
      realTrain: tf.tensor2d(realTrain, [realTrain.length / width, width]),
      fakeTrain: tf.tensor2d(fakeTrain, [fakeTrain.length / width, width]),
      held: tf.tensor2d(concat(realHeld, fakeHeld), [(realHeld.length + fakeHeld.length) / width, width]),
      heldLabels: tf.tensor2d(labels(realHeld.length / width, fakeHeld.length / width), [(realHeld.length + fakeHeld.length) / width, 1]),
    }));
    const opt = new FlatAdam(this.variables, RATE, 0.9, 0.999);
    const heldLoss = () => tf.tidy(() => logisticLoss(tensors.heldLabels, this.apply(tensors.held)));
    let best = { loss: Infinity, weights: [] as tf.Tensor[] };
    let sinceBest = 0;
    const batchLabels = tf.tensor2d(labels(BATCH, BATCH), [2 * BATCH, 1]);
    try {
      for (let step = 1; step <= MAX_STEPS; step++) {
        tf.tidy(() => {
          const pick = (rows: tf.Tensor2D) => tf.gather(rows, tf.tensor1d(draws(rows.shape[0], BATCH, rng), 'int32')) as tf.Tensor2D;
          const batch = tf.concat([pick(tensors.realTrain), pick(tensors.fakeTrain)], 0) as tf.Tensor2D;
          opt.minimize(() => logisticLoss(batchLabels, this.apply(batch)));
        });
        if (step % CHECK_EVERY !== 0) continue;
        const lossTensor = heldLoss();
        const loss = (await lossTensor.data())[0];
        lossTensor.dispose();
        if (loss < best.loss) {
          tf.dispose(best.weights);
          best = { loss, weights: this.variables.map((v) => tf.clone(v)) };
          sinceBest = 0;
        } else if (++sinceBest >= PATIENCE) break;
      }
      if (!best.weights.length) return null;
      this.variables.forEach((v, i) => v.assign(best.weights[i]));
      if (!(best.loss < Math.LN2 - MIN_GAIN)) return null;
      const fakeRows = fakeHeld.length / width;
      const logits = tf.tidy(() => this.apply(tf.slice(tensors.held, [realHeld.length / width, 0], [fakeRows, width])));
      const values = Float64Array.from((await logits.data()) as Float32Array).sort();
      logits.dispose();
      const ceiling = values[Math.min(values.length - 1, Math.floor(CEILING_QUANTILE * values.length))];
      const kept = values.reduce((sum, l) => sum + keepChance(l, ceiling), 0) / values.length;
      return { ceiling, loss: best.loss, kept };
    } finally {
      tf.dispose([...best.weights, batchLabels, ...Object.values(tensors)]);
      opt.dispose();
    }
  }

  /** Which of `rows` encoded rows [rows × width] to keep: each with probability `keepChance` of its logit. */
  async accept(values: Float32Array, rows: number, width: number, state: RefinerState, rng: Rng): Promise<Uint8Array> {
    const keep = new Uint8Array(rows);
    for (let start = 0; start < rows; start += SCORE_BATCH) {
      const n = Math.min(SCORE_BATCH, rows - start);
      const logits = tf.tidy(() => this.apply(tf.tensor2d(values.subarray(start * width, (start + n) * width), [n, width])));
      const scores = (await logits.data()) as Float32Array;
      logits.dispose();
      for (let i = 0; i < n; i++) keep[start + i] = rng.next() < keepChance(scores[i], state.ceiling) ? 1 : 0;
    }
    return keep;
  }

  dispose(): void {
    tf.dispose(this.variables);
  }
}

/** A row of log ratio `logit` is kept with probability min(1, ratio / ceiling's ratio). */
function keepChance(logit: number, ceiling: number): number {
  return Math.exp(Math.min(0, logit - ceiling));
}

/** Mean binary cross-entropy of logits `z` against 0/1 labels `y`, as max(z, 0) − z·y + log(1 + e^−|z|): finite for any logit. */
function logisticLoss(y: tf.Tensor2D, z: tf.Tensor2D): tf.Scalar {
  return tf.mean(tf.add(tf.sub(tf.relu(z), tf.mul(z, y)), tf.log(tf.add(tf.exp(tf.neg(tf.abs(z))), 1))));
}

/** Rows of `values` in a random order, split into the training part and the held-out fifth. */
function split(values: Float32Array, width: number, rng: Rng): [Float32Array, Float32Array] {
  const rows = values.length / width;
  const order = Array.from({ length: rows }, (_, i) => i);
  rng.shuffle(order);
  const held = Math.round(HELD_OUT_SHARE * rows);
  const take = (from: number, to: number) => {
    const out = new Float32Array((to - from) * width);
    for (let i = from; i < to; i++) out.set(values.subarray(order[i] * width, (order[i] + 1) * width), (i - from) * width);
    return out;
  };
  return [take(held, rows), take(0, held)];
}

function concat(a: Float32Array, b: Float32Array): Float32Array {
  const out = new Float32Array(a.length + b.length);
  out.set(a);
  out.set(b, a.length);
  return out;
}

/** 1 for the seed's rows, then 0 for the generated ones. */
function labels(real: number, fake: number): Float32Array {
  return new Float32Array(real + fake).fill(1, 0, real);
}

function draws(rows: number, count: number, rng: Rng): Int32Array {
  return Int32Array.from({ length: count }, () => rng.int(rows));
}
