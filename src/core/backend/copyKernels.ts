import * as tf from '@tensorflow/tfjs';

const MARK = Symbol('mitosis.copyKernels');

/** What these kernels need of tfjs's WASM backend: tensors as views on its heap. */
interface WasmHeap {
  incRef(dataId: tf.DataId): void;
  makeOutput(shape: number[], dtype: tf.DataType): tf.TensorInfo;
  typedArrayFromHeap(t: tf.TensorInfo): Float32Array | Int32Array | Uint8Array;
}

type Args = { inputs: tf.NamedTensorInfoMap; attrs?: tf.NamedAttrMap; backend: unknown };

const size = (shape: number[]) => shape.reduce((a, b) => a * b, 1);

/**
 * Kernels that only move memory, done as row copies on the WASM heap (and the segment sum on
 * the CPU backend too). tfjs's WASM GatherV2 moves one element at a time (2.6 ms for 500 rows
 * of 170), and it has no UnsortedSegmentSum, so a gather cannot be differentiated there at
 * all. Its Slice and SplitV first copy the whole input out of the heap, which on the threaded
 * build's shared heap cost 8 ms to split the generator's [500, 640] block (the gradient of its
 * residual concat). And while the tape records, tfjs clones every tensor a gradient will need
 * through Identity, which on WASM copies the data (150 copies per critic step); tensors are
 * immutable, so like Reshape and the CPU backend's Identity it now shares them. Cases these do
 * not cover keep tfjs's own kernel.
 */
export function installCopyKernels(): void {
  replaceKernel('Identity', 'wasm', (fallback) => (args) => {
    const { inputs, backend } = args as Args;
    const x = inputs.x as tf.TensorInfo;
    if (x.dtype === 'string') return fallback(args);
    (backend as WasmHeap).incRef(x.dataId);
    return { dataId: x.dataId, shape: x.shape, dtype: x.dtype };
  });
  replaceKernel('GatherV2', 'wasm', (fallback) => (args) => {
    const { inputs, attrs, backend } = args as Args;
    const x = inputs.x as tf.TensorInfo;
    const indices = inputs.indices as tf.TensorInfo;
    const { axis, batchDims } = attrs as { axis: number; batchDims: number };
    const rank0 = axis === 0 || axis === -x.shape.length;
    if (!rank0 || batchDims !== 0 || x.shape.length === 0 || indices.dtype !== 'int32') return fallback(args);
    const heap = backend as WasmHeap;
    const slice = size(x.shape.slice(1));
    const rows = x.shape[0];
    const out = heap.makeOutput([...indices.shape, ...x.shape.slice(1)], x.dtype);
    const src = heap.typedArrayFromHeap(x);
    const index = heap.typedArrayFromHeap(indices);
    const dst = heap.typedArrayFromHeap(out);
    for (let i = 0; i < index.length; i++) {
      const k = index[i];
      if (k < 0 || k >= rows) throw new Error(`GatherV2: the index value ${k} is not in [0, ${rows - 1}]`);
      dst.set(src.subarray(k * slice, (k + 1) * slice), i * slice);
    }
    return out;
  });
  replaceKernel('Slice', 'wasm', (fallback) => (args) => {
    const { inputs, attrs, backend } = args as Args;
    const x = inputs.x as tf.TensorInfo;
    if (x.dtype === 'string' || x.shape.length === 0) return fallback(args);
    const { begin, size: extent } = attrs as { begin: number[]; size: number[] };
    const [from, sizes] = tf.slice_util.parseSliceParams(x as tf.Tensor, begin, extent);
    return sliceOnHeap(backend as WasmHeap, x, from, sizes);
  });
  replaceKernel('SplitV', 'wasm', (fallback) => (args) => {
    const { inputs, attrs, backend } = args as Args;
    const x = inputs.x as tf.TensorInfo;
    if (x.dtype === 'string' || x.shape.length === 0) return fallback(args);
    const { numOrSizeSplits, axis } = attrs as { numOrSizeSplits: number | number[]; axis: number };
    const along = tf.util.parseAxisParam(axis, x.shape)[0];
    const from = x.shape.map(() => 0);
    return tf.backend_util.prepareSplitSize(x as tf.Tensor, numOrSizeSplits, along).map((part) => {
      const sizes = [...x.shape];
      sizes[along] = part;
      const piece = sliceOnHeap(backend as WasmHeap, x, from, sizes);
      from[along] += part;
      return piece;
    });
  });
  if (!tf.getKernel('UnsortedSegmentSum', 'wasm')) tf.registerKernel({ kernelName: 'UnsortedSegmentSum', backendName: 'wasm', kernelFunc: segmentSum });
  installRowSegmentSumOnCpu();
}

interface CpuData {
  readSync(dataId: tf.DataId): ArrayLike<number>;
  makeTensorInfo(shape: number[], dtype: tf.DataType, values: Float32Array): tf.TensorInfo;
}

/**
 * The CPU backend's UnsortedSegmentSum makes a mask and a full pass per segment (1,640
 * passes for the critic's condition table), so it gets the same row-wise sum.
 */
function installRowSegmentSumOnCpu(): void {
  replaceKernel('UnsortedSegmentSum', 'cpu', (fallback) => (args) => {
    const { inputs, attrs, backend } = args as Args;
    const x = inputs.x as tf.TensorInfo;
    const ids = inputs.segmentIds as tf.TensorInfo;
    const { numSegments } = attrs as { numSegments: number };
    if (ids.shape.length !== 1 || ids.shape[0] !== x.shape[0] || x.dtype !== 'float32') return fallback(args);
    const cpu = backend as CpuData;
    const out = new Float32Array(numSegments * size(x.shape.slice(1)));
    sumRows(cpu.readSync(x.dataId), cpu.readSync(ids.dataId), out, size(x.shape.slice(1)));
    return cpu.makeTensorInfo([numSegments, ...x.shape.slice(1)], 'float32', out);
  });
}

/** The block of `x` at `from` of extent `sizes`, copied run by run along the last axis. */
function sliceOnHeap(heap: WasmHeap, x: tf.TensorInfo, from: number[], sizes: number[]): tf.TensorInfo {
  const out = heap.makeOutput(sizes, x.dtype);
  const src = heap.typedArrayFromHeap(x);
  const dst = heap.typedArrayFromHeap(out);
  const last = x.shape.length - 1;
  const strides = tf.util.computeStrides(x.shape);
  const run = sizes[last];
  const at = new Array<number>(last).fill(0);
  const runs = size(sizes.slice(0, last));
  for (let r = 0, o = 0; r < runs; r++, o += run) {
    let offset = from[last];
    for (let d = 0; d < last; d++) offset += (from[d] + at[d]) * strides[d];
    dst.set(src.subarray(offset, offset + run), o);
    for (let d = last - 1; d >= 0 && ++at[d] === sizes[d]; d--) at[d] = 0;
  }
  return out;
}

/** Swaps tfjs's kernel for ours, once; ours gets tfjs's for the cases it leaves alone. */
function replaceKernel(name: string, backendName: string, make: (fallback: tf.KernelFunc) => tf.KernelFunc): void {
  const original = tf.getKernel(name, backendName) as (tf.KernelConfig & { [MARK]?: true }) | undefined;
  if (!original || original[MARK]) return;
  tf.unregisterKernel(name, backendName);
  // The WASM backend binds a kernel's native function in its setupFunc: a fallback needs it kept.
  const config: tf.KernelConfig & { [MARK]: true } = { [MARK]: true, kernelName: name, backendName, kernelFunc: make(original.kernelFunc), setupFunc: original.setupFunc, disposeFunc: original.disposeFunc };
  tf.registerKernel(config);
}

/** Adds row i of `src` (rows of `slice` values) into row `seg[i]` of `dst`; ids outside `dst` are dropped. */
function sumRows(src: ArrayLike<number>, seg: ArrayLike<number>, dst: Float32Array | Int32Array | Uint8Array, slice: number): void {
  const rows = dst.length / slice;
  for (let i = 0; i < seg.length; i++) {
    const s = seg[i];
    if (s < 0 || s >= rows) continue;
    const from = i * slice;
    const to = s * slice;
    for (let j = 0; j < slice; j++) dst[to + j] += src[from + j];
  }
}

/** Sums rows of x ([n, ...]) into `numSegments` rows by segment id ([n]). */
function segmentSum(args: Args): tf.TensorInfo {
  const { inputs, attrs, backend } = args;
  const x = inputs.x as tf.TensorInfo;
  const ids = inputs.segmentIds as tf.TensorInfo;
  const { numSegments } = attrs as { numSegments: number };
  if (ids.shape.length !== 1 || ids.shape[0] !== x.shape[0]) throw new Error('UnsortedSegmentSum on WASM takes one segment id per row.');
  const heap = backend as WasmHeap;
  const slice = size(x.shape.slice(1));
  const out = heap.makeOutput([numSegments, ...x.shape.slice(1)], x.dtype);
  const src = heap.typedArrayFromHeap(x);
  const seg = heap.typedArrayFromHeap(ids);
  const dst = heap.typedArrayFromHeap(out);
  dst.fill(0);
  sumRows(src, seg, dst, slice);
  return out;
}
