import * as tf from '@tensorflow/tfjs';
import type { Rng } from '../../util/rng';
import { tableRows } from '../layers';
import { criticWidths, type ImageModelConfig } from './config';
import { Params } from './params';
import { SpectralNorm } from './spectralNorm';

const SLOPE = 0.2;

interface Layer {
  kernel: tf.Variable;
  bias: tf.Variable;
  norm: SpectralNorm;
}

/**
 * The critic: 4 × 4 convolutions of stride 2 with leaky ReLU down to 4 × 4, each weight
 * spectrally normalised; the features summed over the 4 × 4 grid give φ(x) [n, C], and the
 * score is w·φ(x) + b + embed(label)·φ(x) (the projection discriminator of Miyato and
 * Koyama, 2018), so the label enters as a direction in feature space rather than as input.
 * Owns its weights and the power-iteration vectors.
 */
export class ImageCritic {
  private readonly params = new Params('critic');
  private readonly convs: Layer[] = [];
  private readonly linear: Layer;
  private readonly embedding: tf.Variable;
  private readonly embeddingNorm: SpectralNorm;

  constructor(config: ImageModelConfig, rng: Rng) {
    const p = this.params;
    let inputs: number = config.channels;
    for (const [i, width] of criticWidths(config).entries()) {
      const kernel = p.normal(`down${i}/kernel`, [4, 4, inputs, width], 1 / Math.sqrt(16 * inputs), rng);
      const bias = p.zeros(`down${i}/bias`, [width]);
      this.convs.push({ kernel, bias, norm: new SpectralNorm(kernel, p, `down${i}`, rng) });
      inputs = width;
    }
    const kernel = p.normal('linear/kernel', [inputs, 1], 1 / Math.sqrt(inputs), rng);
    this.linear = { kernel, bias: p.zeros('linear/bias', [1]), norm: new SpectralNorm(kernel, p, 'linear', rng) };
    this.embedding = p.normal('embedding/table', [config.labels, inputs], 1 / Math.sqrt(inputs), rng);
    this.embeddingNorm = new SpectralNorm(this.embedding, p, 'embedding', rng);
  }

  /** Weights the optimiser moves, in a fixed order. */
  get variables(): tf.Variable[] {
    return this.params.variables.filter((v) => v.trainable);
  }

  get names(): string[] {
    return this.params.names.filter((_, i) => this.params.variables[i].trainable);
  }

  /** The power-iteration vectors, saved but never trained. */
  get state(): tf.Variable[] {
    return this.params.variables.filter((v) => !v.trainable);
  }

  get stateNames(): string[] {
    return this.params.names.filter((_, i) => !this.params.variables[i].trainable);
  }

  /** One power iteration for every normalised weight; once per critic step, outside the gradient. */
  refresh(): void {
    for (const { norm } of this.convs) norm.refresh();
    this.linear.norm.refresh();
    this.embeddingNorm.refresh();
  }

  /** Scores [n] for images [n, size, size, channels] in [-1, 1] and int32 labels [n]; call inside a tidy. */
  apply(images: tf.Tensor4D, labels: tf.Tensor1D): tf.Tensor1D {
    let h: tf.Tensor4D = images;
    for (const { norm, bias } of this.convs) {
      h = tf.leakyRelu(tf.add(tf.conv2d(h, norm.apply() as tf.Tensor4D, 2, 'same'), bias), SLOPE) as tf.Tensor4D;
    }
    const features = tf.sum(h, [1, 2]) as tf.Tensor2D;
    const plain = tf.add(tf.matMul(features, this.linear.norm.apply() as tf.Tensor2D), this.linear.bias);
    const embedded = tableRows(this.embeddingNorm.apply() as tf.Tensor2D, labels);
    return tf.add(tf.reshape(plain, [-1]), tf.sum(tf.mul(embedded, features), 1)) as tf.Tensor1D;
  }

  dispose(): void {
    this.params.dispose();
  }
}
