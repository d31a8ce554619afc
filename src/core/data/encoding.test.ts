import { describe, expect, it } from 'vitest';
import { bomEncoding, decodeText } from './encoding';

const utf8 = (text: string) => new TextEncoder().encode(text);
const utf16le = (text: string) => new Uint8Array(Buffer.from(text, 'utf16le'));
const utf16be = (text: string) => utf16le(text).map((_, i, b) => b[i ^ 1]);
const withBom = (bom: number[], body: Uint8Array) => new Uint8Array([...bom, ...body]);
// "José, €5 – ok" in Windows-1252: é is E9, € is 80, the en dash 96; none of these is valid UTF-8 on its own.
const WINDOWS_1252 = new Uint8Array([0x4a, 0x6f, 0x73, 0xe9, 0x2c, 0x20, 0x80, 0x35, 0x20, 0x96, 0x20, 0x6f, 0x6b]);

describe('decodeText', () => {
  const text = 'name,city\nJosé,Zürich 😀\n';

  it('reads UTF-8 with and without a BOM, dropping the BOM and saying it was there', async () => {
    expect(await decodeText(utf8(text))).toEqual({ text, encoding: 'utf-8' });
    expect(await decodeText(withBom([0xef, 0xbb, 0xbf], utf8(text)))).toEqual({ text, encoding: 'utf-8', bom: true });
  });

  it('reads UTF-16 in either byte order from its BOM', async () => {
    expect(await decodeText(withBom([0xff, 0xfe], utf16le(text)))).toEqual({ text, encoding: 'utf-16le', bom: true });
    expect(await decodeText(withBom([0xfe, 0xff], utf16be(text)))).toEqual({ text, encoding: 'utf-16be', bom: true });
  });

  it('reads bytes that are not UTF-8 as Windows-1252', async () => {
    expect(await decodeText(WINDOWS_1252)).toEqual({ text: 'José, €5 – ok', encoding: 'windows-1252' });
    // A lead byte with no continuation (C3 then "(") is invalid UTF-8 too.
    expect(await decodeText(new Uint8Array([0x61, 0xc3, 0x28]))).toEqual({ text: 'aÃ(', encoding: 'windows-1252' });
  });

  it('checks the whole file, not its first chunk, before choosing UTF-8', async () => {
    const bytes = new Uint8Array([...utf8('a,b\n'.repeat(50)), ...WINDOWS_1252]);
    const { text: read, encoding } = await decodeText(new Blob([bytes]), 16);
    expect(encoding).toBe('windows-1252');
    expect(read.endsWith('José, €5 – ok')).toBe(true);
  });

  it('joins characters split between chunks, from a Blob or from bytes', async () => {
    const sources = [utf8(text), withBom([0xff, 0xfe], utf16le(text)), withBom([0xfe, 0xff], utf16be(text))];
    for (const bytes of sources) {
      for (const size of [1, 2, 3, 5, 7]) {
        expect((await decodeText(new Blob([bytes]), size)).text).toBe(text);
        expect((await decodeText(bytes, size)).text).toBe(text);
      }
    }
  });

  it('names the encoding of a BOM only', () => {
    expect(bomEncoding(new Uint8Array([0xef, 0xbb, 0xbf, 0x61]))).toBe('utf-8');
    expect(bomEncoding(new Uint8Array([0xff, 0xfe]))).toBe('utf-16le');
    expect(bomEncoding(new Uint8Array([0xfe, 0xff]))).toBe('utf-16be');
    expect(bomEncoding(utf8('abc'))).toBeNull();
  });
});
