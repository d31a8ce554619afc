import { describe, expect, it } from 'vitest';
import { scanImages, type ImageScan } from './scan';
import { decodePngOnly, drawnPng, pngFiles, solidPng, zipOf } from './testImages';

const scanZip = (files: Record<string, Uint8Array>, name = 'photos.zip') => scanImages({ zip: zipOf(files), name }, decodePngOnly);
const labelCounts = (scan: ImageScan) => Object.fromEntries(scan.summary.labels.map((l) => [l.label, l.count]));

describe('scanImages: labels', () => {
  it('takes labels from the folders of a zip with one top folder, which is not a label', async () => {
    const scan = await scanZip({ ...pngFiles('digits/3', 6), ...pngFiles('digits/7', 5) });
    expect(scan.labels).toEqual(['3', '7']);
    expect(labelCounts(scan)).toEqual({ 3: 6, 7: 5 });
    expect(scan.images[0]).toMatchObject({ path: 'digits/3/img0.png', label: '3', width: 8, height: 8, keptWidth: 8, keptHeight: 8 });
    expect(scan.summary).toMatchObject({ count: 11, sizes: [{ width: 8, height: 8, count: 11 }], notes: [], grey: false });
  });

  it('reads a folder upload the same way, in path order whatever order the files come in', async () => {
    const files = Object.entries({ ...pngFiles('digits/3', 6), ...pngFiles('digits/7', 5) }).map(([path, bytes]) => ({ path, bytes }));
    const forward = await scanImages({ files }, decodePngOnly);
    const backward = await scanImages({ files: [...files].reverse() }, decodePngOnly);
    const zipped = await scanZip({ ...pngFiles('digits/3', 6), ...pngFiles('digits/7', 5) });
    expect(forward.labels).toEqual(['3', '7']);
    expect(backward).toEqual(forward);
    expect(zipped).toEqual(forward);
  });

  it('reads labels from a zip of folders with no top folder, and files at the top as one class "all"', async () => {
    const scan = await scanZip({ ...pngFiles('cats', 5), ...pngFiles('', 4), ...pngFiles('dogs', 3) });
    expect(scan.labels).toEqual(['all', 'cats', 'dogs']);
    expect(labelCounts(scan)).toEqual({ all: 4, cats: 5, dogs: 3 });
  });

  it('reads loose files (no folders) as one unlabelled class', async () => {
    const files = Object.entries(pngFiles('', 10)).map(([path, bytes]) => ({ path, bytes }));
    const scan = await scanImages({ files }, decodePngOnly);
    expect(scan.labels).toEqual(['all']);
    expect(scan.summary.count).toBe(10);
  });

  it('labels by the folder directly holding an image, and orders numbered labels as numbers', async () => {
    const scan = await scanZip({ ...pngFiles('set/2', 5), ...pngFiles('set/10', 5), ...pngFiles('set/deep/x/9', 5) });
    expect(scan.labels).toEqual(['2', '9', '10']);
  });

  it('passes over system clutter without a note', async () => {
    const clutter = { '__MACOSX/d/3/._img0.png': new Uint8Array([0, 5, 22]), 'd/.DS_Store': new Uint8Array(9), 'd/3/Thumbs.db': new Uint8Array(3), 'd/.git/x.png': solidPng(2, 2, [0, 0, 0]) };
    const scan = await scanZip({ ...pngFiles('d/3', 10), ...clutter });
    expect(scan.summary.notes).toEqual([]);
    expect(scan.labels).toEqual(['3']);
  });

  it('lays transparent pixels over white, calls grey sets grey, and reports progress', async () => {
    const files = { ...pngFiles('a', 9), 'a/clear.png': solidPng(4, 4, [0, 0, 0, 0]) };
    const seen: [number, number][] = [];
    const scan = await scanImages({ zip: zipOf(files), name: 'x.zip' }, decodePngOnly, (done, total) => seen.push([done, total]));
    expect([...scan.images.find((i) => i.path === 'a/clear.png')!.rgb.subarray(0, 3)]).toEqual([255, 255, 255]);
    expect(seen).toHaveLength(10);
    expect(seen.at(-1)).toEqual([10, 10]);
    const grey = Object.fromEntries(Array.from({ length: 10 }, (_, i) => [`g/${i}.png`, solidPng(3, 3, [i * 9, i * 9, i * 9])]));
    expect((await scanZip(grey)).summary.grey).toBe(true);
  });

  it('keeps large images at most 64 px on the shorter side', async () => {
    const big = Object.fromEntries(Array.from({ length: 10 }, (_, i) => [`b/${i}.png`, drawnPng(300, 150, (x) => [x % 256, i, 0])]));
    const scan = await scanZip(big);
    expect(scan.images[0]).toMatchObject({ width: 300, height: 150, keptWidth: 128, keptHeight: 64 });
    expect(scan.images[0].rgb).toHaveLength(128 * 64 * 3);
  });
});
