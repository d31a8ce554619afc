import type { Layout } from '../transform/transformer';
import { cumulativeOf, type Rng } from './rng';

/** A batch of conditions: one-hot [batch, condWidth], one active discrete column per row. */
export interface ConditionBatch {
  cond: Float32Array;
  /** Real rows that carry each condition (training only). */
  rows: Int32Array;
}

/** A request to fix one discrete column at one category slot for every generated row. */
export interface FixedCondition {
  discreteIndex: number;
  slot: number;
}

/**
 * Training-by-sampling (CTGAN §4.3): pick a discrete column uniformly, a category by its
 * log-frequency, and a real row with that category, so rare categories are learnt too.
 */
export class ConditionSampler {
  readonly width: number;
  readonly columns: number;
  private readonly offsets: number[];
  private readonly rowsBySlot: Int32Array[][];
  private readonly logCumulative: Float64Array[];
  private readonly freqCumulative: Float64Array[];

  constructor(data: Float32Array, private readonly rowCount: number, private readonly layout: Layout) {
    this.columns = layout.discrete.length;
    this.offsets = [];
    let width = 0;
    for (const d of layout.discrete) {
      this.offsets.push(width);
      width += d.size;
    }
    this.width = width;
    this.rowsBySlot = layout.discrete.map((d) => {
      const lists: number[][] = Array.from({ length: d.size }, () => []);
      for (let r = 0; r < rowCount; r++) {
        const at = r * layout.width + d.offset;
        for (let j = 0; j < d.size; j++) {
          if (data[at + j] === 1) {
            lists[j].push(r);
            break;
          }
        }
      }
      return lists.map((l) => Int32Array.from(l));
    });
    this.logCumulative = this.rowsBySlot.map((lists) => cumulativeOf(lists.map((l) => Math.log(l.length + 1) * (l.length > 0 ? 1 : 0))));
    this.freqCumulative = layout.discrete.map((d) => cumulativeOf(d.frequencies));
  }

  /** Conditions with log-frequency sampling and the real rows that match them. */
  training(batch: number, rng: Rng): ConditionBatch {
    const out = this.empty(batch);
    for (let i = 0; i < batch; i++) {
      if (this.columns === 0) {
        out.rows[i] = rng.int(this.rowCount);
        continue;
      }
      const d = rng.int(this.columns);
      const slot = rng.pick(this.logCumulative[d]);
      this.set(out, i, d, slot);
      const rows = this.rowsBySlot[d][slot];
      out.rows[i] = rows[rng.int(rows.length)];
    }
    return out;
  }

  /** Conditions at the seed's own frequencies, or all fixed to one category, for generation. */
  generation(batch: number, rng: Rng, fixed?: FixedCondition): ConditionBatch {
    const out = this.empty(batch);
    for (let i = 0; i < batch; i++) {
      if (fixed) this.set(out, i, fixed.discreteIndex, fixed.slot);
      else if (this.columns > 0) {
        const d = rng.int(this.columns);
        this.set(out, i, d, rng.pick(this.freqCumulative[d]));
      }
    }
    return out;
  }

  private empty(batch: number): ConditionBatch {
    return {
      cond: new Float32Array(batch * this.width),
      rows: new Int32Array(batch),
    };
  }

  private set(out: ConditionBatch, row: number, d: number, slot: number): void {
    out.cond[row * this.width + this.offsets[d] + slot] = 1;
  }

  get discrete(): Layout['discrete'] {
    return this.layout.discrete;
  }
}
