// Plain data the image session hands out: what the worker posts and the store keeps.
import type { ImageChoices } from '../data/images/imageSet';
import type { ImageGrid } from '../export/imageGrid';
import type { ImageReport } from '../metrics/images/imageReport';

export type { ImageGrid };

/** What was read from an upload of images, as the data panel shows it. */
export interface ImageSeedView {
  name: string;
  count: number;
  labels: { label: string; count: number }[];
  /** Sizes found in the upload (width × height) and how many images had each. */
  sizes: { width: number; height: number; count: number }[];
  /** What was skipped, resized or merged, in words. */
  notes: string[];
  choices: ImageChoices;
  /** A few seed images per label at the working size. */
  seed: ImageGrid;
  /** A model loaded from a bundle, with no seed images: it generates but cannot train. */
  loaded: boolean;
  /** The default run for this set, known before Train. */
  plannedEpochs: number;
  stepsPerEpoch: number;
}

/** One judged epoch of the image model, as the live view shows it. */
export interface ImageEpochView {
  epoch: number;
  /** The same noise per label every epoch: the grid changes only by what was learned. */
  grid: ImageGrid;
  /** A walk between two fixed noises for one label. */
  interpolation: ImageGrid;
  /** Share of the grid's images the seed classifier reads as their label (null: one label). */
  labelAccuracy: number | null;
  score: number | null;
  best: { epoch: number; score: number };
}

/** The image report as the page shows it and the user can hand over, with the closest pairs drawn. */
export interface ImageReportView {
  report: ImageReport;
  /** Each closest pair side by side: the generated image, then the training image nearest to it. */
  closest: ImageGrid | null;
}
