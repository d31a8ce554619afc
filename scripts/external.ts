// Hands the bench's training splits to another generator (bench/ctgan/run.py) and reads its rows
// back for the same judge. The other side gets plain numbers: dates as days since 1970, the
// seed's number styles and notes dropped; its rows are written back in the seed's styles.
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { formatDate } from '../src/core/data/dates';
import { PLAIN_STYLE, writeNumber } from '../src/core/data/numbers';
import { parseDelimitedText } from '../src/core/data/parse';
import { isModelled, numberReader, type ColumnSchema } from '../src/core/data/schema';
import type { Table } from '../src/core/data/table';
import { toCsv } from '../src/core/export/csv';

const DAY_MS = 86_400_000;
const isNumber = (c: ColumnSchema) => c.kind === 'numeric' || c.kind === 'datetime';

/** Writes `name`.csv (the modelled columns of `train`, numbers plain) and `name`.json (which columns are discrete). */
export function exportSplit(dir: string, name: string, train: Table, schema: ColumnSchema[]): void {
  mkdirSync(dir, { recursive: true });
  const kept = schema.filter(isModelled);
  const columns = kept.map((c) => {
    const values = train.columns[train.names.indexOf(c.name)];
    if (!isNumber(c)) return values;
    const read = numberReader(c);
    const scale = c.kind === 'datetime' ? DAY_MS : 1;
    return values.map((v) => {
      const x = v === null ? NaN : read(v) / scale;
      return Number.isFinite(x) ? String(x) : null;
    });
  });
  const plain: Table = { names: kept.map((c) => c.name), columns, rowCount: train.rowCount };
  writeFileSync(join(dir, `${name}.csv`), toCsv(plain));
  const discrete = kept.filter((c) => !isNumber(c)).map((c) => c.name);
  writeFileSync(join(dir, `${name}.json`), JSON.stringify({ discrete, rows: train.rowCount }));
}

/** Reads the other generator's `file` and writes its numbers and dates back in the seed's styles. */
export function readExternal(file: string, schema: ColumnSchema[]): Table {
  const table = parseDelimitedText(readFileSync(file, 'utf8'));
  const columns = table.names.map((name, i) => {
    const c = schema.find((s) => s.name === name);
    const values = table.columns[i];
    if (!c || !isNumber(c)) return values;
    return values.map((v) => {
      const x = v === null ? NaN : Number(v);
      if (!Number.isFinite(x)) return null;
      if (c.kind === 'datetime' && c.date) return formatDate(Math.round(x * DAY_MS), c.date);
      return writeNumber(x, c.numeric?.decimals ?? 0, c.numeric?.style ?? PLAIN_STYLE);
    });
  });
  return { ...table, columns };
}
