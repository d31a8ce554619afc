import jpeg from 'jpeg-js';
import { describe, expect, it } from 'vitest';
import { scanImages } from '../core/data/images/scan';
import { solidPng, zipOf } from '../core/data/images/testImages';
import { imageZip } from '../core/export/imageZip';
import { InputError } from '../core/util/errors';
import { decodeImageNode } from './decodeImage';

/** A JPEG of one colour. */
function solidJpeg(width: number, height: number, [r, g, b]: [number, number, number]): Uint8Array {
  const data = new Uint8Array(width * height * 4);
  for (let i = 0; i < width * height; i++) data.set([r, g, b, 255], i * 4);
  return jpeg.encode({ width, height, data }, 95).data;
}

describe('decodeImageNode', () => {
  it('decodes PNG and JPEG to RGBA', async () => {
    const png = await decodeImageNode(solidPng(3, 2, [10, 20, 30, 40]), 'png', 'a.png');
    expect(png).toMatchObject({ width: 3, height: 2 });
    expect(Array.from(png.rgba.subarray(0, 4))).toEqual([10, 20, 30, 40]);
    const photo = await decodeImageNode(solidJpeg(16, 8, [200, 60, 20]), 'jpeg', 'a.jpg');
    expect(photo).toMatchObject({ width: 16, height: 8 });
    const [r, g, b, a] = photo.rgba.subarray(0, 4);
    expect([Math.abs(r - 200), Math.abs(g - 60), Math.abs(b - 20)].every((d) => d <= 4)).toBe(true);
    expect(a).toBe(255);
  });

  it('says WebP is read in the app, and throws on a damaged JPEG', async () => {
    await expect(decodeImageNode(new Uint8Array(40), 'webp', 'a.webp')).rejects.toThrow(new InputError('WebP is read in the app; convert to PNG for the command line.'));
    await expect(decodeImageNode(solidJpeg(16, 16, [0, 0, 0]).slice(0, 200), 'jpeg', 'a.jpg')).rejects.toThrow();
  });

  it('reads a zip of JPEGs and PNGs, and the studio’s own export, through the scan', async () => {
    const files: Record<string, Uint8Array> = {};
    for (let i = 0; i < 6; i++) files[`set/photos/${i}.jpg`] = solidJpeg(24, 16, [i * 40, 100, 50]);
    for (let i = 0; i < 6; i++) files[`set/icons/${i}.png`] = solidPng(16, 16, [0, i * 40, 200, 255]);
    const scan = await scanImages({ zip: zipOf(files), name: 'mixed.zip' }, decodeImageNode);
    expect(scan.summary.labels).toEqual([{ label: 'icons', count: 6 }, { label: 'photos', count: 6 }]);
    const exported = imageZip(new Float32Array(10 * 4 * 4), Int32Array.from({ length: 10 }, (_, i) => i % 2), ['a', 'b'], 4, 1);
    const back = await scanImages({ zip: exported, name: 'synthetic.zip' }, decodeImageNode);
    expect(back.summary).toMatchObject({ count: 10, grey: true });
    expect(Array.from(back.images[0].rgb.subarray(0, 3))).toEqual([128, 128, 128]);
  });
});
