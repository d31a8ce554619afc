import * as tf from '@tensorflow/tfjs';
import type { Rng } from '../../util/rng';

/**
 * A network's weights in creation order, each under a name from its place in the network
 * (`generator/up0/kernel`), so a saved model names the same weights the same way every time.
 * The names stay here rather than with tfjs, which registers variable names globally.
 */
export class Params {
  readonly variables: tf.Variable[] = [];
  readonly names: string[] = [];

  constructor(private readonly prefix: string) {}

  /** A trainable weight drawn from N(0, std²) by our seeded stream: the same on every backend. */
  normal(name: string, shape: number[], std: number, rng: Rng): tf.Variable {
    const values = rng.normals(shape.reduce((a, b) => a * b, 1));
    for (let i = 0; i < values.length; i++) values[i] *= std;
    return this.add(name, values, shape, true);
  }

  zeros(name: string, shape: number[]): tf.Variable {
    return this.add(name, new Float32Array(shape.reduce((a, b) => a * b, 1)), shape, true);
  }

  /** A weight the optimiser does not move (a spectral norm's power-iteration vector), from values or a tensor it copies. */
  state(name: string, values: Float32Array | tf.Tensor, shape: number[]): tf.Variable {
    return this.add(name, values, shape, false);
  }

  private add(name: string, values: Float32Array | tf.Tensor, shape: number[], trainable: boolean): tf.Variable {
    const v = tf.tidy(() => tf.variable(values instanceof tf.Tensor ? tf.reshape(values, shape) : tf.tensor(values, shape), trainable));
    this.variables.push(v);
    this.names.push(`${this.prefix}/${name}`);
    return v;
  }

  dispose(): void {
    tf.dispose(this.variables);
  }
}

/** x over the root of its sum of squares (plus a hair): tf.norm's Pow kernel is slow on WASM. */
export function unit(x: tf.Tensor): tf.Tensor {
  return tf.mul(x, tf.rsqrt(tf.add(tf.sum(tf.square(x)), 1e-12)));
}

/**
 * Each pixel's feature vector [n, h, w, c] scaled to unit mean square (ProGAN's pixel norm).
 * It has no batch statistics, so an image does not depend on the others in its batch: the
 * same noise gives the same image however generation is chunked.
 */
export function pixelNorm(x: tf.Tensor4D): tf.Tensor4D {
  return tf.mul(x, tf.rsqrt(tf.add(tf.mean(tf.square(x), -1, true), 1e-8)));
}
