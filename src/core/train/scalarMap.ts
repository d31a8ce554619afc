import type { Layout } from '../transform/transformer';
import { argmax } from '../transform/types';

/**
 * A number column is encoded as [scalar within its mode, one-hot of the mode]. A generator
 * learns the modes' shares well and the scalars' spread within a mode badly: it draws them too
 * near the mode's centre, so values bunch at the centres and thin out between them (Adult's
 * ages 24–28, between two modes, came out in a third of the seed's share, and a boosted-trees
 * classifier told real rows from synthetic on age alone). After training, each mode's
 * generated scalars are mapped onto the seed's by matching quantiles: a monotone map per
 * mode, so a row keeps its rank within its mode and the columns keep how they relate.
 */
export interface ScalarMap {
  /** The scalar's index in a row, and where its mode's one-hot starts and how wide it is. */
  scalar: number;
  modes: number;
  /** Per mode slot: the generated scalars' quantiles and the seed's at the same levels; null where the slot is left alone. */
  knots: ({ from: number[]; to: number[] } | null)[];
}

/** Seed rows each quantile interval of a mode stands for, and the most intervals a mode gets. */
const ROWS_PER_KNOT = 20;
const MAX_KNOTS = 40;
/** Generated rows needed per interval before a mode is mapped. */
const DRAWN_PER_KNOT = 10;

/** Per number column, per mode: the seed's scalar quantiles, or null where the mode is left alone. */
export interface SeedKnots {
  scalar: number;
  modes: number;
  to: (number[] | null)[];
}

/**
 * The seed's side of the maps, from its encoded rows. A mode is mapped when the seed has at
 * least two intervals' worth of rows in it and its scalars there are not all one value (point
 * masses, notes and missing cells decode without their scalar).
 */
export function seedKnots(encoded: Float32Array, rows: number, layout: Layout): SeedKnots[] {
  return scalarsByMode(encoded, rows, layout).map(({ scalar, modes, values }) => ({
    scalar,
    modes,
    to: values.map((real) => {
      const intervals = Math.min(MAX_KNOTS, Math.floor(real.length / ROWS_PER_KNOT));
      if (intervals < 2) return null;
      const to = quantiles(real, intervals);
      return to[0] === to[to.length - 1] ? null : to;
    }),
  }));
}

/** Maps from `rows` generated rows onto the seed's scalars, for modes the generated rows fill well enough. */
export function fitScalarMaps(seed: SeedKnots[], generated: Float32Array, rows: number, layout: Layout): ScalarMap[] {
  const drawn = scalarsByMode(generated, rows, layout);
  return seed.map(({ scalar, modes, to }, i) => ({
    scalar,
    modes,
    knots: to.map((knots, mode) => {
      const made = drawn[i].values[mode];
      return knots && made.length >= DRAWN_PER_KNOT * knots.length ? { from: quantiles(made, knots.length), to: knots } : null;
    }),
  }));
}

/** Per number column, per mode: the scalars of encoded rows (modes counted first, so each mode is one typed array). */
function scalarsByMode(encoded: Float32Array, rows: number, layout: Layout): { scalar: number; modes: number; values: Float32Array[] }[] {
  const width = layout.width;
  return scalarColumns(layout).map(({ scalar, modes }) => {
    const modeOfRow = new Int32Array(rows);
    const counts = new Int32Array(modes);
    for (let r = 0; r < rows; r++) counts[(modeOfRow[r] = argmax(encoded, r * width + scalar + 1, modes))]++;
    const values = Array.from(counts, (n) => new Float32Array(n));
    const filled = new Int32Array(modes);
    for (let r = 0; r < rows; r++) values[modeOfRow[r]][filled[modeOfRow[r]]++] = encoded[r * width + scalar];
    return { scalar, modes, values };
  });
}

/** Rewrites each mapped scalar of `rows` encoded rows in place. */
export function applyScalarMaps(maps: ScalarMap[], data: Float32Array, rows: number, width: number): void {
  for (let r = 0; r < rows; r++) {
    const at = r * width;
    for (const map of maps) {
      const knots = map.knots[argmax(data, at + map.scalar + 1, map.modes)];
      if (knots) data[at + map.scalar] = mapThrough(data[at + map.scalar], knots.from, knots.to);
    }
  }
}

/** The scalar of every number column: a tanh span of one followed by its modes' softmax span. */
function scalarColumns(layout: Layout): { scalar: number; modes: number }[] {
  const out: { scalar: number; modes: number }[] = [];
  layout.spans.forEach((span, i) => {
    const next = layout.spans[i + 1];
    if (span.activation === 'tanh' && span.size === 1 && next?.activation === 'softmax' && next.start === span.start + 1) {
      out.push({ scalar: span.start, modes: next.size });
    }
  });
  return out;
}

/** Values at the levels (i + ½) / n, i < n: the ends stay inside the sample, so no map sends values onto its extremes. */
function quantiles(values: Float32Array, n: number): number[] {
  const sorted = Float64Array.from(values).sort();
  return Array.from({ length: n }, (_, i) => {
    const at = ((i + 0.5) / n) * sorted.length - 0.5;
    const lo = Math.max(0, Math.floor(at));
    const hi = Math.min(sorted.length - 1, lo + 1);
    return sorted[lo] + (sorted[hi] - sorted[lo]) * Math.max(0, at - lo);
  });
}

/**
 * Piecewise linear through the knots; beyond the end knots, shifted by the end's offset.
 * Generated quantiles may tie (a generator that draws one scalar): ties take their mean target.
 */
export function mapThrough(x: number, from: number[], to: number[]): number {
  const last = from.length - 1;
  if (x <= from[0]) return x - from[0] + to[0];
  if (x >= from[last]) return x - from[last] + to[last];
  let lo = 0;
  let hi = last;
  while (hi - lo > 1) {
    const mid = (lo + hi) >> 1;
    if (from[mid] <= x) lo = mid;
    else hi = mid;
  }
  const span = from[hi] - from[lo];
  return span > 0 ? to[lo] + ((x - from[lo]) / span) * (to[hi] - to[lo]) : (to[lo] + to[hi]) / 2;
}

/** `maps` as read from a saved model, refused when they do not fit rows `width` wide (a file altered or from another version). */
export function checkScalarMaps(maps: unknown, width: number): ScalarMap[] {
  const whole = (x: unknown, below: number) => Number.isInteger(x) && (x as number) >= 0 && (x as number) < below;
  const curve = (xs: unknown, n: number) => Array.isArray(xs) && xs.length === n && xs.every((x, i) => Number.isFinite(x) && (i === 0 || x >= xs[i - 1]));
  const fits = (m: ScalarMap) =>
    whole(m.scalar, width) &&
    whole(m.modes, width - m.scalar) &&
    m.modes > 0 &&
    Array.isArray(m.knots) &&
    m.knots.length === m.modes &&
    m.knots.every((k) => k === null || (Array.isArray(k.to) && k.to.length >= 2 && curve(k.from, k.to.length) && curve(k.to, k.to.length)));
  if (!Array.isArray(maps) || !maps.every((m) => typeof m === 'object' && m !== null && fits(m as ScalarMap))) {
    throw new Error("The saved model's number spreads do not fit its columns: it was saved by another version or altered.");
  }
  return maps as ScalarMap[];
}
