import { strFromU8, unzipSync } from 'fflate';
import { describe, expect, it } from 'vitest';
import { decodePng } from '../data/images/png';
import { scanImages } from '../data/images/scan';
import { decodePngOnly } from '../data/images/testImages';
import { toImageSet } from '../data/images/toImageSet';
import { Rng } from '../util/rng';
import { imageZip, safeNames } from './imageZip';

/** `count` images of random values in [-1, 1]. */
function randomImages(count: number, size: number, channels: number): Float32Array {
  const rng = new Rng(5);
  return Float32Array.from({ length: count * size * size * channels }, () => rng.next() * 2 - 1);
}

describe('imageZip', () => {
  it('writes one folder of PNGs per label that decode to the same pixels, and a manifest', () => {
    const [size, channels] = [8, 3] as const;
    const images = randomImages(5, size, channels);
    const labelOf = Int32Array.of(1, 0, 1, 1, 0);
    const files = unzipSync(imageZip(images, labelOf, ['cat', 'dog'], size, channels));
    expect(Object.keys(files).sort()).toEqual(['cat/cat_00001.png', 'cat/cat_00002.png', 'dog/dog_00001.png', 'dog/dog_00002.png', 'dog/dog_00003.png', 'manifest.csv']);
    expect(strFromU8(files['manifest.csv'])).toBe(
      'file,label\ndog/dog_00001.png,dog\ncat/cat_00001.png,cat\ndog/dog_00002.png,dog\ndog/dog_00003.png,dog\ncat/cat_00002.png,cat\n',
    );
    const third = decodePng(files['dog/dog_00002.png']);
    expect(third).toMatchObject({ width: 8, height: 8 });
    const n = size * size * channels;
    for (let v = 0; v < n; v++) {
      const p = Math.floor(v / 3);
      expect(Math.abs(third.rgba[p * 4 + (v % 3)] / 127.5 - 1 - images[2 * n + v])).toBeLessThanOrEqual(1 / 255 + 1e-6);
    }
  });

  it('writes grey images as one-channel PNGs and clamps values outside [-1, 1]', () => {
    const images = Float32Array.of(-1, -0.5, 0, 1, -3, 7, 0.999, -0.999);
    const files = unzipSync(imageZip(images, Int32Array.of(0, 0), ['g'], 2, 1));
    const second = decodePng(files['g/g_00002.png']).rgba;
    expect([second[0], second[4], second[8], second[12]]).toEqual([0, 255, 255, 0]);
    expect(files['g/g_00001.png'][25]).toBe(0);
  });

  it('makes odd labels safe folder names, and quotes them in the manifest', () => {
    const labels = ['a/b', '..', 'ünï 🐱', 'x,y', 'CON', '.hidden', 'A/B', '"q"', ''];
    expect(safeNames(labels)).toEqual(['a_b', 'label_2', 'ünï 🐱', 'x,y', 'CON_', 'hidden', 'A_B_2', '_q_', 'label_9']);
    const files = unzipSync(imageZip(new Float32Array(labels.length), Int32Array.from(labels, (_, i) => i), labels, 1, 1));
    const manifest = strFromU8(files['manifest.csv']).trim().split('\n');
    expect(manifest[1]).toBe('a_b/a_b_00001.png,a/b');
    expect(manifest[2]).toBe('label_2/label_2_00001.png,..');
    expect(manifest[4]).toBe('"x,y/x,y_00001.png","x,y"');
    expect(manifest[8]).toBe('_q_/_q__00001.png,"""q"""');
    expect(Object.keys(files).every((name) => !name.split('/').some((part) => part === '..' || part.startsWith('.')))).toBe(true);
  });

  it('reads back through the image input: the same labels and pixels, the manifest noted', async () => {
    const images = randomImages(12, 16, 3);
    const labelOf = Int32Array.from({ length: 12 }, (_, i) => i % 3);
    const zip = imageZip(images, labelOf, ['red', 'green', 'blue'], 16, 3);
    const scan = await scanImages({ zip, name: 'synthetic.zip' }, decodePngOnly);
    expect(scan.summary.notes).toEqual(['Skipped 1 file that is not PNG, JPEG or WebP (other: 1): manifest.csv.']);
    const set = toImageSet(scan, { size: 16, channels: 3, fit: 'crop' });
    expect(set.labels).toEqual(['blue', 'green', 'red']);
    // Scan order is label then path: blue_00001 is image 2, the first with label 2.
    expect(set.names[0]).toBe('blue/blue_00001.png');
    const n = 16 * 16 * 3;
    const first = set.pixels.subarray(0, n);
    const original = images.subarray(2 * n, 3 * n);
    expect(Math.max(...first.map((v, i) => Math.abs(v - original[i])))).toBeLessThanOrEqual(1 / 255 + 1e-6);
  });
});
