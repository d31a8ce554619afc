import type { ImageModelConfig } from '../model/image/config';
import type { ImageTrainerState } from './imageTrainer';
import type { WeightEntry } from './modelState';
import type { SelectionState } from './selection';

/** The image manifest's version; a loader refuses any other. */
export const IMAGE_MODEL_FORMAT = 1;

/**
 * A trained image model as plain JSON; its tensors lie in one float32 buffer beside it,
 * listed in `weights` (packed as a tabular model's are). It holds no seed image.
 */
export interface ImageModelState {
  format: typeof IMAGE_MODEL_FORMAT;
  kind: 'images';
  config: ImageModelConfig;
  /** Label names, by class id. */
  labels: string[];
  /** Training images per label: generation draws labels by these shares. */
  labelCounts: number[];
  trainer: ImageTrainerState;
  epochs: number;
  plannedEpochs: number;
  trainingImages: number;
  selection: SelectionState;
  weights: WeightEntry[];
}

/** `manifest` as an image model state this version can load, or an error saying why not. */
export function requireImageModelState(manifest: unknown): ImageModelState {
  const m = manifest as Partial<ImageModelState> | null;
  if (!m || typeof m !== 'object' || m.kind !== 'images') throw new Error('This is not a saved image model.');
  if (m.format !== IMAGE_MODEL_FORMAT) {
    throw new Error(`This image model was saved in format ${String(m.format)}; this version reads format ${IMAGE_MODEL_FORMAT}.`);
  }
  const labels = m.labels;
  if (!Array.isArray(labels) || !m.config || m.config.labels !== labels.length || m.labelCounts?.length !== labels.length) {
    throw new Error('This image model is damaged: its labels and its settings disagree.');
  }
  return m as ImageModelState;
}
