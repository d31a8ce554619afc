import { requireCellLength, requireColumnCount, requireNameLength, sourceName } from './limits';
import { uniqueNames, type Rename } from './names';
import { isMissingToken, type Spellings, type Table } from './table';
import { InputError } from '../util/errors';

export interface BuilderOptions {
  /** The file's name, for messages. */
  fileName?: string;
  /** False where the header was made from the rows' keys (JSON, Parquet), so row 1 is the first data row. */
  headerInFile?: boolean;
}

/**
 * Collects parsed rows chunk by chunk, so a large file never needs a row-major copy.
 * The first row is the header.
 */
export class TableBuilder {
  private names: string[] | null = null;
  private columns: (string | null)[][] = [];
  private missing: Map<string, number>[] = [];
  private renamed: Rename[] = [];
  private line = 0;
  private readonly source: string;
  private readonly headerRows: number;

  constructor(options: BuilderOptions = {}) {
    this.source = sourceName(options.fileName);
    this.headerRows = options.headerInFile === false ? 1 : 0;
  }

  addRows(rows: string[][]): void {
    for (const row of rows) {
      this.line++;
      if (this.names === null) {
        // Limits are checked before anything is built, so a table the studio refuses costs little.
        requireColumnCount(row.length, this.source);
        row.forEach(requireNameLength);
        const unique = uniqueNames(row);
        this.names = unique.names;
        this.renamed = unique.renamed;
        this.columns = this.names.map(() => []);
        this.missing = this.names.map(() => new Map());
        continue;
      }
      if (row.length === 1 && row[0] === '') continue;
      if (row.length !== this.names.length) {
        throw new InputError(
          `Row ${this.line} has ${row.length} fields but the header has ${this.names.length}. ` +
            'Check the delimiter and quoting of that row, then load the file again.',
        );
      }
      for (let c = 0; c < row.length; c++) {
        const cell = row[c];
        requireCellLength(cell, this.line - this.headerRows, this.names[c]);
        if (isMissingToken(cell)) {
          this.columns[c].push(null);
          this.missing[c].set(cell, (this.missing[c].get(cell) ?? 0) + 1);
        } else this.columns[c].push(cell);
      }
    }
  }

  finish(delimiter?: string): Table {
    if (this.names === null) throw new InputError('The file is empty. Choose a file with a header row and at least two data rows.');
    const rowCount = this.columns[0]?.length ?? 0;
    if (rowCount < 2) {
      throw new InputError(
        `The file has ${rowCount === 0 ? 'a header but no data rows' : 'only one data row'}. ` +
          'A model needs many rows to learn from: choose a file with at least two (ideally hundreds of) rows.',
      );
    }
    // A stable sort keeps the first-seen spelling ahead on a tie.
    const missingSpellings = this.missing.map((m): Spellings => [...m].sort((a, b) => b[1] - a[1]));
    const table: Table = { names: this.names, columns: this.columns, rowCount, missingSpellings, delimiter: delimiter === ',' ? undefined : delimiter };
    return this.renamed.length ? { ...table, renamed: this.renamed } : table;
  }
}
