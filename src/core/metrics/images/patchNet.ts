import * as tf from '@tensorflow/tfjs';
import type { Rng } from '../../util/rng';

/** The network's widths. */
export interface PatchNetShape {
  /** Image side in pixels (a multiple of 8). */
  size: number;
  channels: number;
  classes: number;
  /** Filters of the 4×4 patch layer and of the 2×2 merge layer. */
  filters: [number, number];
  /** Width of the feature (penultimate) layer. */
  features: number;
}

/** Side of the first layer's patches, in pixels: the input is cut into size/4 × size/4 of them. */
export const PATCH = 4;

/**
 * A small CNN whose convolutions do not overlap (kernel = stride), written as matrix products:
 * a 4×4 stride-4 convolution (ReLU), a 2×2 stride-2 one (ReLU), a dense ReLU feature layer,
 * and a linear layer to one logit per class. tfjs's CPU convolution and its filter gradient
 * are loops two orders slower than its matrix product, and WASM has no filter gradient at all;
 * a matrix product runs fast and trains on every backend. The input arrives already cut into
 * patches (`patchInto`), so the first layer is a single product.
 */
export class PatchNet {
  private readonly weights: tf.Variable[];

  constructor(readonly shape: PatchNetShape, rng: Rng) {
    const { size, channels, classes, filters, features } = shape;
    const first = PATCH * PATCH * channels;
    const flat = (size / (2 * PATCH)) ** 2 * filters[1];
    this.weights = [
      heUniform([first, filters[0]], first, rng), zeros([filters[0]]),
      heUniform([4 * filters[0], filters[1]], 4 * filters[0], rng), zeros([filters[1]]),
      heUniform([flat, features], flat, rng), zeros([features]),
      // Glorot's scale for the linear output, so the first logits are small.
      uniform([features, classes], Math.sqrt(6 / (features + classes)), rng), zeros([classes]),
    ];
  }

  /**
   * Patches [n · (size/4)², 16 · channels] (as `patchInto` writes them) → features
   * [n, features] (after ReLU) and logits [n, classes]. New tensors the caller owns (call
   * inside tf.tidy).
   */
  apply(patches: tf.Tensor2D): { features: tf.Tensor2D; logits: tf.Tensor2D } {
    const w = this.weights as tf.Tensor[] as tf.Tensor2D[];
    const side = this.shape.size / PATCH;
    const n = patches.shape[0] / (side * side);
    const h1 = tf.relu(tf.add(tf.matMul(patches, w[0]), w[1])) as tf.Tensor2D;
    // [n, side, side, f] as [n·side/2, 2, side/2, 2f]: gather each 2×2 block's four rows.
    const f1 = this.shape.filters[0];
    const blocks = tf.transpose(tf.reshape(h1, [(n * side) / 2, 2, side / 2, 2 * f1]), [0, 2, 1, 3]);
    const merged = tf.reshape(blocks, [(n * side * side) / 4, 4 * f1]) as tf.Tensor2D;
    const h2 = tf.relu(tf.add(tf.matMul(merged, w[2]), w[3]));
    const flat = tf.reshape(h2, [n, -1]) as tf.Tensor2D;
    const features = tf.relu(tf.add(tf.matMul(flat, w[4]), w[5])) as tf.Tensor2D;
    const logits = tf.add(tf.matMul(features, w[6]), w[7]) as tf.Tensor2D;
    return { features, logits };
  }

  /**
   * Features (not scaled) [count × features] and argmax class of each image in `pixels` (the
   * seed's layout), `batch` images at a time: one upload and one await per batch.
   */
  async run(pixels: Float32Array, batch = 256): Promise<{ features: Float32Array; classes: Int32Array; count: number }> {
    const { size, channels, features: d } = this.shape;
    const n = size * size * channels;
    const count = Math.floor(pixels.length / n);
    const features = new Float32Array(count * d);
    const classes = new Int32Array(count);
    const patches = new Float32Array(Math.min(batch, count) * n);
    for (let start = 0; start < count; start += batch) {
      const b = Math.min(batch, count - start);
      for (let k = 0; k < b; k++) patchInto(pixels.subarray((start + k) * n, (start + k + 1) * n), size, channels, patches, k * n);
      const [f, c] = tf.tidy(() => {
        const out = this.apply(patchTensor(patches.subarray(0, b * n), channels));
        return [out.features, tf.argMax(out.logits, 1)];
      });
      const [fv, cv] = await Promise.all([f.data(), c.data()]);
      tf.dispose([f, c]);
      features.set(fv as Float32Array, start * d);
      classes.set(cv as Int32Array, start);
    }
    return { features, classes, count };
  }

  get variables(): tf.Variable[] {
    return this.weights;
  }

  dispose(): void {
    tf.dispose(this.weights);
  }
}

/**
 * Writes one image (size × size × channels, row-major) into `out` at `at` as its 4×4 patches,
 * patch by patch in row-major order, each patch's pixels row-major: a permutation, no copies.
 */
export function patchInto(image: Float32Array, size: number, channels: number, out: Float32Array, at: number): void {
  const side = size / PATCH;
  let k = at;
  for (let py = 0; py < side; py++) {
    for (let px = 0; px < side; px++) {
      for (let dy = 0; dy < PATCH; dy++) {
        const row = ((py * PATCH + dy) * size + px * PATCH) * channels;
        for (let j = 0; j < PATCH * channels; j++) out[k++] = image[row + j];
      }
    }
  }
}

/** Patches as `patchInto` wrote them, as the network's input [patches, 16 · channels]. */
export function patchTensor(patches: Float32Array, channels: number): tf.Tensor2D {
  const width = PATCH * PATCH * channels;
  return tf.tensor2d(patches, [patches.length / width, width]);
}

function uniform(shape: number[], bound: number, rng: Rng): tf.Variable {
  return tf.tidy(() => tf.variable(tf.randomUniform(shape, -bound, bound, 'float32', rng.seed()), true));
}

/** He's uniform initialisation, for layers followed by a ReLU. */
function heUniform(shape: number[], fanIn: number, rng: Rng): tf.Variable {
  return uniform(shape, Math.sqrt(6 / fanIn), rng);
}

function zeros(shape: number[]): tf.Variable {
  return tf.tidy(() => tf.variable(tf.zeros(shape), true));
}
