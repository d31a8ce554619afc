import { parquetWriteBuffer } from 'hyparquet-writer';
import type { ColumnKind } from '../data/schema';
import type { Table } from '../data/table';

/** One Parquet file: numeric columns as DOUBLE, the rest as UTF-8 strings as the seed wrote them. */
export function toParquet(table: Table, kinds: ColumnKind[]): ArrayBuffer {
  return parquetWriteBuffer({
    columnData: table.names.map((name, c) =>
      kinds[c] === 'numeric'
        ? { name, data: table.columns[c].map((v) => (v === null ? null : Number(v))), type: 'DOUBLE' as const }
        : { name, data: table.columns[c], type: 'STRING' as const },
    ),
  });
}
