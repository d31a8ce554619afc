import * as tf from '@tensorflow/tfjs';
import { zipSync } from 'fflate';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { installKernels } from '../backend/kernels';
import { inferSchema } from '../data/schema';
import { tableFromColumns, type Table } from '../data/table';
import { writeZip } from '../data/zip';
import { DEFAULT_CONFIG, type ModelConfig } from '../model/config';
import { InputError } from '../util/errors';
import { BUNDLE_FORMAT, modelFromBundle, readBundle, writeBundle, type BundleManifest } from './bundle';
import { MIN_REFINE_ROWS } from '../model/config';
import { generationPrefixes } from './modelState';
import { TabularModel } from './tabularModel';

const tiny: ModelConfig = { ...DEFAULT_CONFIG, embeddingDim: 8, generatorDims: [16], discriminatorDims: [16], batchSize: 20, pac: 2, seed: 11 };
const META = { app: { name: 'mitosis-studio', version: '0.0.0-test' }, source: { name: 'weather.csv', rows: 80, columns: 3 } };

function seedTable(rows: number): Table {
  const cols: string[][] = [[], [], []];
  for (let i = 0; i < rows; i++) {
    cols[0].push(['Oslo', 'Lima', 'Pune'][i % 3]);
    cols[1].push(((i % 3) * 10 + (i % 7) / 2).toFixed(1));
    cols[2].push(i % 2 ? 'yes' : 'no');
  }
  return tableFromColumns(['city', 'temp', 'rain'], cols);
}

async function rowsOf(model: TabularModel, rows: number): Promise<string> {
  const out: string[] = [];
  await model.generate(rows, { onChunk: (chunk) => void out.push(...Array.from({ length: chunk.rowCount }, (_, r) => JSON.stringify(chunk.columns.map((c) => c[r])))) });
  return out.join('\n');
}

/** The error `fn` throws, which must be an InputError. */
function refusal(fn: () => unknown): InputError {
  try {
    fn();
  } catch (err) {
    expect(err).toBeInstanceOf(InputError);
    return err as InputError;
  }
  throw new Error('expected a refusal');
}

/** Sets the central directory's inflated size of `name` (offset 24 of its record). */
function declareSize(bytes: Uint8Array, name: string, size: number): Uint8Array {
  const out = bytes.slice();
  const view = new DataView(out.buffer);
  const encoded = new TextEncoder().encode(name);
  for (let i = 0; i + 46 < out.length; i++) {
    if (view.getUint32(i, true) !== 0x02014b50) continue;
    const nameLength = view.getUint16(i + 28, true);
    if (nameLength === encoded.length && encoded.every((b, j) => out[i + 46 + j] === b)) {
      view.setUint32(i + 24, size, true);
      return out;
    }
  }
  throw new Error(`no entry ${name}`);
}

/** A model of `config` on `table`, trained one epoch; the caller disposes it. */
async function trained(table: Table, config: ModelConfig): Promise<TabularModel> {
  const model = new TabularModel(table, inferSchema(table), config);
  await model.train(1);
  return model;
}

describe('model bundles', () => {
  const table = seedTable(80);
  let model: TabularModel;
  let saved: Awaited<ReturnType<TabularModel['save']>>;
  let bytes: Uint8Array;
  const manifestOf = () => JSON.parse(JSON.stringify(readBundle(bytes).manifest)) as BundleManifest;
  const stored = () => new Uint8Array(readBundle(bytes).weights);
  const withManifest = (manifest: unknown, weights = stored()) =>
    writeZip([
      { name: 'manifest.json', bytes: new TextEncoder().encode(JSON.stringify(manifest)), compress: true },
      { name: 'weights.bin', bytes: weights, compress: false },
    ]);

  beforeAll(async () => {
    await tf.setBackend('cpu');
    installKernels();
    model = await trained(table, tiny);
    saved = await model.save();
    bytes = writeBundle(saved, META);
  });

  afterAll(() => model.dispose());

  it('keeps the model state and, as float32, the generator generation reads; the loaded model generates the same rows', async () => {
    const { manifest, weights } = readBundle(bytes);
    expect(manifest).toMatchObject({ format: BUNDLE_FORMAT, kind: 'mitosis-model', app: META.app, source: META.source, training: { epochs: 1, seed: 11 }, report: null });
    const { weights: entries, ...state } = manifest.model;
    const { weights: savedEntries, ...savedState } = saved.manifest;
    expect(state).toEqual(savedState);
    // The kept generator only, bit for bit; the rest of the state is listed as left out.
    expect(saved.manifest.trainer.kept).toBe(true);
    // 80 rows are too few to refine on: no refiner.
    expect(model.refinedKeep).toBeNull();
    // The kept generator, and the calibration by category that fixed and rare rows read.
    const generation = savedEntries.filter((w) => w.name.startsWith('kept/generator/') || w.name.startsWith('calibration/'));
    expect(entries.map((w) => w.name)).toEqual(generation.map((w) => w.name));
    expect(new Float32Array(weights)).toEqual(Float32Array.from(generation.flatMap((w) => [...new Float32Array(saved.weights, w.offset, w.length)])));
    expect(manifest.omitted).toEqual(savedEntries.filter((w) => !generation.includes(w)).map(({ name, shape }) => ({ name, shape })));
    expect(manifest.omitted.map((w) => w.name)).toEqual(expect.arrayContaining(['discriminator/block0/dense/kernel', 'average/generator/block0/dense/kernel', 'generator/out/dense/bias', 'optimiser/generator/v']));
    // A Node Buffer that views a larger block from a byte offset, as readFileSync may return.
    const block = new Uint8Array(bytes.length + 8);
    block.set(bytes, 8);
    const loaded = modelFromBundle(Buffer.from(block.buffer, 8, bytes.length)).model;
    try {
      expect(await rowsOf(loaded, 150)).toBe(await rowsOf(model, 150));
      // Saved again, it writes the same bundle but for the time of saving.
      const again = readBundle(writeBundle(await loaded.save(), META));
      expect({ ...again.manifest, savedAt: '' }).toEqual({ ...manifest, savedAt: '' });
      expect(new Uint8Array(again.weights)).toEqual(new Uint8Array(weights));
      // Its training state was not saved, so it cannot be saved with it.
      expect(() => writeBundle(saved, META, { training: true })).not.toThrow();
      await expect(loaded.save().then((s) => writeBundle(s, META, { training: true }))).rejects.toThrow(
        /This model has no training state to save \("[^"]+" is not a number\): it was loaded from a bundle saved without one\./,
      );
    } finally {
      loaded.dispose();
    }
  });

  it('keeps the calibration by category beside the generator, and loads a bundle saved without it', async () => {
    const calibrated = await trained(table, tiny);
    const fixedRows = async (m: TabularModel) => {
      const out: string[] = [];
      await m.generate(60, { condition: { column: 'city', value: 'Lima' }, onChunk: (c) => void out.push(...Array.from({ length: c.rowCount }, (_, r) => JSON.stringify(c.columns.map((col) => col[r])))) });
      return out.join('\n');
    };
    try {
      await fixedRows(calibrated);
      const state = await calibrated.save();
      expect(state.manifest.trainer.slotCalibration).toBe(true);
      const written = writeBundle(state, META);
      const { manifest, weights } = readBundle(written);
      expect(manifest.model.weights.map((w) => w.name)).toContain('calibration/slots');
      const loaded = modelFromBundle(written).model;
      try {
        const rows = await fixedRows(loaded);
        expect(rows).not.toMatch(/NaN/);
        expect(rows).toBe(await fixedRows(calibrated));
      } finally {
        loaded.dispose();
      }
      // As saved before the calibration was kept: it is listed as left out, and the model loads without it.
      const entry = manifest.model.weights.find((w) => w.name === 'calibration/slots')!;
      expect(entry.offset + 4 * entry.length).toBe(weights.byteLength);
      const old = { ...manifest, model: { ...manifest.model, weights: manifest.model.weights.filter((w) => w !== entry) }, omitted: [...manifest.omitted, { name: entry.name, shape: entry.shape }] };
      const without = modelFromBundle(withManifest(old, new Uint8Array(weights).slice(0, entry.offset))).model;
      try {
        expect(await fixedRows(without)).toMatch(/Lima/);
        expect(await fixedRows(without)).not.toMatch(/NaN/);
      } finally {
        without.dispose();
      }
    } finally {
      calibrated.dispose();
    }
  });

  it('keeps the refiner beside the generator; the loaded model keeps the same rows', async () => {
    // With its held-back slice, a seed this size trains on more than MIN_REFINE_ROWS rows.
    // Without ranges by category, which leave the refiner too little to tell on this table.
    const refined = await trained(seedTable(Math.ceil(MIN_REFINE_ROWS / 0.8)), { ...tiny, refineRows: true, withinCategoryRange: false });
    try {
      expect(refined.refinedKeep).toBeGreaterThan(0);
      const loaded = modelFromBundle(writeBundle(await refined.save(), META));
      try {
        expect(generationPrefixes(loaded.manifest.model.trainer)).toEqual(['kept/generator/', 'refiner/', 'calibration/']);
        expect(loaded.manifest.omitted.some((w) => w.name.startsWith('refiner/'))).toBe(false);
        expect(await rowsOf(loaded.model, 120)).toBe(await rowsOf(refined, 120));
      } finally {
        loaded.model.dispose();
      }
    } finally {
      refined.dispose();
    }
  });

  it('keeps the averaged generator when none was kept, and the plain one when neither is', async () => {
    for (const [config, prefix] of [
      [{ ...tiny, keepBest: false }, 'average/generator/'],
      [{ ...tiny, keepBest: false, generatorAverage: 0 }, 'generator/'],
    ] as const) {
      const other = await trained(table, config);
      const loaded = modelFromBundle(writeBundle(await other.save(), META));
      try {
        expect(generationPrefixes(loaded.manifest.model.trainer)).toEqual([prefix, 'calibration/']);
        expect(loaded.manifest.model.weights.every((w) => w.name.startsWith(prefix) || w.name === 'calibration/slots')).toBe(true);
        expect(loaded.manifest.omitted.some((w) => w.name.startsWith(prefix))).toBe(false);
        expect(await rowsOf(loaded.model, 120)).toBe(await rowsOf(other, 120));
      } finally {
        loaded.model.dispose();
        other.dispose();
      }
    }
  });

  it('keeps every tensor, losslessly, when asked for the training state', async () => {
    const full = readBundle(writeBundle(saved, META, { training: true }));
    expect(full.manifest.model).toEqual(saved.manifest);
    expect(full.manifest.omitted).toEqual([]);
    expect(new Uint8Array(full.weights)).toEqual(new Uint8Array(saved.weights));
    const loaded = modelFromBundle(writeBundle(saved, META, { training: true })).model;
    try {
      const again = await loaded.save();
      expect(again.manifest).toEqual(saved.manifest);
      expect(new Uint8Array(again.weights)).toEqual(new Uint8Array(saved.weights));
    } finally {
      loaded.dispose();
    }
  });

  it('refuses a bundle of another format version, naming both and what to do', () => {
    const m = manifestOf();
    expect(refusal(() => readBundle(withManifest({ ...m, format: 3 }))).message).toBe(
      'This model bundle is format 3, made by mitosis-studio 0.0.0-test; this version of Mitosis Studio reads format 2 only. Open it with the version that saved it.',
    );
    // Format 1 held the whole state in weights.bin and had no "omitted".
    const first: Partial<BundleManifest> = { ...m, format: 1 as typeof BUNDLE_FORMAT, app: { name: 'mitosis-studio', version: '0.1.0' }, model: saved.manifest };
    delete first.omitted;
    expect(refusal(() => readBundle(withManifest(first, new Uint8Array(saved.weights)))).message).toBe(
      'This model bundle is format 1, made by mitosis-studio 0.1.0; this version of Mitosis Studio reads format 2 only. Train the model again from its seed table and save it anew.',
    );
    expect(refusal(() => readBundle(withManifest({ ...m, kind: 'other' }))).message).toMatch(/not a Mitosis model bundle/);
    expect(refusal(() => readBundle(withManifest({ ...m, model: { ...m.model, format: 9 } }))).message).toMatch(/model: This model was saved in format 9/);
  });

  it('refuses a truncated zip or one that is no zip', () => {
    for (const cut of [bytes.slice(0, bytes.length - 10), bytes.slice(0, bytes.length >> 1), new Uint8Array(0), new TextEncoder().encode('city,temp\nOslo,3\n')]) {
      expect(refusal(() => readBundle(cut)).message).toMatch(/not a complete zip file: it may be truncated or not a zip at all/);
    }
  });

  it('refuses entries other than manifest.json and weights.bin: traversal, absolute, nested', () => {
    const m = new TextEncoder().encode(JSON.stringify(manifestOf()));
    const w = stored();
    for (const name of ['../evil', '/etc/passwd', 'model/weights.bin', 'inner.zip', 'C:\\x']) {
      const zip = zipSync({ 'manifest.json': m, 'weights.bin': w, [name]: new Uint8Array(4) });
      expect(refusal(() => readBundle(zip)).message).toBe(`The model bundle holds an unexpected file ${JSON.stringify(name)}; it should hold only manifest.json and weights.bin. Nothing was loaded.`);
    }
    expect(refusal(() => readBundle(zipSync({ 'manifest.json': m }))).message).toMatch(/has no weights\.bin/);
  });

  it('refuses declared sizes over the limits and zip bombs before inflating them', () => {
    expect(refusal(() => readBundle(declareSize(bytes, 'weights.bin', 600_000_000))).message).toBe(
      'The model bundle declares "weights.bin" as 600 MB, over the limit of 500 MB. Nothing was loaded.',
    );
    const zeros = zipSync({ 'manifest.json': new Uint8Array(20_000_000), 'weights.bin': stored() });
    expect(refusal(() => readBundle(zeros)).message).toMatch(/declares "manifest\.json" to inflate \d+ times its packed size \(a zip bomb\?\)/);
    // A header that understates the size: inflation stops at the declared size.
    const liar = zipSync({ 'manifest.json': new TextEncoder().encode(JSON.stringify(manifestOf())), 'weights.bin': stored() });
    expect(refusal(() => readBundle(declareSize(liar, 'manifest.json', 100))).message).toMatch(/"manifest\.json" inflates past its declared size/);
  });

  it('refuses weights whose length or offsets do not match the tensor shapes', () => {
    const m = manifestOf();
    const w = stored();
    const total = w.byteLength;
    expect(refusal(() => readBundle(withManifest(m, w.slice(0, total - 8)))).message).toMatch(new RegExp(`weights\\.bin holds ${total - 8} bytes`));
    expect(refusal(() => readBundle(withManifest(m, new Uint8Array(total + 4)))).message).toBe(`The model bundle's weights.bin holds ${total + 4} bytes; its tensors' shapes add up to ${total}.`);
    const first = m.model.weights[0];
    const reshaped = { ...m, model: { ...m.model, weights: [{ ...first, shape: [first.length + 1] }, ...m.model.weights.slice(1)] } };
    expect(refusal(() => readBundle(withManifest(reshaped))).message).toMatch(new RegExp(`tensor "${first.name}" has shape \\[${first.length + 1}\\] \\(${first.length + 1} values\\) but lists ${first.length} values`));
    const moved = { ...m, model: { ...m.model, weights: m.model.weights.map((e, i) => (i === 1 ? { ...e, offset: e.offset + 4 } : e)) } };
    expect(refusal(() => readBundle(withManifest(moved))).message).toMatch(/starts at byte \d+, not \d+ where the one before it ends/);
  });

  it('refuses a list of left-out tensors that is missing, malformed, too large or holds what generation reads', () => {
    const m = manifestOf();
    const omit = (omitted: unknown) => refusal(() => readBundle(withManifest({ ...m, omitted }))).message;
    const none: Partial<BundleManifest> = { ...m };
    delete none.omitted;
    expect(refusal(() => readBundle(withManifest(none))).message).toBe('The model bundle does not list the tensors it leaves out ("omitted").');
    expect(omit([...m.omitted, { name: 'x', shape: [2, -1] }])).toBe('The model bundle gives tensor "x" no valid shape.');
    expect(omit([...m.omitted, { name: 'x', shape: [2 ** 30, 2 ** 30] }])).toBe('The model bundle gives tensor "x" no valid shape.');
    expect(omit([...m.omitted, { shape: [1] }])).toBe('The model bundle lists a tensor with no name.');
    expect(omit([...m.omitted, m.omitted[0]])).toBe(`The model bundle lists tensor "${m.omitted[0].name}" twice.`);
    // A few bytes must not make a loaded model allocate without bound.
    expect(omit([...m.omitted, { name: 'huge', shape: [1e5, 1e4] }])).toBe('The model bundle\'s tensors add up to more than 500 MB, over the limit. Nothing was loaded.');
    const kept = m.model.weights[0];
    expect(omit([...m.omitted, { name: kept.name, shape: kept.shape }])).toBe(`The model bundle lists tensor "${kept.name}" twice.`);
    // The kept generator listed as left out, and the discriminator stored in its place.
    const swapped = { ...m, model: { ...m.model, weights: [] }, omitted: [...m.model.weights.map(({ name, shape }) => ({ name, shape })), ...m.omitted] };
    expect(refusal(() => readBundle(withManifest(swapped, new Uint8Array(0)))).message).toBe(`The model bundle leaves out tensor "${kept.name}", which generation needs.`);
  });

  it('refuses a damaged entry by its checksum', () => {
    const damaged = bytes.slice();
    // The last byte of weights.bin (stored, just before the central directory).
    const view = new DataView(damaged.buffer);
    let cd = damaged.length - 22;
    while (view.getUint32(cd, true) !== 0x06054b50) cd--;
    damaged[view.getUint32(cd + 16, true) - 1] ^= 0xff;
    expect(refusal(() => readBundle(damaged)).message).toMatch(/"weights\.bin" fails its checksum/);
  });
});
