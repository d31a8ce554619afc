// The last run of digits, and the text around it: `CUST-0042`, `user7@example.com`.
const NUMBERED_RE = /^(.*?)(\d+)(\D*)$/;

/**
 * Fresh unique IDs shaped like the seed's: a seed of `CUST-0042` gives `CUST-1043`, … , and
 * `user7@example.com` gives `user1043@example.com`; numbering starts past the largest number
 * in the seed, so no synthetic ID equals a real one.
 */
export class IdGenerator {
  private readonly prefix: string;
  private readonly suffix: string;
  private readonly width: number;
  private readonly first: number;

  constructor(values: (string | null)[]) {
    const sample = values.find((v): v is string => v !== null)?.trim() ?? '';
    const m = NUMBERED_RE.exec(sample);
    this.prefix = m ? m[1] : sample ? `${sample.slice(0, 8)}-` : 'id-';
    this.suffix = m ? m[3] : '';
    this.width = m ? m[2].length : 1;
    let max = 0;
    for (const v of values) {
      const d = v === null ? null : NUMBERED_RE.exec(v.trim());
      if (d) max = Math.max(max, Number(d[2]));
    }
    this.first = max + 1;
  }

  /** IDs for output rows `from` … `from + rows - 1`. */
  take(rows: number, from: number): string[] {
    return Array.from({ length: rows }, (_, i) => this.prefix + String(this.first + from + i).padStart(this.width, '0') + this.suffix);
  }
}
