/**
 * Fresh unique IDs shaped like the seed's: a seed of `CUST-0042` gives `CUST-1043`, … ;
 * numbering starts past the largest number in the seed, so no synthetic ID equals a real one.
 */
export class IdGenerator {
  private readonly prefix: string;
  private readonly width: number;
  private readonly first: number;

  constructor(values: (string | null)[]) {
    const sample = values.find((v): v is string => v !== null) ?? '';
    const m = /^(.*?)(\d+)$/.exec(sample.trim());
    this.prefix = m ? m[1] : sample.trim() ? `${sample.trim().slice(0, 8)}-` : 'id-';
    this.width = m ? m[2].length : 1;
    let max = 0;
    for (const v of values) {
      const d = v === null ? null : /(\d+)$/.exec(v.trim());
      if (d) max = Math.max(max, Number(d[1]));
    }
    this.first = max + 1;
  }

  /** IDs for output rows `from` … `from + rows - 1`. */
  take(rows: number, from: number): string[] {
    return Array.from({ length: rows }, (_, i) => this.prefix + String(this.first + from + i).padStart(this.width, '0'));
  }
}
