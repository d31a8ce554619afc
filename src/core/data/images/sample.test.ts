import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { scanImages } from './scan';
import { decodePngOnly } from './testImages';
import { toImageSet } from './toImageSet';

describe('the shipped image sample (public/samples/emoji.zip)', () => {
  it('reads as ten labels of colour 64 px images with nothing skipped, and stays small', async () => {
    const zip = readFileSync('public/samples/emoji.zip');
    expect(zip.length).toBeLessThan(1_000_000);
    const scan = await scanImages({ zip, name: 'emoji.zip' }, decodePngOnly);
    expect(scan.labels).toEqual(['birds', 'clocks', 'clothes', 'faces', 'flags', 'fruit', 'hearts', 'mammals', 'plants', 'vehicles']);
    expect(scan.summary).toMatchObject({ sizes: [{ width: 64, height: 64, count: scan.summary.count }], grey: false, notes: [] });
    expect(scan.summary.labels.every((l) => l.count >= 20 && l.count <= 40)).toBe(true);
    // Emoji sit on transparency, laid over white: the corner pixel is white but where a drawing reaches it (cupid's arrow).
    const white = scan.images.filter((image) => image.rgb.subarray(0, 3).every((v) => v === 255));
    expect(white.length).toBeGreaterThan(0.95 * scan.images.length);
    const set = toImageSet(scan, { size: 32, channels: 3, fit: 'pad' });
    expect(set.pixels).toHaveLength(scan.summary.count * 32 * 32 * 3);
    expect(readFileSync('public/samples/emoji-LICENSE.txt', 'utf8')).toMatch(/CC-BY 4\.0: https:\/\/creativecommons\.org\/licenses\/by\/4\.0\//);
  });
});
