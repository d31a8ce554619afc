import { Inflate, zipSync } from 'fflate';
import { InputError } from '../util/errors';

/** One file to put in a zip; `compress: false` stores it as is (float weights barely deflate). */
export interface ZipInput {
  name: string;
  bytes: Uint8Array;
  compress: boolean;
}

/** A zip of `files`, in order. */
export function writeZip(files: ZipInput[]): Uint8Array<ArrayBuffer> {
  // zipSync writes into a fresh ArrayBuffer, never a shared one.
  return zipSync(Object.fromEntries(files.map((f) => [f.name, [f.bytes, { level: f.compress ? 6 : 0 }]]))) as Uint8Array<ArrayBuffer>;
}

/** What a zip may hold: each allowed entry's largest inflated size, and the most all may inflate to. */
export interface ZipLimits {
  /** What the file is, for messages ("The model bundle"). */
  what: string;
  entries: Record<string, number>;
  maxTotal: number;
  /** The largest inflated ÷ compressed size any deflated entry may declare (deflate itself tops out near 1032). */
  maxRatio: number;
}

/** One file in a zip's central directory, as declared there (nothing inflated yet). */
export interface ZipEntry {
  name: string;
  /** 0: stored; 8: deflated; anything else is not read. */
  method: number;
  encrypted: boolean;
  crc: number;
  compressed: number;
  size: number;
  localOffset: number;
  /** The central directory's offset: every entry's data must end before it. */
  dataEnd: number;
}

const EOCD = 0x06054b50;
const CENTRAL = 0x02014b50;
const LOCAL = 0x04034b50;

/**
 * The central directory of `bytes`, read without inflating anything: each entry's name and its
 * declared sizes, for a caller to check before it reads any. Throws an InputError naming
 * `what` when the file is not a complete, single-part zip.
 */
export function listZip(bytes: Uint8Array, what: string): ZipEntry[] {
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const end = findEnd(view);
  if (end < 0) throw new InputError(`${what} is not a complete zip file: it may be truncated or not a zip at all.`);
  const count = view.getUint16(end + 10, true);
  const cdSize = view.getUint32(end + 12, true);
  const cdOffset = view.getUint32(end + 16, true);
  if (view.getUint16(end + 4, true) !== 0 || view.getUint16(end + 8, true) !== count) throw new InputError(`${what} is a multi-part zip, which is not supported.`);
  if (cdOffset + cdSize > end) throw new InputError(`${what} is a damaged zip file: its directory lies outside the file (truncated?).`);
  const entries: ZipEntry[] = [];
  let at = cdOffset;
  for (let i = 0; i < count; i++) {
    if (at + 46 > cdOffset + cdSize || view.getUint32(at, true) !== CENTRAL) throw new InputError(`${what} is a damaged zip file: its directory is cut short.`);
    const nameLength = view.getUint16(at + 28, true);
    const next = at + 46 + nameLength + view.getUint16(at + 30, true) + view.getUint16(at + 32, true);
    if (next > cdOffset + cdSize) throw new InputError(`${what} is a damaged zip file: its directory is cut short.`);
    entries.push({
      name: new TextDecoder().decode(bytes.subarray(at + 46, at + 46 + nameLength)),
      method: view.getUint16(at + 10, true),
      encrypted: (view.getUint16(at + 8, true) & 1) === 1,
      crc: view.getUint32(at + 16, true),
      compressed: view.getUint32(at + 20, true),
      size: view.getUint32(at + 24, true),
      localOffset: view.getUint32(at + 42, true),
      dataEnd: cdOffset,
    });
    at = next;
  }
  return entries;
}

/**
 * The entries of `bytes`, inflated, after checking the central directory against `limits`
 * before anything is inflated: only the allowed names (so no `../x`, absolute path or nested
 * folder), each at most once, stored or deflated, unencrypted, within its size and ratio
 * limits. Inflation stops at the declared size, so a header that lies cannot make a bomb;
 * each entry's length and CRC-32 must then match. Every failure is an InputError.
 */
export function readZip(bytes: Uint8Array, limits: ZipLimits): Map<string, Uint8Array> {
  const { what } = limits;
  const allowed = Object.keys(limits.entries);
  const list = allowed.join(' and ');
  const entries: ZipEntry[] = [];
  let total = 0;
  for (const entry of listZip(bytes, what)) {
    const { name } = entry;
    const shown = shownName(name);
    if (!Object.hasOwn(limits.entries, name)) throw new InputError(`${what} holds an unexpected file ${shown}; it should hold only ${list}. Nothing was loaded.`);
    if (entries.some((e) => e.name === name)) throw new InputError(`${what} holds ${shown} twice. Nothing was loaded.`);
    checkEntry(entry, limits.entries[name], limits.maxRatio, what);
    total += entry.size;
    if (total > limits.maxTotal) throw new InputError(`${what} declares more than ${mb(limits.maxTotal)} in all, over the limit. Nothing was loaded.`);
    entries.push(entry);
  }
  const missing = allowed.filter((n) => !entries.some((e) => e.name === n));
  if (missing.length) throw new InputError(`${what} has no ${missing.join(' or ')}: it is not a complete bundle.`);
  return new Map(entries.map((e) => [e.name, inflateZipEntry(bytes, e, what)]));
}

/**
 * Refuses, before inflating, an entry that is encrypted, uses a method other than stored or
 * deflate, declares more than `maxSize` bytes, or declares a ratio over `maxRatio`.
 */
export function checkEntry(entry: ZipEntry, maxSize: number, maxRatio: number, what: string): void {
  const shown = shownName(entry.name);
  if (entry.encrypted) throw new InputError(`${what} is encrypted (${shown}), which is not supported.`);
  if (entry.method !== 0 && entry.method !== 8) throw new InputError(`${what} compresses ${shown} with method ${entry.method}; only stored and deflated files are read.`);
  if (entry.size > maxSize) throw new InputError(`${what} declares ${shown} as ${mb(entry.size)}, over the limit of ${mb(maxSize)}. Nothing was loaded.`);
  if (entry.method === 8 && entry.size > maxRatio * Math.max(entry.compressed, 1)) {
    throw new InputError(`${what} declares ${shown} to inflate ${Math.round(entry.size / Math.max(entry.compressed, 1))} times its packed size (a zip bomb?). Nothing was loaded.`);
  }
  if (entry.method === 0 && entry.size !== entry.compressed) throw new InputError(`${what} is a damaged zip file: stored ${shown} has two sizes.`);
}

/** A name for a message: quoted, and cut when long. */
export function shownName(name: string): string {
  return JSON.stringify(name.length > 80 ? `${name.slice(0, 80)}…` : name);
}

/**
 * One entry's bytes, inflated (call `checkEntry` first): inflation stops at the declared size,
 * so a header that lies cannot make a bomb; the length and CRC-32 must then match.
 */
export function inflateZipEntry(bytes: Uint8Array, e: ZipEntry, what: string): Uint8Array {
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const { dataEnd } = e;
  const damaged = (why: string) => new InputError(`${what} is a damaged zip file: ${JSON.stringify(e.name)} ${why}. Nothing was loaded.`);
  if (e.localOffset + 30 > dataEnd || view.getUint32(e.localOffset, true) !== LOCAL) throw damaged('has no local header');
  const start = e.localOffset + 30 + view.getUint16(e.localOffset + 26, true) + view.getUint16(e.localOffset + 28, true);
  if (start + e.compressed > dataEnd) throw damaged('is cut short');
  const packed = bytes.subarray(start, start + e.compressed);
  let out: Uint8Array;
  // A copy through the constructor: a Node Buffer's `slice` would share the file's memory.
  if (e.method === 0) out = new Uint8Array(packed);
  else {
    out = new Uint8Array(e.size);
    let written = 0;
    const inflater = new Inflate((chunk) => {
      if (written + chunk.length > e.size) throw damaged('inflates past its declared size');
      out.set(chunk, written);
      written += chunk.length;
    });
    const CHUNK = 1 << 20;
    try {
      for (let i = 0; i < packed.length || i === 0; i += CHUNK) inflater.push(packed.subarray(i, i + CHUNK), i + CHUNK >= packed.length);
    } catch (err) {
      if (err instanceof InputError) throw err;
      throw damaged(`does not inflate (${(err as Error).message})`);
    }
    if (written !== e.size) throw damaged(`inflates to ${written} bytes, not the ${e.size} declared`);
  }
  if (crc32(out) !== e.crc) throw damaged('fails its checksum');
  return out;
}

/** The end-of-central-directory record's offset, or -1: it lies in the last 22 + 65,535 bytes. */
function findEnd(view: DataView): number {
  for (let i = view.byteLength - 22; i >= Math.max(0, view.byteLength - 22 - 0xffff); i--) {
    if (view.getUint32(i, true) === EOCD && i + 22 + view.getUint16(i + 20, true) === view.byteLength) return i;
  }
  return -1;
}

const CRC_TABLE = Uint32Array.from({ length: 256 }, (_, n) => {
  let c = n;
  for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
  return c >>> 0;
});

function crc32(data: Uint8Array): number {
  let c = 0xffffffff;
  for (let i = 0; i < data.length; i++) c = CRC_TABLE[(c ^ data[i]) & 0xff] ^ (c >>> 8);
  return (c ^ 0xffffffff) >>> 0;
}

function mb(bytes: number): string {
  return `${(bytes / 1e6).toLocaleString('en-US', { maximumFractionDigits: 1 })} MB`;
}
