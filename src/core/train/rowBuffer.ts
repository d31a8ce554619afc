import type { Table } from '../data/table';

/** Decoded rows waiting to be handed out in chunks: rules drop rows, so chunks no longer come out whole. */
export class RowBuffer {
  private parts: Table[] = [];
  private count = 0;

  get rowCount(): number {
    return this.count;
  }

  add(table: Table): void {
    if (table.rowCount === 0) return;
    this.parts.push(table);
    this.count += table.rowCount;
  }

  /** The first `n` buffered rows as one table (n ≤ rowCount). */
  take(n: number): Table {
    const first = this.parts[0];
    const columns = first.columns.map(() => [] as (string | null)[]);
    let left = n;
    while (left > 0) {
      const part = this.parts[0];
      const used = Math.min(left, part.rowCount);
      part.columns.forEach((col, c) => {
        for (let r = 0; r < used; r++) columns[c].push(col[r]);
      });
      if (used === part.rowCount) this.parts.shift();
      else this.parts[0] = { ...part, columns: part.columns.map((col) => col.slice(used)), rowCount: part.rowCount - used };
      left -= used;
    }
    this.count -= n;
    return { ...first, columns, rowCount: n };
  }
}
