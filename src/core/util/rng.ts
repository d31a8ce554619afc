/** An Rng's position in its stream. */
export interface RngState {
  state: number;
  /** The second normal of the last Box-Muller pair, not yet drawn. */
  spare: number | null;
}

/** A small seeded generator (mulberry32): the same seed gives the same stream everywhere. */
export class Rng {
  private state: number;
  private spare: number | null = null;

  constructor(seed: number) {
    this.state = (seed ^ 0x9e3779b9) >>> 0;
  }

  /** Where the stream stands, as plain data: a generator given it with `restore` draws on from here. */
  save(): RngState {
    return { state: this.state, spare: this.spare };
  }

  restore(saved: RngState): void {
    this.state = saved.state >>> 0;
    this.spare = saved.spare;
  }

  /** Uniform in [0, 1). */
  next(): number {
    return (this.bits() >>> 0) / 4294967296;
  }

  /** The next 32 random bits, as a signed 32-bit integer. */
  bits(): number {
    let t = (this.state = (this.state + 0x6d2b79f5) >>> 0);
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return t ^ (t >>> 14);
  }

  int(n: number): number {
    return Math.floor(this.next() * n);
  }

  /** Shuffles `items` in place (Fisher–Yates from the end) and returns them. */
  shuffle<T extends { length: number; [i: number]: unknown }>(items: T): T {
    for (let i = items.length - 1; i > 0; i--) {
      const j = this.int(i + 1);
      [items[i], items[j]] = [items[j], items[i]];
    }
    return items;
  }

  normal(): number {
    if (this.spare !== null) {
      const s = this.spare;
      this.spare = null;
      return s;
    }
    const u = Math.max(this.next(), 1e-12);
    const v = this.next();
    const r = Math.sqrt(-2 * Math.log(u));
    this.spare = r * Math.sin(2 * Math.PI * v);
    return r * Math.cos(2 * Math.PI * v);
  }

  /**
   * Index in [start, end) drawn with probability proportional to `weights` there, whose sum is
   * `total`: a linear scan, for weights used once (no cumulative array to build).
   */
  draw(weights: ArrayLike<number>, start: number, end: number, total: number): number {
    let x = this.next() * total;
    for (let i = start; i < end; i++) {
      x -= weights[i];
      if (x < 0) return i;
    }
    return end - 1;
  }

  /** Index drawn with probability proportional to `weights` (given their total). */
  pick(cumulative: Float64Array): number {
    const total = cumulative[cumulative.length - 1];
    const x = this.next() * total;
    let lo = 0;
    let hi = cumulative.length - 1;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if (cumulative[mid] > x) hi = mid;
      else lo = mid + 1;
    }
    return lo;
  }

  /** `n` uniforms in [lo, 1 - lo], for tensors; written into `out` when given. */
  uniforms(n: number, lo = 0, out: Float32Array<ArrayBuffer> = new Float32Array(n)): Float32Array<ArrayBuffer> {
    const span = 1 - 2 * lo;
    for (let i = 0; i < n; i++) out[i] = lo + span * this.next();
    return out;
  }

  /** `n` standard Gumbel draws, −log(−log u), for tensors; written into `out` when given. */
  gumbels(n: number, out: Float32Array<ArrayBuffer> = new Float32Array(n)): Float32Array<ArrayBuffer> {
    // u stays in [1e-6, 1 − 1e-6], so both logarithms are finite.
    for (let i = 0; i < n; i++) out[i] = -Math.log(-Math.log(1e-6 + (1 - 2e-6) * this.next()));
    return out;
  }

  /**
   * `n` standard normals, for tensors, by Marsaglia and Tsang's ziggurat: one 32-bit draw and a
   * comparison for 99% of values, where the polar method pays a log and a square root each.
   * The layer comes from the low 7 bits and the value from the other 25, so they are independent.
   */
  normals(n: number, out: Float32Array<ArrayBuffer> = new Float32Array(n)): Float32Array<ArrayBuffer> {
    const { k, w } = ZIGGURAT;
    for (let i = 0; i < n; i++) {
      const bits = this.bits();
      const layer = bits & 127;
      const x = bits >> 7;
      out[i] = Math.abs(x) < k[layer] ? x * w[layer] : this.zigguratEdge(x, layer);
    }
    return out;
  }

  /** The rare ziggurat draw that lands outside a layer's inner box, or in the tail. */
  private zigguratEdge(x: number, layer: number): number {
    const { k, w, f } = ZIGGURAT;
    for (;;) {
      const value = x * w[layer];
      if (layer === 0) {
        let tail: number;
        let y: number;
        do {
          tail = -Math.log(Math.max(this.next(), 1e-300)) / ZIGGURAT_R;
          y = -Math.log(Math.max(this.next(), 1e-300));
        } while (y + y < tail * tail);
        return x > 0 ? ZIGGURAT_R + tail : -ZIGGURAT_R - tail;
      }
      if (f[layer] + this.next() * (f[layer - 1] - f[layer]) < Math.exp(-0.5 * value * value)) return value;
      const bits = this.bits();
      layer = bits & 127;
      x = bits >> 7;
      if (Math.abs(x) < k[layer]) return x * w[layer];
    }
  }

  /**
   * `n` draws of `value` with probability `p`, else 0, written into `out` (a dropout mask). Each
   * 32-bit draw gives four: `p` is rounded to a multiple of 1/256.
   */
  bernoulli(n: number, p: number, value: number, out: Float32Array<ArrayBuffer> = new Float32Array(n)): Float32Array<ArrayBuffer> {
    const below = Math.round(p * 256);
    let bits = 0;
    for (let i = 0; i < n; i++) {
      if ((i & 3) === 0) bits = this.bits();
      out[i] = (bits & 255) < below ? value : 0;
      bits >>>= 8;
    }
    return out;
  }

  /** A fresh 31-bit seed for a tfjs op, drawn from this stream. */
  seed(): number {
    return this.int(2147483647);
  }
}

// The ziggurat's 128 layers (Marsaglia and Tsang, 2000): R is where the tail starts and V each
// layer's area. Values are signed 25-bit integers, so the scale is 2^24.
const ZIGGURAT_R = 3.442619855899;
const ZIGGURAT = zigguratTables(ZIGGURAT_R, 9.91256303526217e-3, 2 ** 24);

function zigguratTables(r: number, v: number, scale: number): { k: Float64Array; w: Float64Array; f: Float64Array } {
  const k = new Float64Array(128);
  const w = new Float64Array(128);
  const f = new Float64Array(128);
  let d = r;
  let t = d;
  const q = v / Math.exp(-0.5 * d * d);
  k[0] = Math.floor((d / q) * scale);
  k[1] = 0;
  w[0] = q / scale;
  w[127] = d / scale;
  f[0] = 1;
  f[127] = Math.exp(-0.5 * d * d);
  for (let i = 126; i >= 1; i--) {
    d = Math.sqrt(-2 * Math.log(v / d + Math.exp(-0.5 * d * d)));
    k[i + 1] = Math.floor((d / t) * scale);
    t = d;
    f[i] = Math.exp(-0.5 * d * d);
    w[i] = d / scale;
  }
  return { k, w, f };
}

export function cumulativeOf(weights: ArrayLike<number>): Float64Array {
  const out = new Float64Array(weights.length);
  let sum = 0;
  for (let i = 0; i < weights.length; i++) out[i] = sum += weights[i];
  return out;
}
