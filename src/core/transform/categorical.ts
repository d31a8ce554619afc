import { byFrequency } from '../data/frequency';
import { cumulativeOf, type Rng } from '../util/rng';
import { argmax, type ColumnEncoder, type Span } from './types';

export const MAX_CATEGORIES = 100;

/** A fitted CategoricalEncoder as plain data: its slots, and the rare values its "other" slot stands for. */
export interface CategoricalState {
  labels: (string | null)[];
  frequencies: number[];
  rare: string[];
  rareCounts: number[];
  otherSlot: number;
  missingSlot: number;
}

/**
 * One-hot over the column's most frequent categories, one "other" slot for the rarer ones
 * (decoded by drawing from them at their seed frequencies) and one slot for missing.
 * Categories come only from the seed, written exactly as the seed wrote them.
 */
export class CategoricalEncoder implements ColumnEncoder {
  readonly discrete = true;
  readonly spans: Span[];
  readonly width: number;
  /** Seed frequency of each slot, in slot order. */
  readonly frequencies: number[];
  readonly labels: (string | null)[];
  private readonly index = new Map<string, number>();
  private readonly rare: string[];
  private readonly rareCounts: number[];
  private readonly rareCumulative: Float64Array;
  private readonly otherSlot: number;
  /** The slot of a missing value, or -1 when the seed has none. */
  readonly missingSlot: number;

  /** Fitted to a column's values, or rebuilt from a saved state. */
  constructor(source: (string | null)[] | CategoricalState, maxCategories = MAX_CATEGORIES) {
    const state = Array.isArray(source) ? fitCategories(source, maxCategories) : (source as CategoricalState);
    this.labels = state.labels;
    this.frequencies = state.frequencies;
    this.rare = state.rare;
    this.rareCounts = state.rareCounts;
    this.rareCumulative = cumulativeOf(state.rareCounts);
    this.otherSlot = state.otherSlot;
    this.missingSlot = state.missingSlot;
    this.labels.forEach((v, j) => {
      if (v !== null) this.index.set(v, j);
    });
    for (const v of this.rare) this.index.set(v, this.otherSlot);
    this.width = this.labels.length;
    this.spans = [{ start: 0, size: this.width, activation: 'softmax' }];
  }

  /** The fitted encoder as plain data, for `new CategoricalEncoder(state)`. */
  toState(): CategoricalState {
    const { labels, frequencies, rare, rareCounts, otherSlot, missingSlot } = this;
    return { labels, frequencies, rare, rareCounts, otherSlot, missingSlot };
  }

  /** The slot a seed value encodes to, or -1 for a value the seed never had. */
  slotOf(value: string | null): number {
    if (value === null) return this.missingSlot;
    return this.index.get(value) ?? -1;
  }

  encode(values: (string | null)[], out: Float32Array, stride: number, offset: number): void {
    for (let r = 0; r < values.length; r++) {
      const slot = this.slotOf(values[r]);
      if (slot >= 0) out[r * stride + offset + slot] = 1;
    }
  }

  decode(data: Float32Array, stride: number, offset: number, rows: number, rng: Rng): (string | null)[] {
    const out: (string | null)[] = new Array(rows);
    for (let r = 0; r < rows; r++) out[r] = this.valueOf(argmax(data, r * stride + offset, this.width), rng);
    return out;
  }

  valueOf(slot: number, rng: Rng): string | null {
    if (slot === this.missingSlot) return null;
    if (slot === this.otherSlot) return this.rare[rng.pick(this.rareCumulative)];
    return this.labels[slot];
  }
}

/** Slots for the most frequent values, one "other" slot for the rest (when any) and one for missing (when any). */
function fitCategories(values: (string | null)[], maxCategories: number): CategoricalState {
  const counts = new Map<string, number>();
  let missing = 0;
  for (const v of values) {
    if (v === null) missing++;
    else counts.set(v, (counts.get(v) ?? 0) + 1);
  }
  const ranked = byFrequency(counts);
  const kept = ranked.length > maxCategories ? ranked.slice(0, maxCategories - 1) : ranked;
  const rare = ranked.slice(kept.length);
  const labels: (string | null)[] = kept.map(([v]) => v);
  const frequencies = kept.map(([, c]) => c);
  let otherSlot = -1;
  if (rare.length > 0) {
    otherSlot = labels.length;
    labels.push(null);
    frequencies.push(rare.reduce((s, [, c]) => s + c, 0));
  }
  let missingSlot = -1;
  if (missing > 0) {
    missingSlot = labels.length;
    labels.push(null);
    frequencies.push(missing);
  }
  return { labels, frequencies, rare: rare.map(([v]) => v), rareCounts: rare.map(([, c]) => c), otherSlot, missingSlot };
}
