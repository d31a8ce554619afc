import * as tf from '@tensorflow/tfjs';
import '@tensorflow/tfjs-backend-webgpu';
import { getThreadsCount, setThreadsCount, setWasmPaths } from '@tensorflow/tfjs-backend-wasm';
import wasmPlain from '@tensorflow/tfjs-backend-wasm/dist/tfjs-backend-wasm.wasm?url';
import wasmSimd from '@tensorflow/tfjs-backend-wasm/dist/tfjs-backend-wasm-simd.wasm?url';
import wasmThreaded from '@tensorflow/tfjs-backend-wasm/dist/tfjs-backend-wasm-threaded-simd.wasm?url';
import { isHardwareAdapter, type AdapterLike } from '../core/backend/adapter';
import { installKernels } from '../core/backend/kernels';
import { timeProbeStep } from '../core/backend/probe';
import { BACKENDS, type BackendChoice, type BackendName } from './protocol';

// The WASM binaries are served with the app, so no request leaves its origin.
setWasmPaths({
  'tfjs-backend-wasm.wasm': wasmPlain,
  'tfjs-backend-wasm-simd.wasm': wasmSimd,
  'tfjs-backend-wasm-threaded-simd.wasm': wasmThreaded,
});

// The threaded WASM build (used when the page is cross-origin isolated) caps its XNNPACK pool at
// half of navigator.hardwareConcurrency, assuming two hyperthreads per core. The count the
// module reads at start-up is doubled so the pool may take every logical core but one; that
// one is the page's, which draws the live charts while training runs. On 2 cores, a pool of two
// threads fought the page for them: a 1,000-row table took 72–75 s from drop to done against
// 48 s on one thread (docs/benchmarks.md, "One core for the page").
const logicalCores = navigator.hardwareConcurrency || 1;
Object.defineProperty(navigator, 'hardwareConcurrency', { configurable: true, get: () => 2 * logicalCores });
setThreadsCount(Math.max(1, logicalCores - 1));

const START_TIMEOUT_MS = 30_000;
const ADAPTER_TIMEOUT_MS = 3_000;

export interface BackendInUse {
  backend: BackendName;
  adapter: string;
  note?: string;
}

/**
 * 'auto' starts at once: the backend `remembered` as fastest on this browser when it starts, else
 * WebGPU on a hardware adapter, else WASM (the others follow in order if those fail). Timing every
 * backend takes tens of seconds without a GPU, so it waits for `timeBackends`. A named backend is
 * used when it starts, else the first that does in WebGPU → WebGL → WASM → CPU order.
 * Installs the kernel patches training needs first (every backend's module is imported above).
 */
export async function switchBackend(choice: BackendChoice, remembered?: BackendName): Promise<BackendInUse> {
  installKernels();
  if (choice !== 'auto') return firstWorking([choice, ...BACKENDS.filter((b) => b !== choice)]);
  const first = remembered ?? ((await hasHardwareGpu()) ? 'webgpu' : 'wasm');
  const started = await firstWorking([first, ...BACKENDS.filter((b) => b !== first)]);
  if (started.backend !== first || started.note) return started;
  const why = remembered ? 'fastest when last timed here' : first === 'webgpu' ? 'a hardware GPU is present' : 'no hardware GPU found';
  return { ...started, note: `Chose ${first}: ${why}. Time backends to measure.` };
}

/**
 * Times a probe step on every backend that starts; `fastest` is the winner. Ends on the winner
 * for 'auto', else back on the chosen backend (or the first that starts after it).
 */
export async function timeBackends(choice: BackendChoice): Promise<BackendInUse & { fastest: BackendName }> {
  installKernels();
  const timings: { name: BackendName; ms: number }[] = [];
  for (const name of BACKENDS) {
    try {
      if (!(await withTimeout(tf.setBackend(name), START_TIMEOUT_MS))) continue;
      await tf.ready();
      timings.push({ name, ms: await timeProbeStep() });
    } catch {
      // A backend that fails to start or to run is not a candidate.
    }
  }
  if (timings.length === 0) throw new Error('No TensorFlow.js backend could start in this browser.');
  timings.sort((a, b) => a.ms - b.ms);
  const fastest = timings[0].name;
  const keep = choice === 'auto' ? fastest : choice;
  const started = await firstWorking([keep, ...BACKENDS.filter((b) => b !== keep)]);
  const note = `Fastest of ${timings.map((t) => `${t.name} ${Math.round(t.ms)} ms`).join(', ')} per probe step.`;
  return { ...started, note: started.note ? `${note} ${started.note}` : note, fastest };
}

// A software WebGPU adapter (SwiftShader, llvmpipe) trains far slower than WASM.
async function hasHardwareGpu(): Promise<boolean> {
  const gpu = (navigator as unknown as { gpu?: { requestAdapter(): Promise<AdapterLike | null> } }).gpu;
  if (!gpu) return false;
  try {
    return isHardwareAdapter(await withTimeout(gpu.requestAdapter(), ADAPTER_TIMEOUT_MS));
  } catch {
    return false;
  }
}

interface LostInfo {
  reason: string;
  message: string;
}

let lost: Promise<LostInfo> | null = null;
const watched = new WeakSet<object>();

/** Notes when the WebGPU backend's device is lost (a driver reset, a GPU taken away), so training can move on. */
function watchDevice(): void {
  const device = (tf.backend() as unknown as { device?: { lost: Promise<LostInfo>; destroy(): void } }).device;
  if (!device || watched.has(device)) return;
  watched.add(device);
  lost = device.lost.then((info) => ({ reason: info.reason, message: info.message }));
  // A test loses the device as a driver reset would: destroyed, every later call failing.
  (self as unknown as { loseGpuDevice?: () => void }).loseGpuDevice = () => device.destroy();
}

/**
 * Whether the WebGPU device in use was lost, with its reason; null while it works (or on another
 * backend). Asked after a failure: the loss is told a moment after the call that failed on it.
 */
export async function gpuLost(): Promise<LostInfo | null> {
  if (tf.getBackend() !== 'webgpu' || !lost) return null;
  return Promise.race([lost, new Promise<null>((resolve) => setTimeout(() => resolve(null), LOSS_WAIT_MS))]);
}

const LOSS_WAIT_MS = 1000;

async function firstWorking(order: readonly BackendName[]): Promise<BackendInUse> {
  const failed: string[] = [];
  for (const name of order) {
    try {
      if (await withTimeout(tf.setBackend(name), START_TIMEOUT_MS)) {
        await tf.ready();
        if (name === 'webgpu') watchDevice();
        const note = failed.length ? `${failed.join(', ')} not available here; using ${name}.` : undefined;
        return { backend: name, adapter: await describe(name), note };
      }
      failed.push(name);
    } catch (err) {
      failed.push(`${name} (${(err as Error).message})`);
    }
  }
  throw new Error('No TensorFlow.js backend could start in this browser.');
}

function withTimeout<T>(promise: Promise<T>, ms: number): Promise<T> {
  return Promise.race([promise, new Promise<T>((_, reject) => setTimeout(() => reject(new Error(`did not start within ${ms / 1000} s`)), ms))]);
}

async function describe(name: BackendName): Promise<string> {
  if (name === 'webgpu') {
    const gpu = (navigator as unknown as { gpu?: { requestAdapter(): Promise<unknown> } }).gpu;
    const adapter = (await gpu?.requestAdapter()) as { info?: Record<string, string> } | null;
    const info = adapter?.info;
    return [info?.vendor, info?.architecture, info?.description].filter(Boolean).join(' ') || 'WebGPU adapter';
  }
  if (name === 'webgl') {
    const version = tf.env().getNumber('WEBGL_VERSION');
    return `WebGL ${version}`;
  }
  if (name === 'wasm') {
    const simd = await tf.env().getAsync('WASM_HAS_SIMD_SUPPORT');
    const threads = getThreadsCount();
    return `WebAssembly${simd ? ' SIMD' : ''}, ${threads} thread${threads === 1 ? '' : 's'}`;
  }
  return 'JavaScript on the CPU';
}
