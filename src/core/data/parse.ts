import Papa from 'papaparse';
import { parquetReadObjects } from 'hyparquet';
import { TableBuilder } from './builder';
import { InputError, type Table } from './table';

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
  let control = 0;
  for (const b of head) {
    if (b === 0) control += 10;
    else if (b < 9 || (b > 13 && b < 32)) control++;
  }
  if (control > head.length * 0.01) {
    throw new InputError(`"${fileName}" looks like a binary file, not a text table. Export it as CSV or Parquet and try again.`);
  }
}

/** Parses delimited text in one go (Node and tests); the worker streams a Blob instead. */
export function parseDelimitedText(text: string): Table {
  const builder = new TableBuilder();
  const result = Papa.parse<string[]>(text.replace(/^\uFEFF/, ''), { skipEmptyLines: 'greedy' });
  throwOnQuoteErrors(result.errors);
  builder.addRows(result.data);
  return builder.finish(result.meta.delimiter);
}

/** Streams a Blob through papaparse in chunks; `onProgress` gets the share of bytes read. */
export function parseDelimitedBlob(blob: Blob, onProgress?: (share: number) => void): Promise<Table> {
  const builder = new TableBuilder();
  return new Promise((resolve, reject) => {
    let failed = false;
    let delimiter: string | undefined;
    Papa.parse<string[]>(blob as File, {
      skipEmptyLines: 'greedy',
      chunkSize: 4 * 1024 * 1024,
      chunk: (result, parser) => {
        try {
          throwOnQuoteErrors(result.errors);
          builder.addRows(result.data);
          delimiter ??= result.meta.delimiter;
          onProgress?.(Math.min(1, result.meta.cursor / blob.size));
        } catch (err) {
          failed = true;
          parser.abort();
          reject(err);
        }
      },
      complete: () => {
        if (failed) return;
        try {
          resolve(builder.finish(delimiter));
        } catch (err) {
          reject(err);
        }
      },
      error: (err) => reject(new InputError(`The file could not be read: ${err.message}`)),
    });
  });
}

function throwOnQuoteErrors(errors: Papa.ParseError[]): void {
  const bad = errors.find((e) => e.type === 'Quotes');
  if (bad) {
    throw new InputError(`Row ${(bad.row ?? 0) + 1} has an unclosed quote. Fix the quoting in the file and load it again.`);
  }
}

export function parseJsonText(text: string): Table {
  let data: unknown;
  try {
    data = JSON.parse(text);
  } catch {
    throw new InputError('The JSON file is not valid JSON. Use an array of objects, one object per row.');
  }
  if (!Array.isArray(data) || data.some((r) => r === null || typeof r !== 'object' || Array.isArray(r))) {
    throw new InputError('The JSON file must be an array of objects, one object per row (for example [{"a": 1}, {"a": 2}]).');
  }
  return tableFromObjects(data as Record<string, unknown>[]);
}

export async function parseParquet(buffer: ArrayBuffer): Promise<Table> {
  let rows: Record<string, unknown>[];
  try {
    rows = await parquetReadObjects({ file: buffer });
  } catch (err) {
    throw new InputError(`The Parquet file could not be read (${(err as Error).message}). Check that it is a valid Parquet file.`);
  }
  return tableFromObjects(rows);
}

function tableFromObjects(rows: Record<string, unknown>[]): Table {
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
  const builder = new TableBuilder();
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
