import { byFrequency } from '../data/frequency';
import { MAX_NOTES } from '../data/schema';
import { fromJsonNumber, toJsonNumber, type JsonNumber } from '../util/json';
import type { Rng } from '../util/rng';
import { codecFromSpec, type CodecSpec } from './codecs';
import { fitMixture, type Mixture } from './mixture';
import { argmax, type ColumnEncoder, type Span } from './types';

/** How a continuous column reads and writes its values. */
export interface NumberCodec {
  read(text: string): number;
  write(x: number): string;
  min: number;
  max: number;
  /** What the codec is built from (`codecFromSpec`); a codec without one cannot be saved. */
  spec?: CodecSpec;
}

/** A fitted ContinuousEncoder as plain data. */
export interface ContinuousState {
  codec: CodecSpec;
  bounds: { min: JsonNumber; max: JsonNumber } | null;
  mixture: Mixture;
  points: number[];
  notes: string[];
  hasMissing: boolean;
}

/** The interval decoded values must fall in; either end may be infinite. */
export interface Bounds {
  min: number;
  max: number;
}

export interface ContinuousOptions {
  /** A value that carries at least this share of a column becomes its own point mass. */
  pointMassShare: number;
  /**
   * So does one that carries this share of the values no larger point mass took, when it also
   * carries `minPointMassShare` of the column: the spikes among the non-zero values of a
   * zero-inflated column (capital gains of exactly 15,024) are a category in all but name.
   */
  remainderShare: number;
  minPointMassShare: number;
  maxPointMasses: number;
  /**
   * When what the point masses leave holds at most this many distinct values, those become
   * point masses too: a mixture fitted to two or three values is a few narrow modes, and every
   * scalar the generator puts in the upper half of the last one rounds to the seed's maximum.
   * Patients' visits of 9 and 10 (3 rows in 1,200, past point masses 0 to 8) were such a mode;
   * synthetic rows held 10 visits 8 times where the seed has it once.
   */
  maxRemainderValues: number;
}

export const DEFAULT_CONTINUOUS: ContinuousOptions = { pointMassShare: 0.05, remainderShare: 0.05, minPointMassShare: 0.005, maxPointMasses: 10, maxRemainderValues: 4 };


// Scalars are (x - mean) / (4 std), so ±4 standard deviations map onto tanh's range.
const SPREAD = 4;

/**
 * Mode-specific normalisation (CTGAN §4.2): a row becomes [scalar within mode, one-hot of
 * mode], where the modes are the mixture's, then the column's point masses, then its notes
 * (texts that are not numbers, written back as they are), then "missing".
 */
export class ContinuousEncoder implements ColumnEncoder {
  readonly discrete = false;
  readonly spans: Span[];
  readonly width: number;
  private readonly codec: NumberCodec;
  private readonly bounds: Bounds | null;
  private readonly mixture: Mixture;
  private readonly points: number[];
  private readonly notes: string[];
  private readonly hasMissing: boolean;

  /**
   * Fitted to `values`, or rebuilt from a saved state. `bounds`: decoded values stay within
   * them (a value outside is redrawn, never clamped); null lets them go where the model puts
   * them; left out, they are the codec's.
   */
  constructor(values: (string | null)[], codec: NumberCodec, rng: Rng, bounds?: Bounds | null, options?: ContinuousOptions);
  constructor(state: ContinuousState);
  constructor(source: (string | null)[] | ContinuousState, codec?: NumberCodec, rng?: Rng, bounds?: Bounds | null, options = DEFAULT_CONTINUOUS) {
    if (Array.isArray(source)) {
      this.codec = codec!;
      this.bounds = bounds === undefined ? { min: codec!.min, max: codec!.max } : bounds;
      [this.mixture, this.points, this.notes, this.hasMissing] = fitContinuous(source, codec!, rng!, options);
    } else {
      const state = source as ContinuousState;
      this.codec = codecFromSpec(state.codec);
      this.bounds = state.bounds && { min: fromJsonNumber(state.bounds.min), max: fromJsonNumber(state.bounds.max) };
      this.mixture = state.mixture;
      this.points = state.points;
      this.notes = state.notes;
      this.hasMissing = state.hasMissing;
    }
    const modes = this.mixture.means.length + this.points.length + this.notes.length + (this.hasMissing ? 1 : 0);
    this.spans = [
      { start: 0, size: 1, activation: 'tanh' },
      { start: 1, size: modes, activation: 'softmax' },
    ];
    this.width = 1 + modes;
  }

  /** The fitted encoder as plain data, for `new ContinuousEncoder(state)`. */
  toState(): ContinuousState {
    if (!this.codec.spec) throw new Error("This column's codec was not built from a spec, so it cannot be saved.");
    const bounds = this.bounds && { min: toJsonNumber(this.bounds.min), max: toJsonNumber(this.bounds.max) };
    return { codec: this.codec.spec, bounds, mixture: this.mixture, points: this.points, notes: this.notes, hasMissing: this.hasMissing };
  }

  /** The mode slot of a missing value (the last), or -1 when the seed has none. */
  get missingMode(): number {
    return this.hasMissing ? this.width - 2 : -1;
  }

  /**
   * A value the generator put outside the seed's range, drawn again from its mode truncated to
   * that range. Clamping it instead piled values onto the seed's exact minimum and maximum
   * (16.8 % of a small table's rows held its smallest spend), distorting the shape and
   * disclosing the extremes.
   */
  private redraw({ min, max }: Bounds, mode: number, rng: Rng): number {
    const mean = this.mixture.means[mode];
    const std = this.mixture.stds[mode];
    for (let t = 0; t < REDRAW_TRIES; t++) {
      const x = mean + std * rng.normal();
      if (x >= min && x <= max) return x;
    }
    // A mode mostly outside the range: uniform over the part of it within two deviations.
    const lo = Math.max(min, mean - 2 * std);
    const hi = Math.min(max, mean + 2 * std);
    if (lo <= hi) return lo + (hi - lo) * rng.next();
    // A half-open bound (spend ≥ 0 with no seed maximum): the bound itself, nudged inside by the mode's spread.
    return Number.isFinite(max - min) ? min + (max - min) * rng.next() : Number.isFinite(min) ? min + std * rng.next() : max - std * rng.next();
  }

  get modeCount(): number {
    return this.mixture.means.length;
  }

  /** Where its point masses' slots sit in the encoded row, from its first slot (the scalar). */
  get pointSlots(): number[] {
    return this.points.map((_, i) => 1 + this.mixture.means.length + i);
  }

  encode(values: (string | null)[], out: Float32Array, stride: number, offset: number, rng: Rng): void {
    const mix = this.mixture;
    const k = mix.means.length;
    // log(weight / std) and 1 / std per mode, so each value costs k exponentials and no logarithm.
    const base = mix.weights.map((w, j) => Math.log(w / mix.stds[j]));
    const inverse = mix.stds.map((sd) => 1 / sd);
    const probs = new Float64Array(k);
    const pointIndex = new Map(this.points.map((p, j) => [p, j]));
    const noteSlot = new Map(this.notes.map((n, j) => [n, 1 + k + this.points.length + j]));
    for (let r = 0; r < values.length; r++) {
      const at = r * stride + offset;
      const text = values[r];
      const x = text === null ? NaN : this.codec.read(text);
      if (Number.isNaN(x)) {
        out[at + ((text !== null && noteSlot.get(text)) || this.width - 1)] = 1;
        continue;
      }
      const point = pointIndex.get(x);
      if (point !== undefined || k === 0) {
        out[at + 1 + k + (point ?? nearest(this.points, x))] = 1;
        continue;
      }
      // The mode is drawn from its posterior, not taken as the argmax, as in the paper.
      let max = -Infinity;
      for (let j = 0; j < k; j++) {
        const u = (x - mix.means[j]) * inverse[j];
        probs[j] = base[j] - 0.5 * u * u;
        if (probs[j] > max) max = probs[j];
      }
      let total = 0;
      for (let j = 0; j < k; j++) total += probs[j] = Math.exp(probs[j] - max);
      const mode = rng.draw(probs, 0, k, total);
      const scalar = (x - mix.means[mode]) / (SPREAD * mix.stds[mode]);
      out[at] = Math.max(-0.99, Math.min(0.99, scalar));
      out[at + 1 + mode] = 1;
    }
  }

  /** `x` written as the seed writes this column's numbers. */
  write(x: number): string {
    return this.codec.write(x);
  }

  decode(data: Float32Array, stride: number, offset: number, rows: number, rng: Rng): (string | null)[] {
    const mix = this.mixture;
    const k = mix.means.length;
    const out: (string | null)[] = new Array(rows);
    for (let r = 0; r < rows; r++) {
      const at = r * stride + offset;
      const mode = argmax(data, at + 1, this.width - 1);
      if (mode >= k + this.points.length) {
        out[r] = this.notes[mode - k - this.points.length] ?? null;
        continue;
      }
      let x: number;
      if (mode >= k) x = this.points[mode - k];
      else {
        const scalar = Math.max(-1, Math.min(1, data[at]));
        x = scalar * SPREAD * mix.stds[mode] + mix.means[mode];
        if (this.bounds && !(x >= this.bounds.min && x <= this.bounds.max)) {
          // A hair outside is float32 rounding of a value on the edge (the seed's own minimum): kept there.
          const slack = EDGE_SLACK * mix.stds[mode];
          if (x >= this.bounds.min - slack && x <= this.bounds.max + slack) x = Math.max(this.bounds.min, Math.min(this.bounds.max, x));
          else x = this.redraw(this.bounds, mode, rng);
        }
      }
      out[r] = this.codec.write(x);
    }
    return out;
  }
}

/** How far past a bound, in the mode's deviations, a value is float rounding rather than a stray. */
const EDGE_SLACK = 1e-4;
/** Tries at a draw inside the seed's range before falling back to a uniform one. */
const REDRAW_TRIES = 16;

/** The mixture, point masses, notes and whether any value is missing, fitted to a column's values. */
function fitContinuous(values: (string | null)[], codec: NumberCodec, rng: Rng, options: ContinuousOptions): [Mixture, number[], string[], boolean] {
  const numbers: number[] = [];
  const texts = new Map<string, number>();
  let missing = 0;
  for (const v of values) {
    const x = v === null ? NaN : codec.read(v);
    if (!Number.isNaN(x)) numbers.push(x);
    else if (v === null) missing++;
    else texts.set(v, (texts.get(v) ?? 0) + 1);
  }
  const ranked = byFrequency(texts);
  // Up to as many notes as a column may have; rarer texts (in a column the user made numeric) are missing.
  const notes = ranked.slice(0, MAX_NOTES).map(([text]) => text);
  for (const [, count] of ranked.slice(MAX_NOTES)) missing += count;
  const points = pointMasses(numbers, options);
  const pointSet = new Set(points);
  const rest = numbers.filter((x) => !pointSet.has(x));
  const mixture = rest.length >= 2 ? fitMixture(rest, rng) : { weights: [], means: [], stds: [] };
  return [mixture, points, notes, missing > 0];
}

function pointMasses(numbers: number[], options: ContinuousOptions): number[] {
  const counts = new Map<number, number>();
  for (const x of numbers) counts.set(x, (counts.get(x) ?? 0) + 1);
  const n = numbers.length;
  const byCount = [...counts.entries()].sort((a, b) => b[1] - a[1]);
  const points: number[] = [];
  let left = n;
  for (const [x, c] of byCount) {
    const spike = c >= options.remainderShare * left && c >= options.minPointMassShare * n;
    if (points.length >= options.maxPointMasses || (c < options.pointMassShare * n && !spike)) break;
    points.push(x);
    left -= c;
  }
  const rest = byCount.slice(points.length);
  return points.length > 0 && rest.length <= options.maxRemainderValues ? byCount.map(([x]) => x) : points;
}

function nearest(points: number[], x: number): number {
  let best = 0;
  for (let j = 1; j < points.length; j++) if (Math.abs(points[j] - x) < Math.abs(points[best] - x)) best = j;
  return best;
}
