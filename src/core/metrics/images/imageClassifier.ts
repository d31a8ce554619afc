import * as tf from '@tensorflow/tfjs';
import type { ImageSet } from '../../data/images/imageSet';
import { Rng } from '../../util/rng';
import { ImageClassifier, type ClassifierTask } from './classifierModel';
import { patchInto, PatchNet, patchTensor } from './patchNet';
import { rotateInto } from './rotations';

export { ImageClassifier, type ClassifierFacts, type ClassifierTask, type Embedding } from './classifierModel';

export interface ClassifierOptions {
  epochs: number;
  batchSize: number;
  learningRate: number;
  /** Filters of the 4×4 patch layer and the 2×2 merge layer. */
  filters: [number, number];
  /** Width of the feature layer that KID, diversity and memorisation compare. */
  featureSize: number;
  seed: number;
  /** Called after each epoch with its mean training loss (cross-entropy). */
  onEpoch?: (epoch: number, loss: number) => void;
}

export const CLASSIFIER_DEFAULTS: ClassifierOptions = {
  epochs: 4,
  batchSize: 64,
  learningRate: 3e-3,
  filters: [16, 32],
  featureSize: 64,
  seed: 1,
};

/**
 * Trains the image classifier on `train` (Adam on cross-entropy, weights and batches drawn
 * from `seed`: the same seed and backend give the same weights) and measures it on `heldOut`.
 * With one label it learns which way up an image is instead, so its features still mean
 * something; label accuracy is then null. Runs on the current backend; the caller owns the
 * result and disposes it, and no other tensor outlives the call.
 */
export async function trainImageClassifier(train: ImageSet, heldOut: ImageSet, options: Partial<ClassifierOptions> = {}): Promise<ImageClassifier> {
  const o = { ...CLASSIFIER_DEFAULTS, ...options };
  const started = performance.now();
  const { size, channels } = train;
  if (size % 8 !== 0) throw new Error(`The image classifier needs a side that is a multiple of 8, not ${size}.`);
  const rng = new Rng(o.seed);
  const task: ClassifierTask = train.labels.length >= 2 ? 'labels' : 'rotations';
  const classes = task === 'labels' ? train.labels.length : 4;
  const net = new PatchNet({ size, channels, classes, filters: o.filters, features: o.featureSize }, rng);
  try {
    await fit(net, train, task, o, rng);
    const real = heldOut.count > 0 ? heldOut : train;
    const featureScale = rootMeanSquare((await net.run(real.pixels)).features) || 1;
    const taskAccuracy = await accuracyOn(net, task, heldOut);
    return new ImageClassifier(net, {
      task,
      labelCount: train.labels.length,
      heldOutAccuracy: task === 'labels' ? taskAccuracy : null,
      taskAccuracy,
      trainSeconds: (performance.now() - started) / 1000,
      featureScale,
    });
  } catch (error) {
    net.dispose();
    throw error;
  }
}

async function fit(net: PatchNet, train: ImageSet, task: ClassifierTask, o: ClassifierOptions, rng: Rng): Promise<void> {
  const { size, channels } = train;
  const n = size * size * channels;
  const classes = net.shape.classes;
  const optimizer = tf.train.adam(o.learningRate);
  const order = Int32Array.from({ length: train.count }, (_, i) => i);
  const batch = new Float32Array(o.batchSize * n);
  const turned = new Float32Array(n);
  const targets = new Int32Array(o.batchSize);
  try {
    for (let epoch = 0; epoch < o.epochs; epoch++) {
      rng.shuffle(order);
      let sum = tf.scalar(0);
      let steps = 0;
      for (let start = 0; start < train.count; start += o.batchSize) {
        const b = Math.min(o.batchSize, train.count - start);
        for (let k = 0; k < b; k++) {
          const i = order[start + k];
          const image = train.pixels.subarray(i * n, (i + 1) * n);
          if (task === 'labels') {
            targets[k] = train.labelOf[i];
            patchInto(image, size, channels, batch, k * n);
          } else {
            targets[k] = rng.int(4);
            rotateInto(image, size, channels, targets[k], turned, 0);
            patchInto(turned, size, channels, batch, k * n);
          }
        }
        const loss = optimizer.minimize(() => {
          const y = tf.cast(tf.oneHot(tf.tensor1d(targets.subarray(0, b), 'int32'), classes), 'float32') as tf.Tensor2D;
          return crossEntropy(net.apply(patchTensor(batch.subarray(0, b * n), channels)).logits, y);
        }, true, net.variables)!;
        const next = tf.add(sum, loss) as tf.Scalar;
        tf.dispose([sum, loss]);
        sum = next;
        steps++;
      }
      // One read per epoch: the loss is for progress only.
      const total = (await sum.data())[0];
      sum.dispose();
      o.onEpoch?.(epoch, total / Math.max(1, steps));
    }
  } finally {
    optimizer.dispose();
  }
}

/** Mean softmax cross-entropy of `logits` [n, classes] against one-hot `targets` [n, classes]. */
function crossEntropy(logits: tf.Tensor2D, targets: tf.Tensor2D): tf.Scalar {
  return tf.mean(tf.sub(tf.logSumExp(logits, 1), tf.sum(tf.mul(logits, targets), 1)));
}

/** Held-out accuracy on the task: labels, or turns of the held-out images (image i by i mod 4). */
async function accuracyOn(net: PatchNet, task: ClassifierTask, heldOut: ImageSet): Promise<number | null> {
  if (heldOut.count === 0) return null;
  const { size, channels } = heldOut;
  const n = size * size * channels;
  let pixels = heldOut.pixels;
  let truth = heldOut.labelOf;
  if (task === 'rotations') {
    pixels = new Float32Array(heldOut.count * n);
    truth = Int32Array.from({ length: heldOut.count }, (_, i) => i % 4);
    for (let i = 0; i < heldOut.count; i++) rotateInto(heldOut.pixels.subarray(i * n, (i + 1) * n), size, channels, i % 4, pixels, i * n);
  }
  const { classes } = await net.run(pixels);
  let right = 0;
  for (let i = 0; i < heldOut.count; i++) if (classes[i] === truth[i]) right++;
  return right / heldOut.count;
}

function rootMeanSquare(values: Float32Array): number {
  let sum = 0;
  for (const v of values) sum += v * v;
  return Math.sqrt(sum / Math.max(1, values.length));
}
