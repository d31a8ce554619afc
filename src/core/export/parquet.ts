import { parquetWriteBuffer } from 'hyparquet-writer';
import type { Table } from '../data/table';
import type { NumberReaders } from './numbers';

/** One Parquet file: numeric columns as DOUBLE, the rest as UTF-8 strings as the seed wrote them. */
export function toParquet(table: Table, readers: NumberReaders): ArrayBuffer {
  return parquetWriteBuffer({
    columnData: table.names.map((name, c) => {
      const read = readers[c];
      return read
        ? { name, data: table.columns[c].map((v) => (v === null ? null : read(v))), type: 'DOUBLE' as const }
        : { name, data: table.columns[c], type: 'STRING' as const };
    }),
  });
}
