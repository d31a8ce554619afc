import { loadTable } from '../data/load';
import { assertText, formatOf, parseDelimitedBlob } from '../data/parse';
import type { Table } from '../data/table';

/**
 * The seed table in a file. A Blob of CSV is decoded and parsed with progress (the app's
 * dropped files, which may be large); bytes and other formats are read whole.
 */
export async function readSeed(name: string, source: Blob | Uint8Array, onShare?: (share: number) => void): Promise<Table> {
  if (source instanceof Uint8Array) return loadTable(name, source);
  if (formatOf(name) !== 'csv') return loadTable(name, new Uint8Array(await source.arrayBuffer()));
  assertText(new Uint8Array(await source.slice(0, 8192).arrayBuffer()), name);
  return parseDelimitedBlob(source, onShare);
}
