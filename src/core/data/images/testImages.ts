// Real image and zip bytes for the image input's tests, made with the same PNG encoder the
// export uses and fflate's zip writer.

import { zipSync } from 'fflate';
import type { DecodeImage } from './decode';
import { decodePng, encodePng } from './png';

/** A PNG of one colour (RGBA). */
export function solidPng(width: number, height: number, rgba: [number, number, number, number?]): Uint8Array {
  const [r, g, b, a = 255] = rgba;
  const pixels = new Uint8Array(width * height * 4);
  for (let i = 0; i < width * height; i++) pixels.set([r, g, b, a], i * 4);
  return encodePng(pixels, width, height, 4);
}

/** A PNG whose pixel (x, y) is `colour(x, y)` (RGB). */
export function drawnPng(width: number, height: number, colour: (x: number, y: number) => [number, number, number]): Uint8Array {
  const pixels = new Uint8Array(width * height * 3);
  for (let y = 0; y < height; y++) for (let x = 0; x < width; x++) pixels.set(colour(x, y), (y * width + x) * 3);
  return encodePng(pixels, width, height, 3);
}

/** `count` distinct small PNGs under `folder/` (or at the top when folder is ''), by path. */
export function pngFiles(folder: string, count: number, size = 8): Record<string, Uint8Array> {
  const prefix = folder ? `${folder}/` : '';
  return Object.fromEntries(Array.from({ length: count }, (_, i) => [`${prefix}img${i}.png`, solidPng(size, size, [i * 20, 100, 200 - i * 10])]));
}

export function zipOf(files: Record<string, Uint8Array>): Uint8Array {
  return zipSync(files);
}

/** The scan's decoder in core tests: PNG only (JPEG and WebP are decoded by the adapters). */
export const decodePngOnly: DecodeImage = async (bytes, type) => {
  if (type !== 'png') throw new Error(`no ${type} decoder in this test`);
  return decodePng(bytes);
};

/** Sets what the central directory declares for `name`: its inflated size, and its packed size when given. */
export function declare(zip: Uint8Array, name: string, size: number, compressed?: number): Uint8Array {
  const out = zip.slice();
  const view = new DataView(out.buffer);
  const encoded = new TextEncoder().encode(name);
  for (let i = 0; i + 46 < out.length; i++) {
    if (view.getUint32(i, true) !== 0x02014b50 || view.getUint16(i + 28, true) !== encoded.length) continue;
    if (!encoded.every((b, j) => out[i + 46 + j] === b)) continue;
    view.setUint32(i + 24, size, true);
    if (compressed !== undefined) view.setUint32(i + 20, compressed, true);
    return out;
  }
  throw new Error(`no entry ${name}`);
}
