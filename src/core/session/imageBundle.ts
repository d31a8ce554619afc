import { GRID_PER_LABEL, type ImageModel } from '../train/imageModel';
import type { BundleManifest } from '../train/bundle';
import { tileImages } from '../export/imageGrid';
import { generateImages, imagesFile, type GeneratedImages } from './imageSession';
import type { ImageSeedView } from './imageTypes';
import type { OutputFile } from './types';


/**
 * An image model loaded from a bundle: it generates and downloads images with no seed images
 * (so it cannot train or be judged). The worker and the CLI drive it beside `ImageSession`.
 */
export class LoadedImages {
  private constructor(
    /** The bundle's file name. */
    readonly name: string,
    private readonly manifest: BundleManifest,
    readonly model: ImageModel,
    private readonly grid: ImageSeedView['seed'],
  ) {}

  static async open(name: string, manifest: BundleManifest, model: ImageModel): Promise<LoadedImages> {
    const { size, channels } = model.config;
    // The generator generation uses: the bundle holds no other.
    const pixels = await model.grid('kept');
    const count = pixels.length / (size * size * channels);
    const grid = tileImages(pixels, count, size, channels, GRID_PER_LABEL, { rowLabels: model.set.labels.slice(0, count / GRID_PER_LABEL) });
    return new LoadedImages(name, manifest, model, grid);
  }

  get labels(): string[] {
    return this.model.set.labels;
  }

  /** The loaded model as the data panel shows it: its labels, what it was trained on, and samples from it. */
  view(): ImageSeedView {
    const { source, app, training } = this.manifest;
    const { size, channels } = this.model.config;
    const counts = this.model.labelCounts;
    return {
      name: this.name,
      count: training.trainingRows,
      labels: this.labels.map((label, i) => ({ label, count: counts[i] })),
      sizes: [],
      notes: [
        `A model loaded from ${this.name}: trained by ${app.name} ${app.version} on ${training.trainingRows.toLocaleString('en-US')} images of ${source.name} for ${training.epochs} epochs. ` +
          'It makes images without the seed images; load them to train again. The grid shows images it made.',
      ],
      choices: { size: size, channels: channels, fit: 'crop' },
      seed: this.grid,
      loaded: true,
      plannedEpochs: 0,
      stepsPerEpoch: 0,
    };
  }

  generate(count: number, label: string | null): Promise<GeneratedImages> {
    return generateImages(this.model, this.labels, count, label);
  }

  async exportImages(count: number, label: string | null): Promise<OutputFile> {
    return imagesFile(this.manifest.source.name, await this.generate(count, label), { labels: this.labels, size: this.model.config.size, channels: this.model.config.channels });
  }

  dispose(): void {
    this.model.dispose();
  }
}
