import * as tf from '@tensorflow/tfjs';
import type { Rng } from '../../util/rng';
import { tableRows } from '../layers';
import { generatorWidths, type ImageModelConfig } from './config';
import { Params, pixelNorm } from './params';

const SLOPE = 0.2;

/**
 * The conditional generator (DCGAN-class): noise [n, noiseDim] beside the label's embedding
 * → dense → 4 × 4 × width → 4 × 4 transposed convolutions of stride 2, each halving the
 * channels, with leaky ReLU and pixel norm → the last one makes the image, tanh to [-1, 1].
 * Pixel norm rather than batch norm: no batch statistics, so an image depends on its own
 * noise and label only. Owns its weights; `apply` can run with other weights of the same
 * shapes (the moving average, the kept copy) without swapping them in.
 */
export class ImageGenerator {
  private readonly params = new Params('generator');
  private readonly widths: number[];

  constructor(private readonly config: ImageModelConfig, rng: Rng) {
    const p = this.params;
    const { noiseDim, embeddingDim, labels, channels } = config;
    this.widths = generatorWidths(config);
    const first = this.widths[0];
    p.normal('embedding/table', [labels, embeddingDim], 1, rng);
    const fanIn = noiseDim + embeddingDim;
    p.normal('dense/kernel', [fanIn, 16 * first], 1 / Math.sqrt(fanIn), rng);
    p.zeros('dense/bias', [16 * first]);
    this.widths.forEach((width, i) => {
      const out = i + 1 < this.widths.length ? this.widths[i + 1] : channels;
      // Each output pixel of a stride-2, 4 × 4 transposed convolution reads 2 × 2 taps per input channel.
      p.normal(`up${i}/kernel`, [4, 4, out, width], 1 / Math.sqrt(4 * width), rng);
      p.zeros(`up${i}/bias`, [out]);
    });
  }

  get variables(): tf.Variable[] {
    return this.params.variables;
  }

  get names(): string[] {
    return this.params.names;
  }

  /**
   * Images [n, size, size, channels] in (-1, 1) for noise [n, noiseDim] and int32 labels [n],
   * made with `weights` (this generator's own by default; any list of tensors of the same
   * shapes, in `variables` order). Call inside a tidy.
   */
  apply(noise: tf.Tensor2D, labels: tf.Tensor1D, weights: tf.Tensor[] = this.variables): tf.Tensor4D {
    const [table, kernel, bias, ...ups] = weights;
    const n = noise.shape[0];
    const input = tf.concat([noise, tableRows(table as tf.Tensor2D, labels)], 1);
    const dense = tf.add(tf.matMul(input, kernel as tf.Tensor2D), bias);
    let h = pixelNorm(tf.leakyRelu(tf.reshape(dense, [n, 4, 4, this.widths[0]]), SLOPE));
    for (let i = 0; i < this.widths.length; i++) {
      const filter = ups[2 * i] as tf.Tensor4D;
      const side = 8 << i;
      const up = tf.add(tf.conv2dTranspose(h, filter, [n, side, side, filter.shape[2]], 2, 'same'), ups[2 * i + 1]) as tf.Tensor4D;
      h = i + 1 < this.widths.length ? pixelNorm(tf.leakyRelu(up, SLOPE)) : tf.tanh(up);
    }
    return h;
  }

  /** Values in one image. */
  get imageSize(): number {
    return this.config.size * this.config.size * this.config.channels;
  }

  dispose(): void {
    this.params.dispose();
  }
}
