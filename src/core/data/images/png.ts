// PNG in pure JS (fast-png), the same in the worker and under Node: the image export writes
// with it, and the command line reads with it.

import { convertIndexedToRgb, decode, encode, type DecodedPng } from 'fast-png';
import type { DecodedImage } from './decode';

/**
 * `bytes` as 8-bit RGBA, whatever the PNG holds: grey, grey + alpha, RGB or RGBA at 1 to 16
 * bits, or a palette (with its transparency). Throws on a damaged file.
 */
export function decodePng(bytes: Uint8Array): DecodedImage {
  const png = decode(bytes);
  const { width, height } = png;
  const rgba = new Uint8Array(width * height * 4);
  if (png.palette) {
    const colours = convertIndexedToRgb(png);
    const stride = png.palette[0].length;
    for (let p = 0; p < width * height; p++) {
      rgba.set(colours.subarray(p * stride, p * stride + 3), p * 4);
      rgba[p * 4 + 3] = stride === 4 ? colours[p * stride + 3] : 255;
    }
    return { width, height, rgba };
  }
  const { channels } = png;
  const samples = samplesOf(png);
  for (let p = 0; p < width * height; p++) {
    const s = p * channels;
    const [r, g, b] = channels >= 3 ? [samples[s], samples[s + 1], samples[s + 2]] : [samples[s], samples[s], samples[s]];
    const a = channels === 2 || channels === 4 ? samples[s + channels - 1] : 255;
    rgba.set([r, g, b, a], p * 4);
  }
  return { width, height, rgba };
}

/** One 8-bit value per sample: 16-bit ones keep their high byte, 1–4-bit ones are unpacked and scaled. */
function samplesOf(png: DecodedPng): Uint8Array {
  const { width, height, channels, depth, data } = png;
  if (depth === 8) return data as Uint8Array;
  if (depth === 16) return Uint8Array.from(data, (v) => v >> 8);
  // Below 8 bits (grey only), each row starts on a whole byte.
  const out = new Uint8Array(width * height * channels);
  const rowBytes = Math.ceil((width * channels * depth) / 8);
  const scale = 255 / ((1 << depth) - 1);
  for (let y = 0; y < height; y++) {
    for (let x = 0; x < width * channels; x++) {
      const bit = x * depth;
      const byte = data[y * rowBytes + (bit >> 3)];
      out[y * width * channels + x] = Math.round(((byte >> (8 - depth - (bit & 7))) & ((1 << depth) - 1)) * scale);
    }
  }
  return out;
}

/** An 8-bit PNG of `pixels` (`width × height × channels` bytes: 1 grey, 3 RGB, 4 RGBA). */
export function encodePng(pixels: Uint8Array, width: number, height: number, channels: 1 | 3 | 4): Uint8Array {
  return encode({ width, height, data: pixels, depth: 8, channels });
}
