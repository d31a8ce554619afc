import * as tf from '@tensorflow/tfjs';
import { capabilitiesOf } from '../backend/capabilities';

/** The one method of tfjs's WebGPU backend we use: running a WGSL program of our own. */
interface WebGpuRunner {
  runWebGPUProgram(program: object, inputs: tf.TensorInfo[], dtype: tf.DataType, uniforms?: { type: string; data: number[] }[]): tf.TensorInfo;
}

const WORKGROUP = 64;

// lowbias32 (Chris Wellons' hash search): a bijection on u32 whose output bits each flip with
// about half of the input bits, so counters hashed under a key read as independent uniforms.
const SHADER = `
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

  fn main(index : i32) {
    if (index < uniforms.size) {
      let i = u32(index) * 2u;
      let radius = sqrt(-2.0 * log(unit(i)));
      setOutputAtIndex(index, radius * cos(6.2831853 * unit(i + 1u)));
    }
  }
`;

/** Whether `deviceNormals` can run on the present backend. */
export function normalsOnDevice(): boolean {
  return capabilitiesOf(tf.getBackend()).deviceNoise;
}

/**
 * [rows, cols] standard normals made on the GPU (Box–Muller over hashed counters), so that
 * generation on WebGPU does not wait on the host's generator and an upload. `key0` and `key1`
 * are 32 random bits each: the same keys give the same values. WebGPU backend only.
 */
export function deviceNormals(rows: number, cols: number, key0: number, key1: number): tf.Tensor2D {
  const backend = tf.backend() as unknown as WebGpuRunner;
  const size = rows * cols;
  const program = {
    variableNames: [],
    outputShape: [rows, cols],
    shaderKey: 'mitosisNormals',
    dispatchLayout: { x: [0, 1] },
    dispatch: [Math.ceil(size / WORKGROUP), 1, 1],
    workgroupSize: [WORKGROUP, 1, 1],
    uniforms: 'key0 : u32, key1 : u32,',
    size: true,
    getUserCode: () => SHADER,
  };
  const info = backend.runWebGPUProgram(program, [], 'float32', [
    { type: 'uint32', data: [key0 >>> 0] },
    { type: 'uint32', data: [key1 >>> 0] },
  ]);
  return tf.engine().makeTensorFromTensorInfo(info) as tf.Tensor2D;
}
