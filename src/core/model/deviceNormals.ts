import type * as tf from '@tensorflow/tfjs';
import { runElementwise } from '../backend/wgsl';

// lowbias32 (Chris Wellons' hash search): a bijection on u32 whose output bits each flip with
// about half of the input bits, so counters hashed under a key read as independent uniforms.
const HELPERS = `
  fn lowbias32(v : u32) -> u32 {
    var x = v;
    x = x ^ (x >> 16u);
    x = x * 0x7feb352du;
    x = x ^ (x >> 15u);
    x = x * 0x846ca68bu;
    x = x ^ (x >> 16u);
    return x;
  }

  fn unit(i : u32) -> f32 {
    let bits = lowbias32(lowbias32(i ^ uniforms.key0) + uniforms.key1);
    return (f32(bits >> 8u) + 0.5) / 16777216.0;
  }

`;

const BODY = `
    let i = u32(index) * 2u;
    let radius = sqrt(-2.0 * log(unit(i)));
    setOutputAtIndex(index, radius * cos(6.2831853 * unit(i + 1u)));`;

/**
 * [rows, cols] standard normals made on the GPU (Box–Muller over hashed counters), so that
 * generation on WebGPU does not wait on the host's generator and an upload. `key0` and `key1`
 * are 32 random bits each: the same keys give the same values. WebGPU backend only (`runsWgsl`).
 */
export function deviceNormals(rows: number, cols: number, key0: number, key1: number): tf.Tensor2D {
  const uniforms = { key0: ['u32', key0 >>> 0], key1: ['u32', key1 >>> 0] } as const;
  return runElementwise({ key: 'mitosisNormals', shape: [rows, cols], helpers: HELPERS, body: BODY, uniforms }) as tf.Tensor2D;
}
