import * as tf from '@tensorflow/tfjs';

const MARK = Symbol('mitosis.convKernels');

type Args = { inputs: tf.NamedTensorInfoMap; attrs?: tf.NamedAttrMap; backend: unknown };
type Shape4 = [number, number, number, number];

/** The attributes both backprop kernels take; one names the filter's shape, the other the input's. */
interface BackpropAttrs {
  strides: [number, number] | number;
  pad: 'valid' | 'same' | number | tf.backend_util.ExplicitPadding;
  dataFormat: 'NHWC' | 'NCHW';
  dimRoundingMode?: 'floor' | 'round' | 'ceil';
  filterShape: Shape4;
  inputShape: Shape4;
}

/** What these kernels need of a CPU-side backend: its kernels by name, and tensors as host arrays. */
interface Memory {
  backendName: string;
  backend: unknown;
  /** A new float32 tensor of `shape`, and its values to write (uninitialised on WASM). */
  make(shape: number[]): tf.TensorInfo;
  /** The values of `t`, as a live view: take it again after any allocation (the WASM heap can move). */
  view(t: tf.TensorInfo): Float32Array;
  free(t: tf.TensorInfo): void;
}

interface WasmBackend {
  disposeData(dataId: tf.DataId): boolean;
  makeOutput(shape: number[], dtype: tf.DataType): tf.TensorInfo;
  typedArrayFromHeap(t: tf.TensorInfo): Float32Array;
}

interface CpuBackend {
  disposeData(dataId: tf.DataId): boolean;
  readSync(dataId: tf.DataId): Float32Array;
  makeTensorInfo(shape: number[], dtype: tf.DataType, values: Float32Array): tf.TensorInfo;
}

function memoryOf(backendName: string, backend: unknown): Memory {
  if (backendName === 'wasm') {
    const wasm = backend as WasmBackend;
    return {
      backendName,
      backend,
      make: (shape) => wasm.makeOutput(shape, 'float32'),
      view: (t) => wasm.typedArrayFromHeap(t),
      free: (t) => void wasm.disposeData(t.dataId),
    };
  }
  const cpu = backend as CpuBackend;
  return {
    backendName,
    backend,
    make: (shape) => cpu.makeTensorInfo(shape, 'float32', new Float32Array(shape.reduce((a, b) => a * b, 1))),
    view: (t) => cpu.readSync(t.dataId),
    free: (t) => void cpu.disposeData(t.dataId),
  };
}

/**
 * Both convolution gradients as convolutions, run by each backend's own Conv2D: tfjs's WASM
 * backend has no Conv2DBackpropFilter at all (no convolution could be trained there), and its
 * Conv2DBackpropInput, like both of the CPU backend's, is a plain loop: 10 to 70 times slower
 * than Conv2D on the same work. Nothing of tfjs is copied. Idempotent: each kernel is marked
 * and replaced once; NCHW tensors go to tfjs's kernel where there is one.
 */
export function installConvKernels(): void {
  for (const backendName of ['wasm', 'cpu']) {
    replace('Conv2DBackpropFilter', backendName, filterGradient);
    replace('Conv2DBackpropInput', backendName, inputGradient);
  }
}

function replace(name: string, backendName: string, ours: (args: Args, memory: Memory) => tf.TensorInfo): void {
  const original = tf.getKernel(name, backendName) as (tf.KernelConfig & { [MARK]?: true }) | undefined;
  if (original?.[MARK]) return;
  // WASM is patched whether or not its module has been imported (it lacks the filter kernel); the CPU only once it is there.
  if (!original && backendName !== 'wasm') return;
  if (original) tf.unregisterKernel(name, backendName);
  const kernelFunc: tf.KernelFunc = (args) => {
    if ((args.attrs as unknown as BackpropAttrs).dataFormat === 'NCHW') {
      if (original) return original.kernelFunc(args);
      throw new Error(`${name} on ${backendName} takes NHWC tensors only.`);
    }
    return ours(args as Args, memoryOf(backendName, args.backend));
  };
  const config: tf.KernelConfig & { [MARK]: true } = { [MARK]: true, kernelName: name, backendName, kernelFunc };
  tf.registerKernel(config);
}

/** Runs the backend's own kernel `name`; the caller owns the result. */
function run(name: string, memory: Memory, inputs: tf.NamedTensorInfoMap, attrs: object): tf.TensorInfo {
  const kernel = tf.getKernel(name, memory.backendName);
  if (!kernel) throw new Error(`The ${memory.backendName} backend has no ${name} kernel.`);
  return kernel.kernelFunc({ inputs, attrs: attrs as tf.NamedAttrMap, backend: memory.backend as tf.KernelBackend }) as tf.TensorInfo;
}

/** Conv2D attributes for a stride-1 convolution with explicit padding. */
function convAttrs(padding: number[][], dilations: [number, number]): object {
  return { strides: [1, 1], dilations, pad: padding, dataFormat: 'NHWC', dimRoundingMode: undefined };
}

/**
 * dW[a, b, ci, co] = Σ over n, i, j of x[n, i·s + a − top, j·s + b − left, ci] · dy[n, i, j, co].
 * With the batch axis of x as channels and the spatial axes of dy as a filter, that is a
 * stride-1 convolution dilated by the forward stride: x as [Cin, H, W, N] (Cin the batch)
 * convolved with dy as [h, w, N, Cout] gives [Cin, fh, fw, Cout], which transposes to the
 * filter's [fh, fw, Cin, Cout]. The forward padding is kept at the top and left; the bottom
 * and right are padded (or cropped, when the forward pass never read the last rows) so the
 * output is exactly fh × fw.
 */
function filterGradient({ inputs, attrs }: Args, memory: Memory): tf.TensorInfo {
  const x = inputs.x as tf.TensorInfo;
  const dy = inputs.dy as tf.TensorInfo;
  const { strides, pad, dimRoundingMode, filterShape } = attrs as unknown as BackpropAttrs;
  const info = tf.backend_util.computeConv2DInfo(x.shape as Shape4, filterShape, strides, 1, pad, dimRoundingMode);
  const { strideHeight: sh, strideWidth: sw, filterHeight: fh, filterWidth: fw } = info;
  const { top, left } = info.padInfo;
  const bottom = fh + (info.outHeight - 1) * sh - info.inHeight - top;
  const right = fw + (info.outWidth - 1) * sw - info.inWidth - left;
  const temporary: tf.TensorInfo[] = [];
  const keep = (t: tf.TensorInfo) => (temporary.push(t), t);
  try {
    let xt = keep(run('Transpose', memory, { x }, { perm: [3, 1, 2, 0] }));
    if (bottom < 0 || right < 0) {
      const size = [xt.shape[0], info.inHeight + Math.min(0, bottom), info.inWidth + Math.min(0, right), xt.shape[3]];
      xt = keep(run('Slice', memory, { x: xt }, { begin: [0, 0, 0, 0], size }));
    }
    const dyt = keep(run('Transpose', memory, { x: dy }, { perm: [1, 2, 0, 3] }));
    const padding = [[0, 0], [top, Math.max(0, bottom)], [left, Math.max(0, right)], [0, 0]];
    const grad = keep(run('Conv2D', memory, { x: xt, filter: dyt }, convAttrs(padding, [sh, sw])));
    return run('Transpose', memory, { x: grad }, { perm: [1, 2, 0, 3] });
  } finally {
    temporary.forEach(memory.free);
  }
}

/** One phase of the input gradient along one axis: the filter taps it reads and how dy is padded or cropped. */
interface Phase {
  /** Filter indices, in the order the phase's stride-1 convolution reads them. */
  taps: number[];
  /** Where the rows of dy it reads start, and how many. */
  from: number;
  rows: number;
  /** Zero rows before and after them. */
  before: number;
  after: number;
}

/**
 * Along one axis, the outputs p = s·u + r of dx[p] = Σ dy[i] · W[a] over i·s + a − top = p
 * are a stride-1 correlation of dy with the taps a ≡ r + top (mod s), reversed: for
 * q = r + top, a = s·k + q mod s and i = u + ⌊q / s⌋ − k. Null when no tap falls in the phase.
 */
function phaseOf(r: number, top: number, filter: number, stride: number, dyLength: number, outLength: number): Phase | null {
  const q = r + top;
  const taps: number[] = [];
  for (let a = q % stride; a < filter; a += stride) taps.unshift(a);
  const m = Math.floor(q / stride);
  let before = taps.length - 1 - m;
  const from = Math.max(0, -before);
  before = Math.max(0, before);
  let rows = dyLength - from;
  let after = outLength - rows - before + taps.length - 1;
  if (after < 0) [rows, after] = [rows + after, 0];
  return taps.length && rows > 0 ? { taps, from, rows, before, after } : null;
}

/**
 * dx for dy [N, h, w, Cout] and filter [fh, fw, Cin, Cout] (the shapes of the forward pass)
 * by sub-pixel phases: each of the sh·sw phases of dx is a stride-1 convolution of dy with
 * the taps of the filter that reach it, so no multiplication by an inserted zero is done.
 * Each phase is then written to its rows and columns of dx by a host copy (the WASM
 * backend's 6-D transpose took longer than all the convolutions).
 */
function inputGradient({ inputs, attrs }: Args, memory: Memory): tf.TensorInfo {
  const dy = inputs.dy as tf.TensorInfo;
  const filter = inputs.filter as tf.TensorInfo;
  const { strides, pad, dimRoundingMode, inputShape } = attrs as unknown as BackpropAttrs;
  const info = tf.backend_util.computeConv2DInfo(inputShape, filter.shape as Shape4, strides, 1, pad, dimRoundingMode);
  const { strideHeight: sh, strideWidth: sw, filterHeight: fh, filterWidth: fw, inChannels: cin } = info;
  const [n, height, width] = inputShape;
  const [hs, ws] = [Math.ceil(height / sh), Math.ceil(width / sw)];
  const phase = (rh: number, rw: number) => {
    const ph = phaseOf(rh, info.padInfo.top, fh, sh, dy.shape[1], hs);
    const pw = phaseOf(rw, info.padInfo.left, fw, sw, dy.shape[2], ws);
    return ph && pw ? phaseConvolution(memory, dy, filter, ph, pw) : null;
  };
  if (sh === 1 && sw === 1) {
    const only = phase(0, 0);
    if (only) return only;
  }
  const out = memory.make([n, height, width, cin]);
  memory.view(out).fill(0);
  for (let rh = 0; rh < sh; rh++) {
    for (let rw = 0; rw < sw; rw++) {
      const part = phase(rh, rw);
      if (!part) continue;
      const src = memory.view(part);
      const dst = memory.view(out);
      for (let b = 0; b < n; b++) {
        for (let u = 0, p = rh; p < height; u++, p += sh) {
          for (let v = 0, q = rw; q < width; v++, q += sw) {
            const from = ((b * hs + u) * ws + v) * cin;
            const to = ((b * height + p) * width + q) * cin;
            for (let c = 0; c < cin; c++) dst[to + c] = src[from + c];
          }
        }
      }
      memory.free(part);
    }
  }
  return out;
}

/** One phase of dx, [N, H/sh, W/sw, Cin]: dy's rows and columns the phase reads, convolved with its taps. */
function phaseConvolution(memory: Memory, dy: tf.TensorInfo, filter: tf.TensorInfo, ph: Phase, pw: Phase): tf.TensorInfo {
  const [, fw, cin, cout] = filter.shape;
  const [kh, kw] = [ph.taps.length, pw.taps.length];
  const taps = memory.make([kh, kw, cout, cin]);
  const w = memory.view(filter);
  const v = memory.view(taps);
  // taps[k, l, co, ci] = filter[ph.taps[k], pw.taps[l], ci, co]: the contraction runs over Cout.
  for (let k = 0; k < kh; k++) {
    for (let l = 0; l < kw; l++) {
      const src = (ph.taps[k] * fw + pw.taps[l]) * cin * cout;
      const dst = (k * kw + l) * cout * cin;
      for (let ci = 0; ci < cin; ci++) for (let co = 0; co < cout; co++) v[dst + co * cin + ci] = w[src + ci * cout + co];
    }
  }
  const whole = ph.rows === dy.shape[1] && pw.rows === dy.shape[2];
  const rows = whole ? dy : run('Slice', memory, { x: dy }, { begin: [0, ph.from, pw.from, 0], size: [dy.shape[0], ph.rows, pw.rows, cout] });
  try {
    const padding = [[0, 0], [ph.before, ph.after], [pw.before, pw.after], [0, 0]];
    return run('Conv2D', memory, { x: rows, filter: taps }, convAttrs(padding, [1, 1]));
  } finally {
    memory.free(taps);
    if (rows !== dy) memory.free(rows);
  }
}
