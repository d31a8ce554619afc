import type { PatchNet } from './patchNet';

/**
 * What the classifier learned to tell apart: the seed's labels, or, when the seed has one
 * label (nothing to tell apart), which way up an image is turned (four classes).
 */
export type ClassifierTask = 'labels' | 'rotations';

/** What training found out about the classifier, fixed once it is trained. */
export interface ClassifierFacts {
  task: ClassifierTask;
  /** Labels of the seed (1 under 'rotations'). */
  labelCount: number;
  /** Share of held-out images given their own label; null under 'rotations' or with no held-out image. */
  heldOutAccuracy: number | null;
  /** Held-out accuracy on the task trained for (which way up, under 'rotations'); null with no held-out image. */
  taskAccuracy: number | null;
  /** Wall-clock seconds training and measuring took. */
  trainSeconds: number;
  /**
   * What `embed` divides the network's features by: their root mean square over real images
   * (held-out, else training), so the KID kernel sees values near 1 whatever scale a training
   * run happened to give its features, and feature figures compare across runs and seeds.
   */
  featureScale: number;
}

/** Images run through the classifier: features [count × featureSize] and each image's predicted label. */
export interface Embedding {
  features: Float32Array;
  predicted: Int32Array;
  count: number;
}

/**
 * A small CNN trained on the seed's training images (`trainImageClassifier`), read by the
 * image metrics. Owns its network's variables: `dispose()` frees them. Every method takes
 * pixels in the seed's layout (NHWC float32 in [-1, 1], `size × size × channels` per image),
 * runs on the current backend a batch of 256 at a time, and returns plain arrays.
 */
export class ImageClassifier {
  readonly task: ClassifierTask;
  readonly labelCount: number;
  readonly heldOutAccuracy: number | null;
  readonly taskAccuracy: number | null;
  readonly trainSeconds: number;
  readonly featureScale: number;

  constructor(private readonly net: PatchNet, facts: ClassifierFacts) {
    ({
      task: this.task,
      labelCount: this.labelCount,
      heldOutAccuracy: this.heldOutAccuracy,
      taskAccuracy: this.taskAccuracy,
      trainSeconds: this.trainSeconds,
      featureScale: this.featureScale,
    } = facts);
  }

  get size(): number {
    return this.net.shape.size;
  }

  get channels(): number {
    return this.net.shape.channels;
  }

  get featureSize(): number {
    return this.net.shape.features;
  }

  /** Features (scaled) and predicted labels; under 'rotations' every image gets the one label, 0. */
  async embed(pixels: Float32Array): Promise<Embedding> {
    const { features, classes, count } = await this.net.run(pixels);
    for (let i = 0; i < features.length; i++) features[i] /= this.featureScale;
    return { features, predicted: this.task === 'labels' ? classes : new Int32Array(count), count };
  }

  async predict(pixels: Float32Array): Promise<Int32Array> {
    return (await this.embed(pixels)).predicted;
  }

  async features(pixels: Float32Array): Promise<Float32Array> {
    return (await this.embed(pixels)).features;
  }

  dispose(): void {
    this.net.dispose();
  }
}
