import { readZip, writeZip } from '../data/zip';
import type { StudioReport } from '../metrics/qualityReport';
import type { Figure } from '../metrics/reportFigures';
import { InputError } from '../util/errors';
import { requireModelState, type ModelState } from './modelState';
import { TabularModel } from './tabularModel';

/** The bundle's version; a loader refuses any other (see docs/bundle.md). */
export const BUNDLE_FORMAT = 1;
export const BUNDLE_KIND = 'mitosis-model';

/** Inflated sizes a bundle may declare, checked before anything is inflated. */
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
  /** The seed table's file name and size (no row of it is saved). */
  source: { name: string; rows: number; columns: number };
  /** A summary of the run; `model` holds the rest. */
  training: { epochs: number; plannedEpochs: number; trainingRows: number; validationRows: number; seed: number };
  /** The quality report's headline and figures, when one was made. */
  report: { score: number; headline: string; figures: Figure[] } | null;
  model: ModelState;
}

export interface BundleMeta {
  app: { name: string; version: string };
  source: { name: string; rows: number; columns: number };
  report?: StudioReport | null;
}

/** A saved model (`TabularModel.save()`) as the bytes of `<table>.mitosis.zip`. */
export function writeBundle(saved: { manifest: ModelState; weights: ArrayBuffer }, meta: BundleMeta): Uint8Array<ArrayBuffer> {
  const m = saved.manifest;
  const manifest: BundleManifest = {
    format: BUNDLE_FORMAT,
    kind: BUNDLE_KIND,
    app: meta.app,
    savedAt: new Date().toISOString(),
    source: meta.source,
    training: { epochs: m.epochs, plannedEpochs: m.plannedEpochs, trainingRows: m.trainingRows, validationRows: m.validationRows, seed: m.config.seed },
    report: meta.report ? { score: meta.report.overall.score, headline: meta.report.overall.headline, figures: meta.report.figures } : null,
    model: m,
  };
  return writeZip([
    { name: 'manifest.json', bytes: new TextEncoder().encode(JSON.stringify(manifest, null, 1)), compress: true },
    { name: 'weights.bin', bytes: new Uint8Array(saved.weights), compress: false },
  ]);
}

/**
 * The manifest and weights of a bundle, checked: the zip's entries and sizes (before
 * inflating), the format and kind, and that every tensor's shape fits the weights exactly.
 * Throws an InputError saying what is wrong; nothing half-read is returned.
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
  if (m.format !== BUNDLE_FORMAT) {
    throw new InputError(`This model bundle is format ${JSON.stringify(m.format)}, made by ${describeApp(m.app)}; this version of Mitosis Studio reads format ${BUNDLE_FORMAT} only.`);
  }
  let model: ModelState;
  try {
    model = requireModelState(m.model);
  } catch (err) {
    throw new InputError(`${what}'s model: ${(err as Error).message}`);
  }
  const weights = files.get('weights.bin')!;
  checkWeights(model, weights.byteLength);
  // Its own buffer, exactly its length: offsets in the manifest count from byte 0 of it.
  return { manifest: m as BundleManifest, weights: new Uint8Array(weights).buffer };
}

/** Every tensor packed end to end, its length its shape's product, filling weights.bin exactly. */
function checkWeights(model: ModelState, byteLength: number): void {
  if (!Array.isArray(model.weights)) throw new InputError('The model bundle lists no weights.');
  let at = 0;
  for (const w of model.weights) {
    const name = typeof w?.name === 'string' ? w.name : '(unnamed)';
    const shape = w?.shape;
    if (!Array.isArray(shape) || !shape.every((d) => Number.isSafeInteger(d) && d >= 0)) throw new InputError(`The model bundle gives tensor "${name}" no valid shape.`);
    const size = shape.reduce((a, b) => a * b, 1);
    if (w.length !== size) throw new InputError(`The model bundle's tensor "${name}" has shape [${shape.join(', ')}] (${size} values) but lists ${String(w.length)} values.`);
    if (w.offset !== at) throw new InputError(`The model bundle's tensor "${name}" starts at byte ${String(w.offset)}, not ${at} where the one before it ends.`);
    at += 4 * size;
    if (at > byteLength) throw new InputError(`The model bundle's weights.bin holds ${byteLength} bytes, too few for tensor "${name}" (shape [${shape.join(', ')}]), which ends at byte ${at}.`);
  }
  if (at !== byteLength) throw new InputError(`The model bundle's weights.bin holds ${byteLength} bytes; its tensors' shapes add up to ${at}.`);
}

function describeApp(app: unknown): string {
  const a = app as Partial<BundleManifest['app']> | null;
  return a && typeof a.name === 'string' && typeof a.version === 'string' ? `${a.name} ${a.version}` : 'an unknown app';
}

/** A model ready to generate from a bundle's bytes, or an InputError saying why not. */
export function modelFromBundle(bytes: Uint8Array): { manifest: BundleManifest; model: TabularModel } {
  const { manifest, weights } = readBundle(bytes);
  try {
    return { manifest, model: TabularModel.load(manifest.model, weights) };
  } catch (err) {
    throw new InputError(`The model bundle does not load: ${(err as Error).message}`);
  }
}
