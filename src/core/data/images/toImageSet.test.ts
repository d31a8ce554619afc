import { describe, expect, it } from 'vitest';
import { imageAt } from './imageSet';
import type { ImageScan, ScannedImage } from './scan';
import { scanImages } from './scan';
import { decodePngOnly, drawnPng, zipOf } from './testImages';
import { borderColour, toImageSet } from './toImageSet';

type RGB = [number, number, number];
const RED: RGB = [255, 0, 0];
const GREEN: RGB = [0, 255, 0];
const BLUE: RGB = [0, 0, 255];
const WHITE: RGB = [255, 255, 255];

/** A scan of one kept image whose column x is `columns[x]` on every row. */
function striped(columns: RGB[], height: number): ImageScan {
  const width = columns.length;
  const rgb = new Uint8Array(width * height * 3);
  for (let y = 0; y < height; y++) columns.forEach((c, x) => rgb.set(c, (y * width + x) * 3));
  const image: ScannedImage = { path: 'a/x.png', label: 'a', width, height, keptWidth: width, keptHeight: height, rgb };
  return { images: [image], labels: ['a'], summary: { count: 1, labels: [{ label: 'a', count: 1 }], sizes: [], grey: false, notes: [] } };
}

/** Pixel (x, y) of image 0, as 0–255 values. */
function pixel(set: ReturnType<typeof toImageSet>, x: number, y: number): number[] {
  const values = imageAt(set, 0);
  const at = (y * set.size + x) * set.channels;
  return Array.from(values.subarray(at, at + set.channels), (v) => Math.round((v + 1) * 127.5));
}

describe('toImageSet', () => {
  // 4 wide, 2 high: red | green | blue | white.
  const wide = striped([RED, GREEN, BLUE, WHITE], 2);

  it('crops the centre square of a wide image, in colour, in [-1, 1]', () => {
    const set = toImageSet(wide, { size: 16, channels: 3, fit: 'crop' });
    expect(set).toMatchObject({ size: 16, channels: 3, count: 1, labels: ['a'], names: ['a/x.png'] });
    expect(set.pixels).toHaveLength(16 * 16 * 3);
    expect(pixel(set, 0, 0)).toEqual(GREEN);
    expect(pixel(set, 15, 15)).toEqual(BLUE);
    expect(Math.min(...set.pixels)).toBe(-1);
    expect(Math.max(...set.pixels)).toBe(1);
  });

  it("pads a wide image to a square with its border's mean colour, centred", () => {
    const fill = borderColour(wide.images[0]);
    expect(fill).toEqual([128, 128, 128]);
    const set = toImageSet(wide, { size: 16, channels: 3, fit: 'pad' });
    // The 4×4 square: a band of fill, the two rows of stripes, a band of fill; each source pixel 4×4 out.
    expect(pixel(set, 0, 0)).toEqual(fill);
    expect(pixel(set, 15, 15)).toEqual(fill);
    expect(pixel(set, 0, 6)).toEqual(RED);
    expect(pixel(set, 15, 9)).toEqual(WHITE);
  });

  it('makes grey as luma 0.299 R + 0.587 G + 0.114 B', () => {
    const set = toImageSet(wide, { size: 16, channels: 1, fit: 'crop' });
    expect(set.pixels).toHaveLength(16 * 16);
    expect(pixel(set, 0, 0)).toEqual([Math.round(0.587 * 255)]);
    expect(pixel(set, 15, 0)).toEqual([Math.round(0.114 * 255)]);
    const tall = toImageSet(striped([RED], 3), { size: 16, channels: 1, fit: 'crop' });
    expect(pixel(tall, 8, 8)).toEqual([Math.round(0.299 * 255)]);
  });

  it('averages the area each pixel covers when it shrinks', () => {
    // 4 columns → 2: each output pixel is the mean of two.
    const set = toImageSet(striped([RED, GREEN, BLUE, WHITE], 4), { size: 16, channels: 3, fit: 'crop' });
    const small = toImageSet(striped(Array.from({ length: 64 }, (_, x) => (x < 32 ? RED : BLUE)), 64), { size: 16, channels: 3, fit: 'crop' });
    expect(pixel(small, 7, 3)).toEqual(RED);
    expect(pixel(small, 8, 3)).toEqual(BLUE);
    const checker = toImageSet(striped(Array.from({ length: 32 }, (_, x) => (x % 2 ? WHITE : [0, 0, 0])), 32), { size: 16, channels: 1, fit: 'crop' });
    expect(new Set(Array.from(checker.pixels, (v) => Math.round((v + 1) * 127.5)))).toEqual(new Set([128]));
    expect(set.labelOf).toEqual(Int32Array.from([0]));
  });

  it('makes the same set from a real upload every time, labels in order', async () => {
    const files: Record<string, Uint8Array> = {};
    for (let i = 0; i < 12; i++) files[`s/${i % 2 ? 'odd' : 'even'}/${i}.png`] = drawnPng(40, 30, (x, y) => [x * 6, y * 8, i * 20]);
    const scan = await scanImages({ zip: zipOf(files), name: 'z.zip' }, decodePngOnly);
    const a = toImageSet(scan, { size: 32, channels: 3, fit: 'pad' });
    const b = toImageSet(scan, { size: 32, channels: 3, fit: 'pad' });
    expect(a.pixels).toEqual(b.pixels);
    expect(a.labels).toEqual(['even', 'odd']);
    expect(Array.from(a.labelOf)).toEqual([0, 0, 0, 0, 0, 0, 1, 1, 1, 1, 1, 1]);
    expect(a.names[0]).toBe('s/even/0.png');
    const grey = toImageSet(scan, { size: 16, channels: 1, fit: 'crop' });
    expect(grey.pixels).toHaveLength(12 * 16 * 16);
  });
});
