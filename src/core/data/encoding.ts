/** The text encodings a seed file is read in; every output is written as UTF-8. */
export type TextEncoding = 'utf-8' | 'utf-16le' | 'utf-16be' | 'windows-1252';

/** Each encoding's name as people know it. */
export const ENCODING_NAMES: Record<TextEncoding, string> = { 'utf-8': 'UTF-8', 'utf-16le': 'UTF-16LE', 'utf-16be': 'UTF-16BE', 'windows-1252': 'Windows-1252' };

/** Bytes read from a Blob at a time, so a large file's bytes are never all in memory at once. */
const CHUNK_BYTES = 4 * 1024 * 1024;

/** The encoding a byte-order mark at the start of `head` names; null when there is none. */
export function bomEncoding(head: Uint8Array): TextEncoding | null {
  if (head[0] === 0xef && head[1] === 0xbb && head[2] === 0xbf) return 'utf-8';
  if (head[0] === 0xff && head[1] === 0xfe) return 'utf-16le';
  if (head[0] === 0xfe && head[1] === 0xff) return 'utf-16be';
  return null;
}

/**
 * Decodes a whole file, BOM removed. A BOM names its encoding; without one, bytes that are valid
 * UTF-8 are read as UTF-8, and anything else as Windows-1252 (which every byte is valid in): that
 * is what Excel and older Windows tools write, and reading it as UTF-8 would turn `é` into `�`.
 */
export async function decodeText(source: Blob | Uint8Array, chunkBytes = CHUNK_BYTES): Promise<{ text: string; encoding: TextEncoding; bom?: true }> {
  const bom = bomEncoding(await bytesOf(source, 0, 3));
  if (bom) return { text: await decodeAs(source, bom, chunkBytes), encoding: bom, bom: true };
  try {
    return { text: await decodeAs(source, 'utf-8', chunkBytes, true), encoding: 'utf-8' };
  } catch (err) {
    // A fatal decoder throws a TypeError on the first byte that is not UTF-8.
    if (!(err instanceof TypeError)) throw err;
  }
  return { text: await decodeAs(source, 'windows-1252', chunkBytes), encoding: 'windows-1252' };
}

/** Decodes chunk by chunk; the streaming decoder joins characters split between two chunks. */
async function decodeAs(source: Blob | Uint8Array, encoding: TextEncoding, chunkBytes: number, fatal = false): Promise<string> {
  const decoder = new TextDecoder(encoding, { fatal });
  const size = source instanceof Uint8Array ? source.length : source.size;
  const parts: string[] = [];
  for (let start = 0; start < size; start += chunkBytes) {
    parts.push(decoder.decode(await bytesOf(source, start, start + chunkBytes), { stream: true }));
  }
  parts.push(decoder.decode());
  return parts.join('');
}

async function bytesOf(source: Blob | Uint8Array, start: number, end: number): Promise<Uint8Array> {
  if (source instanceof Uint8Array) return source.subarray(start, end);
  return new Uint8Array(await source.slice(start, end).arrayBuffer());
}
