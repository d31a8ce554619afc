import { parquetMetadata, parquetReadObjects, parquetSchema, type FileMetaData, type SchemaElement, type SchemaTree } from 'hyparquet';
import { requireColumnCount, sourceName } from './limits';
import { uniqueNames, type Rename } from './names';
import { tableFromObjects } from './parse';
import { type Table } from './table';
import { InputError } from '../util/errors';

/** Reads a Parquet file; `fileName` names it in messages. */
export async function parseParquet(buffer: ArrayBuffer, fileName?: string): Promise<Table> {
  let rows: Record<string, unknown>[];
  let metadata: FileMetaData;
  let renamed: Rename[];
  try {
    metadata = parquetMetadata(buffer);
    // The footer says how wide the table is, so a table too wide is refused before any row is decoded.
    requireColumnCount(parquetSchema(metadata).children.length, sourceName(fileName));
    renamed = renameDuplicates(metadata);
    rows = await parquetReadObjects({ file: buffer, metadata });
  } catch (err) {
    if (err instanceof InputError) throw err;
    throw new InputError(`The Parquet file could not be read (${(err as Error).message}). Check that it is a valid Parquet file.`);
  }
  writeDates(rows, parquetSchema(metadata).children);
  const table = tableFromObjects(rows, fileName);
  return renamed.length ? { ...table, renamed } : table;
}

/**
 * Gives repeated top-level column names unique ones in the metadata itself: the reader returns rows
 * as objects keyed by name, where a second `a` would overwrite the first.
 */
function renameDuplicates(metadata: FileMetaData): Rename[] {
  const top = parquetSchema(metadata).children;
  const { names, renamed } = uniqueNames(top.map((c) => c.element.name));
  if (renamed.length === 0) return [];
  // Each row group's column chunks follow the schema's leaves in order; a top-level column owns as many as it has leaves.
  const owners = top.flatMap((c, i) => Array<string>(leafCount(c)).fill(names[i]));
  for (const group of metadata.row_groups) {
    group.columns.forEach((chunk, j) => {
      if (chunk.meta_data) chunk.meta_data.path_in_schema[0] = owners[j];
    });
  }
  top.forEach((c, i) => (c.element.name = names[i]));
  return renamed;
}

function leafCount(node: SchemaTree): number {
  return node.children.length === 0 ? 1 : node.children.reduce((n, c) => n + leafCount(c), 0);
}

/**
 * The reader gives DATE and TIMESTAMP values as Dates. A date is written as one (`2021-03-04`, not
 * midnight UTC), and a local timestamp without the `Z` it does not have.
 */
function writeDates(rows: Record<string, unknown>[], columns: SchemaTree[]): void {
  for (const { element } of columns) {
    const text = dateText(element);
    if (!text) continue;
    for (const row of rows) {
      const value = row[element.name];
      if (value instanceof Date) row[element.name] = text(value);
    }
  }
}

function dateText(element: SchemaElement): ((d: Date) => string) | null {
  if (element.converted_type === 'DATE' || element.logical_type?.type === 'DATE') return (d) => d.toISOString().slice(0, 10);
  if (element.logical_type?.type === 'TIMESTAMP' && !element.logical_type.isAdjustedToUTC) return (d) => d.toISOString().slice(0, -1);
  return null;
}
