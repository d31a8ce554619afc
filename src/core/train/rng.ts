/** A small seeded generator (mulberry32): the same seed gives the same stream everywhere. */
export class Rng {
  private state: number;
  private spare: number | null = null;

  constructor(seed: number) {
    this.state = (seed ^ 0x9e3779b9) >>> 0;
  }

  /** Uniform in [0, 1). */
  next(): number {
    let t = (this.state = (this.state + 0x6d2b79f5) >>> 0);
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  }

  int(n: number): number {
    return Math.floor(this.next() * n);
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

  /** `n` standard normals, for tensors: the polar method, with no sine or cosine to pay for. */
  normals(n: number, out: Float32Array<ArrayBuffer> = new Float32Array(n)): Float32Array<ArrayBuffer> {
    let i = 0;
    while (i < n) {
      const u = 2 * this.next() - 1;
      const v = 2 * this.next() - 1;
      const s = u * u + v * v;
      if (s >= 1 || s === 0) continue;
      const f = Math.sqrt((-2 * Math.log(s)) / s);
      out[i++] = u * f;
      if (i < n) out[i++] = v * f;
    }
    return out;
  }

  /** A fresh 31-bit seed for a tfjs op, drawn from this stream. */
  seed(): number {
    return this.int(2147483647);
  }
}

export function cumulativeOf(weights: ArrayLike<number>): Float64Array {
  const out = new Float64Array(weights.length);
  let sum = 0;
  for (let i = 0; i < weights.length; i++) out[i] = sum += weights[i];
  return out;
}
