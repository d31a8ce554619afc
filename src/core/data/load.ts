import { decodeText } from './encoding';
import { parseParquet } from './parquet';
import { assertText, formatOf, parseDelimitedText, parseJsonText } from './parse';
import { type Table } from './table';
import { InputError } from '../util/errors';

/** Reads a whole file held in memory (the CLI, tests, JSON and Parquet in the app); the worker streams CSV instead. */
export async function loadTable(fileName: string, bytes: Uint8Array): Promise<Table> {
  const format = formatOf(fileName);
  if (bytes.length === 0) throw new InputError(`"${fileName}" is empty. Choose a file that contains a table.`);
  if (format === 'parquet') return parseParquet(bytes.buffer.slice(bytes.byteOffset, bytes.byteOffset + bytes.byteLength) as ArrayBuffer, fileName);
  assertText(bytes.subarray(0, 8192), fileName);
  const { text, encoding, bom } = await decodeText(bytes);
  return { ...(format === 'json' ? parseJsonText(text, fileName) : parseDelimitedText(text, undefined, fileName)), encoding, ...(bom && { bom }) };
}
