// `npm run synth -- --input images.zip|folder --out synth.zip`: the image studio on the same
// core as the app, under Node.
import * as tf from '@tensorflow/tfjs';
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { basename, join, relative, resolve } from 'node:path';
import { checkZipSize, type ImageFile } from '../core/data/images/sources';
import { LoadedImages } from '../core/session/imageBundle';
import { ImageSession } from '../core/session/imageSession';
import type { BundleManifest } from '../core/train/bundle';
import type { ImageModel } from '../core/train/imageModel';
import { InputError } from '../core/util/errors';
import type { SynthArgs } from './args';
import { decodeImageNode } from './decodeImage';
import { writeOrRefuse } from './output';
import { checkPaths } from './paths';
import type { SynthIO } from './run';

/** True when --input names images: a folder or a zip (a table is never a zip). */
export function isImageInput(input: string): boolean {
  if (/\.zip$/i.test(input)) return true;
  try {
    return statSync(input).isDirectory();
  } catch {
    return false;
  }
}

/** Reads the images, trains, writes `--rows` images (default: as many as the seed has) as a zip. */
export async function synthesizeImages(args: SynthArgs, io: SynthIO, startBackend: () => Promise<void>): Promise<void> {
  const { log } = io;
  const input = args.input!;
  if (args.format !== 'zip') {
    const what = /\.zip$/i.test(input) ? 'a zip, read as images' : 'a folder, read as images';
    throw new InputError(`--input "${input}" is ${what}, which are written as a zip: --out must end in .zip, not "${args.out}". For a table, name its file as --input.`);
  }
  if (args.report && !/\.json$/i.test(args.report)) throw new InputError(`The image report is written as JSON: --report must end in .json, not "${args.report}".`);
  const folder = statSync(input).isDirectory();
  if (!folder) checkPaths(input, args.out);
  else if (resolve(args.out).startsWith(resolve(input) + '/')) throw new InputError(`--out "${args.out}" is inside the --input folder. Write it elsewhere.`);
  const files = folder ? readFolder(input) : readZipFile(input);
  await startBackend();
  const session = await ImageSession.open(basename(input), files, decodeImageNode, undefined, args.seed);
  try {
    const view = session.view();
    log(`read ${view.count} images in ${view.labels.length} labels (${view.labels.map((l) => `${l.label}: ${l.count}`).join(', ')}); backend ${tf.getBackend()}`);
    for (const note of view.notes) log(`  ${note}`);
    const { size, channels } = session.images;
    log(`working size ${size}×${size}, ${channels === 1 ? 'grey' : 'colour'}`);
    const plan = await session.prepare(args.epochs);
    log(`judging classifier trained in ${plan.preprocessSeconds.toFixed(1)} s; ${plan.trainingRows} images to learn from, ${plan.validationRows} held back`);
    log(`training for ${plan.epochs} epochs of ${plan.stepsPerEpoch} steps (batch ${plan.batch})`);
    const outcome = await session.train({
      readEvery: 10,
      onEpoch: (v) => log(`epoch ${v.epoch}/${plan.epochs}${v.labelAccuracy === null ? '' : `  read as their label ${(100 * v.labelAccuracy).toFixed(0)} %`}${v.score === null ? '' : `  score ${v.score.toFixed(3)}`}`),
      onProgress: (p) => io.progress?.(`  step ${p.step}/${p.totalSteps}  ${p.stepsPerSecond.toFixed(2)} steps/s  ${Math.round(p.secondsLeft)} s left   `),
      onRecover: (r) => log(`recovered at epoch ${r.epoch} (${r.cause}); learning rates halved`),
    });
    if (outcome.converged) log(`stopped early after epoch ${outcome.epochs}`);
    if (args.report) {
      const { report } = await session.buildReport();
      writeOrRefuse(args.report, JSON.stringify(report, null, 2), '--report');
      log(`wrote the image report to ${args.report}:`);
      for (const line of report.verdicts) log(`  ${line}`);
    }
    if (args.saveModel) {
      const { bytes } = await session.saveModel();
      writeOrRefuse(args.saveModel, bytes, '--save-model');
      log(`saved the model to ${args.saveModel} (${(bytes.byteLength / 1e6).toFixed(1)} MB)`);
    }
    const count = args.rows ?? view.count;
    const t0 = performance.now();
    const zip = await session.exportImages(count, null);
    writeOrRefuse(args.out, zip.parts[0] as Uint8Array, '--out');
    log(`wrote ${count} images to ${args.out} in ${((performance.now() - t0) / 1000).toFixed(1)} s`);
  } finally {
    session.dispose();
  }
}

/** `--model` of an image model: no images and no training; the bundle's seed gives the images. */
export async function imagesFromBundle(name: string, opened: { manifest: BundleManifest; model: ImageModel }, args: SynthArgs, io: SynthIO): Promise<void> {
  const loaded = await LoadedImages.open(name, opened.manifest, opened.model);
  try {
    if (args.format !== 'zip') throw new InputError(`${name} holds a model of images, which are written as a zip: --out must end in .zip, not "${args.out}".`);
    const { training, source } = opened.manifest;
    io.log(`loaded ${name}: an image model trained on ${training.trainingRows} images of ${source.name} (${loaded.labels.length} labels), ${training.epochs} epochs, seed ${training.seed}; backend ${tf.getBackend()}`);
    const count = args.rows ?? training.trainingRows;
    const zip = await loaded.exportImages(count, null);
    writeOrRefuse(args.out, zip.parts[0] as Uint8Array, '--out');
    io.log(`wrote ${count} images to ${args.out}`);
  } finally {
    loaded.dispose();
  }
}

function readZipFile(path: string): { zip: Uint8Array; name: string } {
  checkZipSize(basename(path), statSync(path).size);
  return { zip: readFileSync(path), name: basename(path) };
}

/** Every file under `root`, with paths that start at the folder's own name (its subfolders are labels). */
function readFolder(root: string): { files: ImageFile[] } {
  const files: ImageFile[] = [];
  const walk = (dir: string) => {
    for (const entry of readdirSync(dir, { withFileTypes: true })) {
      const path = join(dir, entry.name);
      if (entry.isDirectory()) walk(path);
      else if (entry.isFile()) files.push({ path: join(basename(resolve(root)), relative(root, path)).split('\\').join('/'), bytes: readFileSync(path) });
    }
  };
  walk(root);
  return { files };
}
