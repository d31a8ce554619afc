import { readZip, writeZip } from '../data/zip';
import type { StudioReport } from '../metrics/qualityReport';
import type { Figure } from '../metrics/reportFigures';
import { InputError } from '../util/errors';
import { generationPrefixes, packWeights, readByGeneration, requireModelState, type ModelState, type WeightEntry } from './modelState';
import { ImageModel } from './imageModel';
import { requireImageModelState, type ImageModelState } from './imageModelState';
import { TabularModel } from './tabularModel';

/** What a bundle holds: a tabular model's state or an image model's. */
export type SavedModel = ModelState | ImageModelState;

/**
 * The bundle's version; a loader refuses any other (see docs/bundle.md). Format 1 kept every
 * tensor; format 2 keeps, by default, only the generator that generation reads.
 */
export const BUNDLE_FORMAT = 2;
export const BUNDLE_KIND = 'mitosis-model';

/** Inflated sizes a bundle may declare, checked before anything is inflated; `weights` also bounds the tensors it leaves out. */
export const BUNDLE_LIMITS = {
  manifest: 50_000_000,
  weights: 500_000_000,
  total: 600_000_000,
  ratio: 200,
} as const;

/** `manifest.json`: what the model is, where and how it was made, and its state. */
export interface BundleManifest {
  format: typeof BUNDLE_FORMAT;
  kind: typeof BUNDLE_KIND;
  app: { name: string; version: string };
  savedAt: string;
  /** The seed's file name and size (no row or image of it is saved); an image seed's `columns` is its labels. */
  source: { name: string; rows: number; columns: number };
  /** A summary of the run; `model` holds the rest. */
  training: { epochs: number; plannedEpochs: number; trainingRows: number; validationRows: number; seed: number };
  /** The quality report's headline and figures, when one was made. */
  report: { score: number; headline: string; figures: Figure[] } | null;
  /** The model state; its `weights` list only the tensors in weights.bin. */
  model: SavedModel;
  /** The model state's tensors weights.bin leaves out (the training state), by name and shape; empty when it holds them all. */
  omitted: OmittedWeight[];
}

export interface OmittedWeight {
  name: string;
  shape: number[];
}

export interface BundleOptions {
  /**
   * Also keep the training state (discriminator, optimiser moments, the other generator
   * copies), losslessly, for a run to go on from the bundle: about 9 times the size for Adult.
   * By default a bundle keeps only what generation reads.
   */
  training?: boolean;
}

export interface BundleMeta {
  app: { name: string; version: string };
  source: { name: string; rows: number; columns: number };
  report?: StudioReport | null;
}

/**
 * A saved model (`TabularModel.save()`) as the bytes of `<table>.mitosis.zip`: its state and
 * the generator generation reads, as float32, so the rows it gives are exactly the model's;
 * with `training`, every tensor.
 */
export function writeBundle(saved: { manifest: SavedModel; weights: ArrayBuffer }, meta: BundleMeta, options: BundleOptions = {}): Uint8Array<ArrayBuffer> {
  const m = saved.manifest;
  const generation = (w: WeightEntry) => readByGeneration(m.trainer, w.name);
  const stored = options.training ? m.weights : m.weights.filter(generation);
  const values = (w: WeightEntry) => new Float32Array(saved.weights, w.offset, w.length);
  if (options.training) {
    const missing = m.weights.find((w) => !generation(w) && values(w).some(Number.isNaN));
    if (missing) throw new Error(`This model has no training state to save ("${missing.name}" is not a number): it was loaded from a bundle saved without one.`);
  }
  const { entries, buffer } = packWeights(stored.map((w) => ({ name: w.name, shape: w.shape, values: values(w) })));
  const manifest: BundleManifest = {
    format: BUNDLE_FORMAT,
    kind: BUNDLE_KIND,
    app: meta.app,
    savedAt: new Date().toISOString(),
    source: meta.source,
    training: {
      epochs: m.epochs,
      plannedEpochs: m.plannedEpochs,
      trainingRows: m.kind === 'images' ? m.trainingImages : m.trainingRows,
      validationRows: m.kind === 'images' ? 0 : m.validationRows,
      seed: m.config.seed,
    },
    report: meta.report ? { score: meta.report.overall.score, headline: meta.report.overall.headline, figures: meta.report.figures } : null,
    model: { ...m, weights: entries },
    omitted: m.weights.filter((w) => !stored.includes(w)).map(({ name, shape }) => ({ name, shape })),
  };
  return writeZip([
    { name: 'manifest.json', bytes: new TextEncoder().encode(JSON.stringify(manifest, null, 1)), compress: true },
    // Float weights barely deflate (7 % for Adult's generator, for half a second of work).
    { name: 'weights.bin', bytes: new Uint8Array(buffer), compress: false },
  ]);
}

/**
 * The manifest and weights.bin of a bundle, checked: the zip's entries and sizes (before
 * inflating), the format and kind, that every stored tensor's shape fits the weights exactly,
 * and that what it leaves out is training state of a bounded size. Throws an InputError
 * saying what is wrong; nothing half-read is returned.
 */
export function readBundle(bytes: Uint8Array): { manifest: BundleManifest; weights: ArrayBuffer } {
  const what = 'The model bundle';
  const files = readZip(bytes, {
    what,
    entries: { 'manifest.json': BUNDLE_LIMITS.manifest, 'weights.bin': BUNDLE_LIMITS.weights },
    maxTotal: BUNDLE_LIMITS.total,
    maxRatio: BUNDLE_LIMITS.ratio,
  });
  let parsed: unknown;
  try {
    parsed = JSON.parse(new TextDecoder('utf-8', { fatal: true }).decode(files.get('manifest.json')!));
  } catch (err) {
    throw new InputError(`${what}'s manifest.json is not valid JSON (${(err as Error).message}).`);
  }
  const m = parsed as Partial<BundleManifest> | null;
  if (!m || typeof m !== 'object' || m.kind !== BUNDLE_KIND) throw new InputError(`This is not a Mitosis model bundle: its manifest.json has no kind "${BUNDLE_KIND}".`);
  if (m.format !== BUNDLE_FORMAT) throw new InputError(formatRefusal(m.format, m.app));
  let model: SavedModel;
  try {
    model = (m.model as Partial<SavedModel> | undefined)?.kind === 'images' ? requireImageModelState(m.model) : requireModelState(m.model);
  } catch (err) {
    throw new InputError(`${what}'s model: ${(err as Error).message}`);
  }
  const weights = files.get('weights.bin')!;
  checkWeights(model, weights.byteLength);
  checkOmitted(model, m.omitted);
  // Its own buffer, exactly its length: offsets in the manifest count from byte 0 of it.
  return { manifest: m as BundleManifest, weights: new Uint8Array(weights).buffer };
}

/** Every tensor packed end to end, its length its shape's product, filling weights.bin exactly. */
function checkWeights(model: SavedModel, byteLength: number): void {
  if (!Array.isArray(model.weights)) throw new InputError('The model bundle lists no weights.');
  let at = 0;
  for (const w of model.weights) {
    const name = typeof w?.name === 'string' ? w.name : '(unnamed)';
    const size = sizeOf(name, w?.shape);
    if (w.length !== size) throw new InputError(`The model bundle's tensor "${name}" has shape [${w.shape.join(', ')}] (${size} values) but lists ${String(w.length)} values.`);
    if (w.offset !== at) throw new InputError(`The model bundle's tensor "${name}" starts at byte ${String(w.offset)}, not ${at} where the one before it ends.`);
    at += 4 * size;
    if (at > byteLength) throw new InputError(`The model bundle's weights.bin holds ${byteLength} bytes, too few for tensor "${name}" (shape [${w.shape.join(', ')}]), which ends at byte ${at}.`);
  }
  if (at !== byteLength) throw new InputError(`The model bundle's weights.bin holds ${byteLength} bytes; its tensors' shapes add up to ${at}.`);
}

/**
 * What the bundle leaves out: named tensors of valid shapes, none twice and none that
 * generation reads, which with the stored ones fit within the weights limit (a loaded model
 * holds them all, so a small file must not make it allocate without bound).
 */
function checkOmitted(model: SavedModel, omitted: unknown): void {
  if (!Array.isArray(omitted)) throw new InputError('The model bundle does not list the tensors it leaves out ("omitted").');
  const names = new Set<string>();
  let bytes = 0;
  for (const w of [...model.weights, ...(omitted as Partial<OmittedWeight>[])]) {
    if (typeof w?.name !== 'string') throw new InputError('The model bundle lists a tensor with no name.');
    if (names.has(w.name)) throw new InputError(`The model bundle lists tensor "${w.name}" twice.`);
    names.add(w.name);
    bytes += 4 * sizeOf(w.name, w.shape);
    if (bytes > BUNDLE_LIMITS.weights) throw new InputError(`The model bundle's tensors add up to more than ${BUNDLE_LIMITS.weights / 1e6} MB, over the limit. Nothing was loaded.`);
  }
  const trainer = (model as Partial<SavedModel>).trainer;
  if (!trainer || typeof trainer !== 'object') throw new InputError("The model bundle's model has no trainer state.");
  // Bundles saved before the calibration by category was kept beside the generator left it
  // out: they load without it (rows with a category fixed, and rare ones, go uncalibrated).
  if ((omitted as OmittedWeight[]).some((w) => w.name.startsWith('calibration/'))) (trainer as { slotCalibration?: boolean }).slotCalibration = false;
  const needed = (omitted as OmittedWeight[]).find((w) => readByGeneration(trainer, w.name));
  if (needed) throw new InputError(`The model bundle leaves out tensor "${needed.name}", which generation needs.`);
  for (const prefix of generationPrefixes(trainer)) {
    if (!model.weights.some((w) => w.name.startsWith(prefix))) throw new InputError(`The model bundle holds no "${prefix}…" tensors, which generation needs.`);
  }
}

/** The number of values of a valid shape (non-negative integer dimensions), or an InputError. */
function sizeOf(name: string, shape: unknown): number {
  const valid = Array.isArray(shape) && shape.every((d) => Number.isSafeInteger(d) && d >= 0);
  const size = valid ? (shape as number[]).reduce((a, b) => a * b, 1) : NaN;
  if (!Number.isSafeInteger(size)) throw new InputError(`The model bundle gives tensor "${name}" no valid shape.`);
  return size;
}

function formatRefusal(format: unknown, app: unknown): string {
  const refusal = `This model bundle is format ${JSON.stringify(format)}, made by ${describeApp(app)}; this version of Mitosis Studio reads format ${BUNDLE_FORMAT} only.`;
  if (typeof format !== 'number') return refusal;
  return format < BUNDLE_FORMAT ? `${refusal} Train the model again from its seed table and save it anew.` : `${refusal} Open it with the version that saved it.`;
}

function describeApp(app: unknown): string {
  const a = app as Partial<BundleManifest['app']> | null;
  return a && typeof a.name === 'string' && typeof a.version === 'string' ? `${a.name} ${a.version}` : 'an unknown app';
}

/**
 * A model ready to generate from a bundle's bytes, or an InputError saying why not. The
 * tensors the bundle leaves out are filled with NaN: the loaded model cannot train (it has no
 * seed rows), generation never reads them, and `writeBundle` with `training` refuses them.
 */
export function openBundle(bytes: Uint8Array): OpenedBundle {
  const { manifest, weights } = readBundle(bytes);
  const { state, buffer } = withOmitted(manifest, weights);
  try {
    if (state.kind === 'images') return { kind: 'images', manifest, model: ImageModel.load(state, buffer) };
    return { kind: 'tabular', manifest, model: TabularModel.load(state, buffer) };
  } catch (err) {
    throw new InputError(`The model bundle does not load: ${(err as Error).message}`);
  }
}

/** A tabular model from a bundle's bytes; a bundle of an image model is refused with what to do. */
export function modelFromBundle(bytes: Uint8Array): { manifest: BundleManifest; model: TabularModel } {
  const opened = openBundle(bytes);
  if (opened.kind === 'tabular') return opened;
  opened.model.dispose();
  throw new InputError(`This bundle holds a model of images (trained on ${opened.manifest.source.name}): load it in the app, or with --out a .zip on the command line.`);
}

/** A bundle's model, ready to generate, by kind. */
export type OpenedBundle = { kind: 'tabular'; manifest: BundleManifest; model: TabularModel } | { kind: 'images'; manifest: BundleManifest; model: ImageModel };

/** The whole model state: the stored tensors, then the omitted ones as NaN, end to end. */
function withOmitted(manifest: BundleManifest, weights: ArrayBuffer): { state: SavedModel; buffer: ArrayBuffer } {
  const entries = [...manifest.model.weights];
  let at = weights.byteLength;
  for (const { name, shape } of manifest.omitted) {
    const length = shape.reduce((a, b) => a * b, 1);
    entries.push({ name, shape, offset: at, length });
    at += 4 * length;
  }
  const buffer = new ArrayBuffer(at);
  new Uint8Array(buffer).set(new Uint8Array(weights));
  new Float32Array(buffer, weights.byteLength).fill(NaN);
  return { state: { ...manifest.model, weights: entries }, buffer };
}
