import * as tf from '@tensorflow/tfjs';

/** What the WebGPU backend did between two readings. */
export interface GpuWork {
  /** Programs run: tfjs records each as one compute dispatch. */
  dispatches: number;
  /** GPU buffers created (the backend's pool reuses freed ones, so a steady loop creates none). */
  allocations: number;
  /** Tensors whose values went from the host to the GPU. */
  uploads: number;
  /** Tensors read back to the host. */
  readbacks: number;
  /** Dispatches by program: tfjs's op name (`binary mul`, `matMulPacked`), ours start `mitosis`. */
  programs: Record<string, number>;
}

/** The parts of tfjs's WebGPU backend the counter wraps. */
interface WebGpuInternals {
  device: { createBuffer(descriptor: object): unknown };
  runWebGPUProgram(program: { shaderKey?: string; constructor: { name: string } }, ...rest: unknown[]): unknown;
  uploadToGPU(dataId: object): void;
  read(dataId: object): Promise<unknown>;
  readSync(dataId: object): unknown;
  tensorMap: { get(dataId: object): { values?: unknown; resource?: unknown } | undefined };
}

/**
 * Counts what the WebGPU backend in use does, by wrapping its own methods (nothing is changed
 * but the count). `read()` gives the totals since the start; `stop()` unwraps. Null on any other
 * backend: only WebGPU dispatches programs one by one where they can be counted this way.
 */
export function countGpuWork(): { read(): GpuWork; stop(): void } | null {
  if (tf.getBackend() !== 'webgpu') return null;
  const backend = tf.backend() as unknown as WebGpuInternals;
  const work: GpuWork = { dispatches: 0, allocations: 0, uploads: 0, readbacks: 0, programs: {} };
  const onHost = (dataId: object) => {
    const data = backend.tensorMap.get(dataId);
    return data?.resource == null && data?.values != null;
  };
  const createBuffer = backend.device.createBuffer;
  const run = backend.runWebGPUProgram;
  backend.runWebGPUProgram = function (program, ...rest) {
    work.dispatches++;
    // tfjs fills the shader key in on the first run of a program object.
    const result = run.call(this, program, ...rest);
    const key = programName(program.shaderKey ?? program.constructor.name);
    work.programs[key] = (work.programs[key] ?? 0) + 1;
    return result;
  };
  const upload = backend.uploadToGPU;
  backend.uploadToGPU = function (dataId) {
    // tfjs calls this before every use; it uploads only values still on the host.
    if (onHost(dataId)) work.uploads++;
    upload.call(this, dataId);
  };
  const read = backend.read;
  backend.read = function (dataId) {
    if (!onHost(dataId)) work.readbacks++;
    return read.call(this, dataId);
  };
  const readSync = backend.readSync;
  backend.readSync = function (dataId) {
    if (!onHost(dataId)) work.readbacks++;
    return readSync.call(this, dataId);
  };
  backend.device.createBuffer = function (descriptor) {
    work.allocations++;
    return createBuffer.call(this, descriptor);
  };
  return {
    read: () => ({ ...work, programs: { ...work.programs } }),
    stop: () => {
      Object.assign(backend, { runWebGPUProgram: run, uploadToGPU: upload, read, readSync });
      backend.device.createBuffer = createBuffer;
    },
  };
}

/** `after` minus `before`. */
export function workBetween(before: GpuWork, after: GpuWork): GpuWork {
  const programs: Record<string, number> = {};
  for (const [key, n] of Object.entries(after.programs)) {
    const d = n - (before.programs[key] ?? 0);
    if (d) programs[key] = d;
  }
  return {
    dispatches: after.dispatches - before.dispatches,
    allocations: after.allocations - before.allocations,
    uploads: after.uploads - before.uploads,
    readbacks: after.readbacks - before.readbacks,
    programs,
  };
}

// tfjs-backend-webgpu's BinaryOpType and UnaryOpType, in their order: a shader key names its op by number.
const BINARY = 'add atan2 complexImag complexReal div eluDer equal floorDiv greater greaterEqual less lessEqual and or max min mod mul notEqual pow prelu squaredDifference sub'.split(' ');
const UNARY = 'abs acos acosh asin asinh atan atanh ceil cos cosh elu erf exp expm1 floor isFinite isInf isNaN linear log log1p not neg relu relu6 leakyRelu reciprocal round rsqrt selu sigmoid sign sin sinh softplus sqrt square step tan tanh toInt'.split(' ');

/** A program's op from tfjs's shader key (`binary_17_4,4_…` → `binary mul`): the key also holds shapes and types. */
export function programName(key: string): string {
  const [kind, op] = key.split('_');
  const names = kind === 'binary' ? BINARY : kind === 'unary' ? UNARY : null;
  return names ? `${kind} ${names[Number(op)] ?? op}` : kind;
}
