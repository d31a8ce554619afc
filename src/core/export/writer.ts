import type { ColumnSchema } from '../data/schema';
import { joinTables, type Table } from '../data/table';
import { csvHeader, csvRows, MissingSpeller } from './csv';
import { jsonCells, jsonRows } from './json';
import { toParquet } from './parquet';

export type ExportFormat = 'csv' | 'json' | 'parquet';

export const MIME: Record<ExportFormat, string> = {
  csv: 'text/csv',
  json: 'application/json',
  parquet: 'application/vnd.apache.parquet',
};

/** Turns generated chunks into file parts as they arrive, so large outputs never need one big string. */
export interface ChunkWriter {
  add(chunk: Table): (string | ArrayBuffer)[];
  finish(): (string | ArrayBuffer)[];
}

/**
 * `columns`: the schema of each output column, in order. `bom` starts a CSV with UTF-8's
 * byte-order mark, for seeds from tools (Excel on Windows) that read a file without one in
 * their own code page and would show `MatÃ©riel` for `Matériel`; `newline` ends its lines.
 */
export function createWriter(format: ExportFormat, columns: ColumnSchema[], { bom = false, newline = '\n' } = {}): ChunkWriter {
  if (format === 'csv') {
    let speller: MissingSpeller | null = null;
    return {
      add(chunk) {
        const first = speller === null;
        speller ??= new MissingSpeller(chunk.missingSpellings);
        const rows = csvRows(chunk, speller, newline);
        return first ? [(bom ? '\uFEFF' : '') + csvHeader(chunk, newline), rows] : [rows];
      },
      finish: () => [],
    };
  }
  if (format === 'json') {
    const cells = jsonCells(columns);
    let first = true;
    return {
      add(chunk) {
        const body = jsonRows(chunk, cells);
        const part = (first ? '[\n' : ',\n') + body;
        first = false;
        return [part];
      },
      finish: () => [first ? '[]\n' : '\n]\n'],
    };
  }
  const chunks: Table[] = [];
  return {
    add(chunk) {
      chunks.push(chunk);
      return [];
    },
    finish() {
      if (chunks.length === 0) return [];
      return [toParquet(joinTables(chunks), columns)];
    },
  };
}
