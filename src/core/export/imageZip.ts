// The image studio's download: a zip with one folder of PNGs per label and a manifest.

import type { Channels } from '../data/images/imageSet';
import { encodePng } from '../data/images/png';
import { writeZip, type ZipInput } from '../data/zip';
import { csvCell } from './csv';

/**
 * `images` (NHWC float32 in [-1, 1], `count × size × size × channels`, count = labelOf's
 * length) as a zip: `<label>/<label>_00001.png`, numbered within each label, and
 * `manifest.csv` (`file,label`, one row per image in order, with the label as given).
 */
export function imageZip(images: Float32Array, labelOf: Int32Array, labels: string[], size: number, channels: Channels): Uint8Array {
  return writeZip(imageZipFiles(images, labelOf, labels, size, channels));
}

/** The files `imageZip` packs, for a caller that writes them to a folder instead. */
export function imageZipFiles(images: Float32Array, labelOf: Int32Array, labels: string[], size: number, channels: Channels): ZipInput[] {
  const perImage = size * size * channels;
  if (images.length !== labelOf.length * perImage) {
    throw new Error(`imageZip: ${images.length} values is not ${labelOf.length} images of ${size}×${size}×${channels}`);
  }
  const folders = safeNames(labels);
  const numbered = new Array<number>(labels.length).fill(0);
  const digits = Math.max(5, String(labelOf.length).length);
  const files: ZipInput[] = [];
  const rows = ['file,label'];
  const bytes = new Uint8Array(perImage);
  for (let i = 0; i < labelOf.length; i++) {
    const label = labelOf[i];
    const values = images.subarray(i * perImage, (i + 1) * perImage);
    for (let v = 0; v < perImage; v++) bytes[v] = Math.round((Math.min(1, Math.max(-1, values[v])) + 1) * 127.5);
    const name = `${folders[label]}/${folders[label]}_${String(++numbered[label]).padStart(digits, '0')}.png`;
    // PNG data is deflated already: storing it saves time and costs nothing.
    files.push({ name, bytes: encodePng(bytes, size, size, channels), compress: false });
    rows.push(`${csvCell(name)},${csvCell(labels[label])}`);
  }
  files.push({ name: 'manifest.csv', bytes: new TextEncoder().encode(`${rows.join('\n')}\n`), compress: true });
  return files;
}

// Characters no file system takes in a name, or that would make it a path (and control characters).
const UNSAFE = /[/\\:*?"<>|]/g;
const unprintable = (c: string) => c.charCodeAt(0) < 32 || c === '\x7f';
// Device names Windows will not create, and names an upload's reader skips as system clutter.
const RESERVED = /^(con|prn|aux|nul|com\d|lpt\d|__macosx|thumbs\.db|desktop\.ini)(\..*)?$/i;

/**
 * A folder name for each label that every system unzips and the image input reads back: no
 * separators or characters Windows refuses, no leading dot (a hidden folder) or `..`, no
 * trailing dots or spaces, no device names, at most 64 characters, and distinct even where
 * case does not count. Letters of any script stay.
 */
export function safeNames(labels: string[]): string[] {
  const taken = new Set<string>();
  const trim = (name: string) => name.replace(/^[. ]+|[. ]+$/g, '');
  return labels.map((label, i) => {
    const chars = Array.from(trim(label.normalize('NFC').replace(UNSAFE, '_')), (c) => (unprintable(c) ? '_' : c));
    let name = trim(chars.slice(0, 64).join('')) || `label_${i + 1}`;
    if (RESERVED.test(name)) name = `${name}_`;
    let unique = name;
    for (let n = 2; taken.has(unique.toLowerCase()); n++) unique = `${name}_${n}`;
    taken.add(unique.toLowerCase());
    return unique;
  });
}
