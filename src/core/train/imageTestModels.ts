import type { ImageSet } from '../data/images/imageSet';
import { DEFAULT_IMAGE_CONFIG, type ImageModelConfig } from '../model/image/config';
import { Rng } from '../util/rng';

/** A model small enough to train a few hundred steps on the CPU backend within a test. */
export function tinyImageConfig(set: Pick<ImageSet, 'size' | 'channels' | 'labels'>, patch: Partial<ImageModelConfig> = {}): ImageModelConfig {
  return {
    ...DEFAULT_IMAGE_CONFIG,
    size: set.size,
    channels: set.channels,
    labels: set.labels.length,
    noiseDim: 8,
    embeddingDim: 4,
    generatorWidth: 16,
    criticWidth: 8,
    batchSize: 16,
    seed: 3,
    ...patch,
  };
}

/**
 * `count` images, label i mod 2 in turn: label 0 all black (-1) and label 1 all white (+1),
 * each pixel moved by up to ±0.1 so no two are copies. What a conditional generator must
 * learn is then plain: its label-0 images dark and its label-1 images light.
 */
export function blackAndWhite(count: number, size: ImageSet['size'] = 16, channels: ImageSet['channels'] = 1, seed = 1): ImageSet {
  const rng = new Rng(seed);
  const n = size * size * channels;
  const pixels = new Float32Array(count * n);
  const labelOf = Int32Array.from({ length: count }, (_, i) => i % 2);
  for (let i = 0; i < count; i++) {
    for (let k = 0; k < n; k++) pixels[i * n + k] = (labelOf[i] ? 0.9 : -0.9) + 0.1 * (2 * rng.next() - 1);
  }
  return { size, channels, labels: ['black', 'white'], pixels, labelOf, names: Array.from(labelOf, (l, i) => `${l}/${i}.png`), count };
}
