import { fromJsonNumber, toJsonNumber, type JsonNumber } from '../util/json';
import type { Rng } from '../util/rng';
import { TIME_UNITS } from '../data/rules';
import type { ColumnSchema } from '../data/schema';
import { codecFromSpec, gapCodecFor, type CodecSpec } from './codecs';
import { ContinuousEncoder, type Bounds, type ContinuousState, type NumberCodec } from './continuous';
import type { ColumnEncoder, Span } from './types';

const { days: DAY_MS, minutes: MINUTE_MS } = TIME_UNITS;

export interface ClockState {
  codec: CodecSpec;
  bounds: { min: JsonNumber; max: JsonNumber } | null;
  day: ContinuousState;
  time: ContinuousState;
}

/**
 * Whether a date column is modelled as its day and its time of day apart: it has a time of day
 * that varies, on more than one day. Modelled whole, as one number over weeks, the hours a seed
 * keeps (shifts that start at 6, 7, 8 or 13 o'clock) are a few minutes' wiggle in it, and
 * generated times fell at any hour of the night.
 */
export function hasClock(column: ColumnSchema, values: (string | null)[], codec: NumberCodec): boolean {
  if (column.kind !== 'datetime' || !column.date || column.date.time === 'none' || column.date.dateless) return false;
  const [days, times] = [new Set<number>(), new Set<number>()];
  for (const v of values) {
    const ms = v === null ? NaN : codec.read(v);
    if (Number.isNaN(ms)) continue;
    days.add(Math.floor(ms / DAY_MS));
    times.add(ms - Math.floor(ms / DAY_MS) * DAY_MS);
    if (days.size > 1 && times.size > 1) return true;
  }
  return false;
}

/**
 * A date with a time of day, modelled as two numbers: the day (days since 1970) and the time of
 * day (minutes after midnight), each a mixture as any number is. A note or a blank goes with
 * the day. Decoded, a time past the seed's last moment on its last day moves back a day (and
 * forward before the first), so values stay within the seed's range without piling up on it.
 */
export class ClockEncoder implements ColumnEncoder {
  readonly discrete = false;
  readonly spans: Span[];
  readonly width: number;
  private readonly codec: NumberCodec;
  private readonly bounds: Bounds | null;
  private readonly day: ContinuousEncoder;
  private readonly time: ContinuousEncoder;

  constructor(values: (string | null)[], codec: NumberCodec, rng: Rng, bounds: Bounds | null);
  constructor(state: ClockState);
  constructor(source: (string | null)[] | ClockState, codec?: NumberCodec, rng?: Rng, bounds?: Bounds | null) {
    if (Array.isArray(source)) {
      this.codec = codec!;
      this.bounds = bounds ?? null;
      const [days, times] = this.split(source);
      const dayCodec = gapCodecFor(days, -Infinity);
      this.day = new ContinuousEncoder(days, dayCodec, rng!, this.bounds ? dayCodec : null);
      // Within the seed's range, the times stay within the hours the seed keeps (none before 6 in the morning).
      const timeCodec = gapCodecFor(times);
      this.time = new ContinuousEncoder(times, timeCodec, rng!, this.bounds ? timeCodec : { min: 0, max: DAY_MS / MINUTE_MS });
    } else {
      this.codec = codecFromSpec(source.codec);
      this.bounds = source.bounds && { min: fromJsonNumber(source.bounds.min), max: fromJsonNumber(source.bounds.max) };
      this.day = new ContinuousEncoder(source.day);
      this.time = new ContinuousEncoder(source.time);
    }
    this.spans = [...this.day.spans, ...this.time.spans.map((s) => ({ ...s, start: s.start + this.day.width }))];
    this.width = this.day.width + this.time.width;
  }

  /** The day's and the time's encoders, each with its offset in this block (their modes join the conditional vector). */
  get parts(): { offset: number; encoder: ContinuousEncoder }[] {
    return [
      { offset: 0, encoder: this.day },
      { offset: this.day.width, encoder: this.time },
    ];
  }

  toState(): ClockState {
    if (!this.codec.spec) throw new Error("This column's codec was not built from a spec, so it cannot be saved.");
    const bounds = this.bounds && { min: toJsonNumber(this.bounds.min), max: toJsonNumber(this.bounds.max) };
    return { codec: this.codec.spec, bounds, day: this.day.toState(), time: this.time.toState() };
  }

  encode(values: (string | null)[], out: Float32Array, stride: number, offset: number, rng: Rng): void {
    const [days, times] = this.split(values);
    this.day.encode(days, out, stride, offset, rng);
    this.time.encode(times, out, stride, offset + this.day.width, rng);
  }

  decode(data: Float32Array, stride: number, offset: number, rows: number, rng: Rng): (string | null)[] {
    const days = this.day.decode(data, stride, offset, rows, rng);
    const times = this.time.decode(data, stride, offset + this.day.width, rows, rng).map((t) => (t === null ? NaN : Number(t)));
    // A day whose time came out missing (the mode of the seed's blank dates) takes another row's
    // time, not midnight, which the seed may never have.
    const given = times.filter((t) => !Number.isNaN(t));
    return days.map((day, r) => {
      const d = day === null ? NaN : Number(day);
      if (Number.isNaN(d)) return day;
      const minutes = Number.isNaN(times[r]) ? (given.length > 0 ? given[rng.int(given.length)] : 0) : times[r];
      let ms = Math.round(d) * DAY_MS + Math.round(minutes * MINUTE_MS);
      if (this.bounds) {
        if (ms > this.bounds.max) ms -= Math.ceil((ms - this.bounds.max) / DAY_MS) * DAY_MS;
        if (ms < this.bounds.min) ms += Math.ceil((this.bounds.min - ms) / DAY_MS) * DAY_MS;
      }
      return this.codec.write(ms);
    });
  }

  /** Each value as its day and its minutes after midnight (texts as plain numbers); a note stays with the day. */
  private split(values: (string | null)[]): [(string | null)[], (string | null)[]] {
    const days: (string | null)[] = [];
    const times: (string | null)[] = [];
    for (const v of values) {
      const ms = v === null ? NaN : this.codec.read(v);
      if (Number.isNaN(ms)) {
        days.push(v);
        times.push(null);
        continue;
      }
      const day = Math.floor(ms / DAY_MS);
      days.push(String(day));
      times.push(String((ms - day * DAY_MS) / MINUTE_MS));
    }
    return [days, times];
  }
}
