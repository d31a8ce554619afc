import { parquetWriteBuffer } from 'hyparquet-writer';
import type { Table } from '../data/table';
import type { NumberReaders } from './numbers';

/** One Parquet file: numeric columns as DOUBLE (as text where they hold notes), the rest as UTF-8 strings as the seed wrote them. */
export function toParquet(table: Table, readers: NumberReaders): ArrayBuffer {
  return parquetWriteBuffer({
    columnData: table.names.map((name, c) => {
      const read = readers[c];
      const numbers = read ? table.columns[c].map((v) => (v === null ? null : read(v))) : null;
      // A column whose numbers carry notes ("unknown") is written as text, notes and all.
      return numbers && !numbers.some((x) => Number.isNaN(x))
        ? { name, data: numbers, type: 'DOUBLE' as const }
        : { name, data: table.columns[c], type: 'STRING' as const };
    }),
  });
}
