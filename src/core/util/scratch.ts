/**
 * Typed arrays reused from step to step for the values each step uploads (noise, one-hot
 * targets): a fresh 300 kB array per tensor per step keeps a browser worker's garbage
 * collector busy. The CPU backend keeps the array itself as the tensor's values, so a use may
 * be refilled only once every tensor made from it is disposed: one tensor per use per step.
 */
export class Scratch {
  private readonly arrays = new Map<string, Float32Array<ArrayBuffer>>();

  /** A zeroed array of `n` floats for `use`, the same one each time for the same size. */
  zeros(use: string, n: number): Float32Array<ArrayBuffer> {
    const out = this.take(use, n);
    out.fill(0);
    return out;
  }

  /** An array of `n` floats for `use` whose contents the caller overwrites. */
  take(use: string, n: number): Float32Array<ArrayBuffer> {
    const key = `${use}:${n}`;
    let out = this.arrays.get(key);
    if (!out) this.arrays.set(key, (out = new Float32Array(n)));
    return out;
  }
}
