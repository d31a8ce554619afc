import Papa from 'papaparse';
import { TableBuilder } from './builder';
import { bomEncoding, decodeText } from './encoding';
import { requireHeaderWithinLimit, sourceName } from './limits';
import { type Table } from './table';
import { InputError } from '../util/errors';

export type SourceFormat = 'csv' | 'json' | 'parquet';

export function formatOf(fileName: string): SourceFormat {
  const ext = fileName.toLowerCase().split('.').pop() ?? '';
  if (ext === 'csv' || ext === 'tsv' || ext === 'txt') return 'csv';
  if (ext === 'json') return 'json';
  if (ext === 'parquet') return 'parquet';
  throw new InputError(
    `"${fileName}" is not a supported file type. Use a CSV or TSV table, a JSON array of objects, or a Parquet file.`,
  );
}

/** Rejects files whose first bytes are clearly not text. */
export function assertText(head: Uint8Array, fileName: string): void {
  if (head.length === 0) throw new InputError(`"${fileName}" is empty. Choose a file that contains a table.`);
  // UTF-16 puts a zero byte beside every ASCII letter, so its characters are counted, not its bytes.
  const bom = bomEncoding(head);
  const text = bom === 'utf-16le' || bom === 'utf-16be' ? new TextDecoder(bom).decode(head) : null;
  const length = text ? text.length : head.length;
  let control = 0;
  for (let i = 0; i < length; i++) {
    const code = text ? text.charCodeAt(i) : head[i];
    if (code === 0) control += 10;
    else if (code < 9 || (code > 13 && code < 32)) control++;
  }
  if (control > length * 0.01) {
    throw new InputError(`"${fileName}" looks like a binary file, not a text table. Export it as CSV or Parquet and try again.`);
  }
}

/** Characters papaparse reads at a time: rows are added chunk by chunk, never as one row-major copy. */
const CHUNK_CHARS = 4 * 1024 * 1024;

/** Parses delimited text; `onProgress` gets the share of the text read; `fileName` names the file in messages. */
export function parseDelimitedText(text: string, onProgress?: (share: number) => void, fileName?: string): Table {
  const source = text.replace(/^\uFEFF/, '');
  requireHeaderWithinLimit(source, sourceName(fileName));
  const builder = new TableBuilder({ fileName });
  let delimiter: string | undefined;
  let newline: string | undefined;
  // Given a string, papaparse calls `chunk` synchronously (its types say files only), and an error thrown there ends the parse.
  Papa.parse<string[]>(source, {
    skipEmptyLines: 'greedy',
    chunkSize: CHUNK_CHARS,
    chunk: (result: Papa.ParseResult<string[]>) => {
      throwOnQuoteErrors(result.errors);
      builder.addRows(result.data);
      delimiter ??= result.meta.delimiter;
      newline ??= result.meta.linebreak;
      onProgress?.(Math.min(1, result.meta.cursor / Math.max(1, source.length)));
    },
    complete: () => undefined,
  });
  const table = builder.finish(delimiter);
  return newline === '\r\n' ? { ...table, newline } : table;
}

/**
 * Decodes a Blob in its own encoding (read 4 MB at a time), then parses it. papaparse's own Blob
 * reader decodes each slice on its own, as UTF-8 or one fixed encoding, which garbles a character
 * split between two slices and Windows-1252 files.
 */
export async function parseDelimitedBlob(blob: Blob, onProgress?: (share: number) => void): Promise<Table> {
  let decoded: Awaited<ReturnType<typeof decodeText>>;
  try {
    decoded = await decodeText(blob);
  } catch (err) {
    throw new InputError(`The file could not be read: ${(err as Error).message}`);
  }
  const fileName = blob instanceof File ? blob.name : undefined;
  return { ...parseDelimitedText(decoded.text, onProgress, fileName), encoding: decoded.encoding, ...(decoded.bom && { bom: true }) };
}

function throwOnQuoteErrors(errors: Papa.ParseError[]): void {
  const bad = errors.find((e) => e.type === 'Quotes');
  if (bad) {
    throw new InputError(`Row ${(bad.row ?? 0) + 1} has an unclosed quote. Fix the quoting in the file and load it again.`);
  }
}

export function parseJsonText(text: string, fileName?: string): Table {
  let data: unknown;
  try {
    data = JSON.parse(text);
  } catch {
    throw new InputError('The JSON file is not valid JSON. Use an array of objects, one object per row.');
  }
  if (!Array.isArray(data) || data.some((r) => r === null || typeof r !== 'object' || Array.isArray(r))) {
    throw new InputError('The JSON file must be an array of objects, one object per row (for example [{"a": 1}, {"a": 2}]).');
  }
  return tableFromObjects(data as Record<string, unknown>[], fileName);
}

/** A table from row objects (JSON, Parquet), columns in the order keys first appear. */
export function tableFromObjects(rows: Record<string, unknown>[], fileName?: string): Table {
  const names: string[] = [];
  const seen = new Set<string>();
  for (const row of rows) {
    for (const key of Object.keys(row)) {
      if (!seen.has(key)) {
        seen.add(key);
        names.push(key);
      }
    }
  }
  const builder = new TableBuilder({ fileName, headerInFile: false });
  builder.addRows([names]);
  builder.addRows(rows.map((row) => names.map((name) => cellText(row[name]))));
  return builder.finish();
}

function cellText(value: unknown): string {
  if (value === null || value === undefined) return '';
  if (value instanceof Date) return value.toISOString();
  if (typeof value === 'bigint') return value.toString();
  if (typeof value === 'object') return JSON.stringify(value);
  return String(value);
}
