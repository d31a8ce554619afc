import jpeg from 'jpeg-js';
import { describe, expect, it } from 'vitest';
import { sniffImage } from './sniff';
import { solidPng } from './testImages';

const bytes = (s: string, ...tail: number[]) => Uint8Array.from([...s].map((c) => c.charCodeAt(0)).concat(tail));

describe('sniffImage', () => {
  it('reads the type and size from a PNG, JPEG or WebP header, whatever the name', () => {
    expect(sniffImage(solidPng(7, 3, [0, 0, 0]))).toEqual({ type: 'png', width: 7, height: 3 });
    const photo = jpeg.encode({ width: 9, height: 5, data: new Uint8Array(9 * 5 * 4) }, 80).data;
    expect(sniffImage(photo)).toEqual({ type: 'jpeg', width: 9, height: 5 });
    // Lossless: 14 bits of width − 1 then of height − 1 after the 0x2f signature.
    const lossless = bytes('RIFF\x1a\x00\x00\x00WEBPVP8L\x0d\x00\x00\x00\x2f', 0x63, 0xc0, 0x0a, 0, ...new Array(8).fill(0));
    expect(sniffImage(lossless)).toEqual({ type: 'webp', width: 100, height: 44 });
    const lossy = bytes('RIFF\x30\x00\x00\x00WEBPVP8 \x20\x00\x00\x00', 0, 0, 0, 0x9d, 0x01, 0x2a, 40, 0, 30, 0, ...new Array(8).fill(0));
    expect(sniffImage(lossy)).toEqual({ type: 'webp', width: 40, height: 30 });
    const extended = bytes('RIFF\x30\x00\x00\x00WEBPVP8X\x0a\x00\x00\x00', 0, 0, 0, 0, 199, 0, 0, 99, 0, 0, ...new Array(8).fill(0));
    expect(sniffImage(extended)).toEqual({ type: 'webp', width: 200, height: 100 });
  });

  it('names other kinds, and calls a cut-short header damaged', () => {
    expect(sniffImage(bytes('GIF89a'))).toEqual({ other: 'GIF' });
    expect(sniffImage(bytes('BM\x00\x00'))).toEqual({ other: 'BMP' });
    expect(sniffImage(bytes('\x00\x00\x00\x18ftypheic'))).toEqual({ other: 'HEIC' });
    expect(sniffImage(bytes('<?xml version="1.0"?><svg xmlns="x">'))).toEqual({ other: 'SVG' });
    expect(sniffImage(bytes('PK\x03\x04'))).toEqual({ other: 'zip' });
    expect(sniffImage(bytes('hello'))).toEqual({ other: 'unknown' });
    expect(sniffImage(solidPng(2, 2, [0, 0, 0]).slice(0, 20))).toEqual({ damaged: 'png' });
    expect(sniffImage(Uint8Array.of(0xff, 0xd8, 0xff, 0xe0, 0, 16))).toEqual({ damaged: 'jpeg' });
    expect(sniffImage(bytes('RIFF\x00\x00\x00\x00WEBPVP8 '))).toEqual({ damaged: 'webp' });
  });
});
