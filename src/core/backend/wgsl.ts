import * as tf from '@tensorflow/tfjs';
import { capabilitiesOf } from './capabilities';

/** The one method of tfjs's WebGPU backend we use: running a WGSL program of our own. */
interface WebGpuRunner {
  runWebGPUProgram(program: object, inputs: tf.TensorInfo[], dtype: tf.DataType, uniforms?: { type: string; data: number[] }[]): tf.TensorInfo;
}

const WORKGROUP = 64;

/** Whether the present backend runs our WGSL programs (WebGPU). */
export function runsWgsl(): boolean {
  return capabilitiesOf(tf.getBackend()).wgsl;
}

const UNIFORM_TYPES = { f32: 'float32', i32: 'int32', u32: 'uint32' } as const;

/** A program that computes each element of its float32 output on its own. */
export interface ElementwiseProgram {
  /** Names the program in tfjs's pipeline cache and in the dispatch count (`mitosis…`). */
  key: string;
  shape: number[];
  /** WGSL run for each `index` below the output's size; it calls `setOutputAtIndex(index, value)`. */
  body: string;
  /** WGSL functions the body calls. */
  helpers?: string;
  /** Bound as read-only arrays of the same names: read them as `name[i]`. */
  inputs?: Record<string, tf.Tensor>;
  /** Read as `uniforms.name`. */
  uniforms?: Record<string, readonly [keyof typeof UNIFORM_TYPES, number]>;
}

/** Runs an element-wise WGSL program on tfjs's WebGPU backend: one dispatch. */
export function runElementwise({ key, shape, body, helpers = '', inputs = {}, uniforms = {} }: ElementwiseProgram): tf.Tensor {
  const size = shape.reduce((a, b) => a * b, 1);
  const declared = Object.entries(uniforms);
  // tfjs rewrites a program's shaderKey on its first run, so each run gets a fresh object.
  const program = {
    variableNames: Object.keys(inputs),
    outputShape: shape,
    shaderKey: key,
    dispatchLayout: { x: shape.map((_, i) => i) },
    dispatch: [Math.ceil(size / WORKGROUP), 1, 1],
    workgroupSize: [WORKGROUP, 1, 1],
    uniforms: declared.map(([name, [type]]) => `${name} : ${type},`).join(' '),
    size: true,
    getUserCode: () => `${helpers}\nfn main(index : i32) {\n  if (index < uniforms.size) {\n${body}\n  }\n}`,
  };
  const values = declared.map(([, [type, value]]) => ({ type: UNIFORM_TYPES[type], data: [value] }));
  const backend = tf.backend() as unknown as WebGpuRunner;
  const info = backend.runWebGPUProgram(program, Object.values(inputs), 'float32', values.length ? values : undefined);
  return tf.engine().makeTensorFromTensorInfo(info);
}
