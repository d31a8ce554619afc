import type { Rule } from '../data/rules';
import type { ColumnSchema } from '../data/schema';
import type { ModelConfig } from '../model/config';
import type { TransformerState } from '../transform/transformer';
import type { SelectionState } from './selection';
import type { NamedValues, TrainerState } from './trainer';

/** The manifest's version; a loader refuses any other. */
export const MODEL_FORMAT = 1;

/** Where one tensor lies in the weights buffer: `length` float32 values from byte `offset`. */
export interface WeightEntry {
  name: string;
  shape: number[];
  offset: number;
  length: number;
}

/**
 * A trained tabular model as plain JSON (see docs/model-state.md); its tensors lie in one
 * float32 buffer beside it, listed in `weights`. It holds no row of the seed table.
 */
export interface ModelState {
  format: typeof MODEL_FORMAT;
  kind: 'tabular';
  config: ModelConfig;
  schema: ColumnSchema[];
  rules: Rule[];
  transformer: TransformerState;
  trainer: TrainerState;
  epochs: number;
  plannedEpochs: number;
  trainingRows: number;
  validationRows: number;
  selection: SelectionState;
  /** What `conditionChoices` offers, since the seed's columns are not saved. */
  conditionChoices: { column: string; values: string[] }[];
  /** Kept generation calls and rows so far (see `GenerateOptions.continued`); absent in models saved before it. */
  issued?: { rounds: number; rows: number };
  weights: WeightEntry[];
}

/** The tensors packed end to end into one little-endian float32 buffer, and where each lies. */
export function packWeights(tensors: NamedValues[]): { entries: WeightEntry[]; buffer: ArrayBuffer } {
  const total = tensors.reduce((s, t) => s + t.values.length, 0);
  const out = new Float32Array(total);
  const entries: WeightEntry[] = [];
  let at = 0;
  for (const { name, shape, values } of tensors) {
    if (entries.some((e) => e.name === name)) throw new Error(`Two weights are named "${name}".`);
    out.set(values, at);
    entries.push({ name, shape: [...shape], offset: at * 4, length: values.length });
    at += values.length;
  }
  return { entries, buffer: out.buffer };
}

/** Each entry's values, copied out of `buffer`, by name. */
export function unpackWeights(entries: WeightEntry[], buffer: ArrayBuffer): Map<string, Float32Array> {
  const out = new Map<string, Float32Array>();
  for (const { name, offset, length } of entries) {
    if (offset % 4 !== 0 || offset + 4 * length > buffer.byteLength) throw new Error(`The weights file is shorter than its manifest says (at "${name}").`);
    out.set(name, new Float32Array(buffer.slice(offset, offset + 4 * length)));
  }
  return out;
}

/**
 * Where the tensors generation reads begin, as `CtganTrainer.sample` picks them: the kept
 * generator, else the averaged one, else the plain one; and the refiner, when there is one.
 * Every other tensor (the discriminator, the optimiser moments, the other generator copies)
 * is training state.
 */
export function generationPrefixes(trainer: GenerationParts): string[] {
  const generator = trainer.kept ? 'kept/generator/' : trainer.average ? 'average/generator/' : 'generator/';
  // The calibration by category serves rows with a category fixed, and free rows of a rare category drawn again.
  return [generator, ...(trainer.refiner ? ['refiner/'] : []), ...(trainer.slotCalibration ? ['calibration/'] : [])];
}

type GenerationParts = Pick<TrainerState, 'kept' | 'average' | 'refiner' | 'slotCalibration'>;

/** Whether generation reads tensor `name` (see `generationPrefixes`). */
export function readByGeneration(trainer: GenerationParts, name: string): boolean {
  return generationPrefixes(trainer).some((p) => name.startsWith(p));
}

/** `manifest` as a model state this version can load, or an error saying why not. */
export function requireModelState(manifest: unknown): ModelState {
  const m = manifest as Partial<ModelState> | null;
  if (!m || typeof m !== 'object' || m.kind !== 'tabular') throw new Error('This is not a saved tabular model.');
  if (m.format !== MODEL_FORMAT) throw new Error(`This model was saved in format ${String(m.format)}; this version reads format ${MODEL_FORMAT}.`);
  return m as ModelState;
}
