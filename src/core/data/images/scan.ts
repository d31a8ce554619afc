// The first of the image input's two phases: every image of an upload decoded once and kept
// small, with a summary to show. The second (toImageSet) makes the working set from this at
// any size, so changing the size needs no new upload.

import { InputError } from '../../util/errors';
import type { DecodeImage } from './decode';
import { IMAGE_LIMITS } from './limits';
import { count, nameList } from './notes';
import { compareLabels, labelsOf } from './paths';
import { keepPixels } from './resize';
import { addTo, noSkips, nothingRead, skipNotes, type Skips } from './skips';
import { sniffImage } from './sniff';
import { sourcesOf, type ImageInput, type Source } from './sources';

/** One image as read: its label, its size in the upload, and its pixels at a bounded size. */
export interface ScannedImage {
  /** The path in the upload, for messages and for naming it beside a generated image. */
  path: string;
  label: string;
  width: number;
  height: number;
  /** The kept pixels' size: the image shrunk to fit IMAGE_LIMITS.keepShort / keepLong. */
  keptWidth: number;
  keptHeight: number;
  /** `keptWidth × keptHeight × 3` bytes, RGB; transparency was laid over white. */
  rgb: Uint8Array;
}

export interface ScanSummary {
  count: number;
  /** Each label kept and its image count, in label order. */
  labels: { label: string; count: number }[];
  /** The sizes found in the upload, most common first. */
  sizes: { width: number; height: number; count: number }[];
  /** Every image is grey (its red, green and blue agree): grey is the better working choice. */
  grey: boolean;
  /** What was skipped, dropped or changed, one plain sentence each. */
  notes: string[];
}

export interface ImageScan {
  images: ScannedImage[];
  /** The labels kept, in order; an image's class id is its label's index here. */
  labels: string[];
  summary: ScanSummary;
}

/** Called after each file is looked at. */
export type ScanProgress = (done: number, total: number) => void;

// Files of these kinds ride along with image sets (a manifest, a readme) and are not counted
// against the image limit before decoding.
const DOCUMENT = /\.(csv|tsv|txt|md|json|xml|ya?ml|html?|pdf|py|ipynb)$/i;
const IMAGE_NAME = /\.(png|jpe?g|jfif|webp)$/i;

/**
 * Reads every image of `input` with `decode`, in path order, keeping each small (see
 * ScannedImage). Skips what it cannot use with a note; drops labels with one image; throws an
 * InputError, before decoding when it can, for an upload that is unsafe, too large or has too
 * few images. Deterministic: the same upload gives the same scan.
 */
export async function scanImages(input: ImageInput, decode: DecodeImage, onProgress?: ScanProgress): Promise<ImageScan> {
  const sources = sourcesOf(input);
  const { what, files } = sources;
  const labels = labelsOf(files.map((f) => f.parts));
  const labelOf = new Map(files.map((f, i) => [f, labels[i]]));
  checkCounts(what, files, labelOf);
  const skips: Skips = { ...noSkips(), nested: [...sources.nested], tooLarge: [...sources.tooLarge] };
  const images: ScannedImage[] = [];
  for (const [i, file] of files.entries()) {
    const image = await scanOne(file, decode, skips);
    if (image) images.push({ ...image, path: file.path, label: labelOf.get(file)! });
    onProgress?.(i + 1, files.length);
  }
  if (!images.length) throw nothingRead(what, skips);
  const notes = skipNotes(skips);
  const kept = dropSingles(images, notes);
  if (kept.length < IMAGE_LIMITS.minImages) {
    const why = 'a model learns a set from many examples, and the quality checks keep some aside to compare against';
    const skipped = notes.length ? ` (${notes.join(' ')})` : '';
    throw new InputError(`${what} has ${count(kept.length, 'image')} the studio can use; it needs at least ${IMAGE_LIMITS.minImages}: ${why}. Add more images.${skipped}`);
  }
  return summarise(kept, notes);
}

/** Too many images or labels are refused from the names alone, before anything is decoded. */
function checkCounts(what: string, files: Source[], labelOf: Map<Source, string>): void {
  const candidates = files.filter((f) => !DOCUMENT.test(f.path));
  if (candidates.length > IMAGE_LIMITS.images) {
    const most = `${count(IMAGE_LIMITS.images, 'image')} (they are all kept in the tab's memory)`;
    throw new InputError(`${what} holds ${count(candidates.length, 'file')}; the studio reads at most ${most}. Choose fewer images, e.g. fewer per folder.`);
  }
  const labels = new Set(candidates.map((f) => labelOf.get(f)));
  if (labels.size > IMAGE_LIMITS.labels) {
    throw new InputError(
      `${what} has ${count(labels.size, 'folder')} of images, each a label; the studio learns at most ${IMAGE_LIMITS.labels} labels. Merge folders or choose fewer.`,
    );
  }
}

/** One file read, checked and kept small; null, with the reason added to `skips`, when it cannot be used. */
async function scanOne(file: Source, decode: DecodeImage, skips: Skips): Promise<Omit<ScannedImage, 'path' | 'label'> | null> {
  let bytes: Uint8Array;
  try {
    bytes = file.read();
  } catch {
    // A zip entry that fails its checksum or inflates wrongly: that file is damaged, not the rest.
    skips.damaged.push(file.path);
    return null;
  }
  const header = sniffImage(bytes);
  if ('other' in header) {
    if (header.other === 'zip') skips.nested.push(file.path);
    else if (IMAGE_NAME.test(file.path)) skips.damaged.push(file.path);
    else addTo(skips.unsupported, header.other, file.path);
    return null;
  }
  if ('damaged' in header) {
    skips.damaged.push(file.path);
    return null;
  }
  if (header.width * header.height > IMAGE_LIMITS.pixels) {
    skips.tooLarge.push(file.path);
    return null;
  }
  try {
    const { width, height, rgba } = await decode(bytes, header.type, file.path);
    if (!(width > 0 && height > 0 && rgba.length >= width * height * 4)) throw new Error('no pixels');
    const kept = keepPixels(rgba, width, height);
    return { width, height, keptWidth: kept.width, keptHeight: kept.height, rgb: kept.rgb };
  } catch (err) {
    if (err instanceof InputError) addTo(skips.refused, err.message, file.path);
    else skips.damaged.push(file.path);
    return null;
  }
}

/**
 * The images less those whose label has a single image, with a note naming what was left
 * out: a label needs one image to learn from and one to keep aside, and a user who meant the
 * folder would rather add images to it than have the quality checks fail later.
 */
function dropSingles(images: ScannedImage[], notes: string[]): ScannedImage[] {
  const perLabel = new Map<string, ScannedImage[]>();
  for (const image of images) perLabel.set(image.label, [...(perLabel.get(image.label) ?? []), image]);
  if (perLabel.size === 1) return images;
  const single = [...perLabel].filter(([, list]) => list.length < IMAGE_LIMITS.minPerLabel);
  if (!single.length) return images;
  const names = single.map(([label, [image]]) => `"${label}" (${image.path})`);
  const [folder, it] = single.length === 1 ? ['that folder', 'it'] : ['those folders', 'them'];
  notes.push(
    `Left out ${count(single.length, 'label')} with a single image: ${nameList(names)}. ` +
      `Each label needs at least ${IMAGE_LIMITS.minPerLabel} images, one to learn from and one to check against; add images to ${folder} to include ${it}.`,
  );
  return images.filter((image) => perLabel.get(image.label)!.length >= IMAGE_LIMITS.minPerLabel);
}

function summarise(images: ScannedImage[], notes: string[]): ImageScan {
  const labels = [...new Set(images.map((i) => i.label))].sort(compareLabels);
  const sizes = new Map<string, { width: number; height: number; count: number }>();
  for (const { width, height } of images) {
    const key = `${width}×${height}`;
    sizes.set(key, { width, height, count: (sizes.get(key)?.count ?? 0) + 1 });
  }
  const found = [...sizes.values()].sort((a, b) => b.count - a.count || a.width - b.width || a.height - b.height);
  if (found.length > 1) {
    const listed = nameList(found.map((s) => `${s.width}×${s.height}: ${s.count.toLocaleString('en-US')}`), 4);
    notes.push(`The images come in ${found.length} sizes (${listed}); each is resized to the working size.`);
  }
  const rank = new Map(labels.map((label, i) => [label, i]));
  const ordered = [...images].sort((a, b) => rank.get(a.label)! - rank.get(b.label)! || (a.path < b.path ? -1 : a.path > b.path ? 1 : 0));
  return {
    images: ordered,
    labels,
    summary: {
      count: images.length,
      labels: labels.map((label) => ({ label, count: images.filter((i) => i.label === label).length })),
      sizes: found,
      grey: images.every(isGrey),
      notes,
    },
  };
}

/** Red, green and blue within a few levels everywhere: a JPEG of a grey picture drifts a little. */
function isGrey(image: ScannedImage): boolean {
  const { rgb } = image;
  for (let i = 0; i < rgb.length; i += 3) {
    if (Math.abs(rgb[i] - rgb[i + 1]) > 3 || Math.abs(rgb[i + 1] - rgb[i + 2]) > 3) return false;
  }
  return true;
}
