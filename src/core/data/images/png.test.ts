import { encode } from 'fast-png';
import { describe, expect, it } from 'vitest';
import { decodePng, encodePng } from './png';

/** The RGBA of pixel i. */
const at = (rgba: ArrayLike<number>, i: number) => Array.from({ length: 4 }, (_, c) => rgba[i * 4 + c]);

describe('decodePng', () => {
  it('reads grey, grey + alpha, RGB and RGBA as RGBA', () => {
    expect(at(decodePng(encodePng(Uint8Array.of(7, 200), 2, 1, 1)).rgba, 1)).toEqual([200, 200, 200, 255]);
    expect(at(decodePng(encode({ width: 1, height: 1, data: Uint8Array.of(90, 40), channels: 2 })).rgba, 0)).toEqual([90, 90, 90, 40]);
    expect(at(decodePng(encodePng(Uint8Array.of(1, 2, 3, 4, 5, 6), 2, 1, 3)).rgba, 1)).toEqual([4, 5, 6, 255]);
    const decoded = decodePng(encodePng(Uint8Array.of(1, 2, 3, 4, 5, 6, 7, 8), 2, 1, 4));
    expect(decoded).toMatchObject({ width: 2, height: 1 });
    expect(at(decoded.rgba, 1)).toEqual([5, 6, 7, 8]);
  });

  it('keeps the high byte of 16-bit samples and scales packed 1- and 2-bit grey', () => {
    const deep = encode({ width: 1, height: 1, data: Uint16Array.of(0x1234, 0xabcd, 0xff00), channels: 3, depth: 16 });
    expect(at(decodePng(deep).rgba, 0)).toEqual([0x12, 0xab, 0xff, 255]);
    // 10 pixels at 1 bit: 1010000011, rows padded to whole bytes.
    const bits = encode({ width: 10, height: 2, data: Uint8Array.of(0b10100000, 0b11000000, 0b01000000, 0), channels: 1, depth: 1 });
    const rgba = decodePng(bits).rgba;
    expect(Array.from({ length: 10 }, (_, i) => rgba[i * 4])).toEqual([255, 0, 255, 0, 0, 0, 0, 0, 255, 255]);
    expect(rgba[11 * 4]).toBe(255);
    const two = encode({ width: 3, height: 1, data: Uint8Array.of(0b00011011), channels: 1, depth: 2 });
    expect(Array.from({ length: 3 }, (_, i) => decodePng(two).rgba[i * 4])).toEqual([0, 85, 170]);
  });

  it('reads a palette, with and without its transparency', () => {
    const palette = [[255, 0, 0], [0, 0, 255]];
    const plain = encode({ width: 2, height: 1, data: Uint8Array.of(1, 0), channels: 1, depth: 8, palette });
    expect([at(decodePng(plain).rgba, 0), at(decodePng(plain).rgba, 1)]).toEqual([[0, 0, 255, 255], [255, 0, 0, 255]]);
    // fast-png writes only the alpha of entries that are not opaque, so the clear one comes first.
    const clear = encode({ width: 2, height: 1, data: Uint8Array.of(0, 1), channels: 1, depth: 8, palette: [[0, 0, 255, 0], [255, 0, 0, 255]] });
    expect([at(decodePng(clear).rgba, 0), at(decodePng(clear).rgba, 1)]).toEqual([[0, 0, 255, 0], [255, 0, 0, 255]]);
  });

  it('throws on a damaged file', () => {
    const bytes = encodePng(new Uint8Array(48), 4, 4, 3);
    expect(() => decodePng(bytes.slice(0, bytes.length - 20))).toThrow();
  });
});
