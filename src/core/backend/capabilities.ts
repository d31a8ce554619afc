// What the code does differently on each tfjs backend, in one table, so a branch asks for a
// property rather than comparing backend names. No tfjs import: the worker protocol takes
// BackendName from here.

/** The tfjs backends the app and the CLI start. */
export type BackendName = 'webgpu' | 'webgl' | 'wasm' | 'cpu';

export interface BackendCapabilities {
  /**
   * Work runs on a GPU: generation draws categories on the device (the host's loop over every
   * logit would bound it) and queues one batch ahead of the one it reads.
   */
  gpu: boolean;
  /**
   * Runs WGSL programs of our own (`backend/wgsl.ts`): generation's noise is made on the device
   * (`deviceNormals`), and the optimiser and weight-average updates run fused (`fusedUpdates`).
   */
  wgsl: boolean;
  /**
   * A gather is a plain row copy. On WebGL and WebGPU its gradient (a segment sum) takes many
   * passes, and a one-hot matrix product is a single cheap one.
   */
  gatherRows: boolean;
  /**
   * The matrix-product gradient takes the explicit-transpose form (`installExplicitTransposeGradients`).
   * Measured on Adult's default model: WASM 650 → 180 ms per step; CPU unchanged.
   */
  explicitTranspose: boolean;
  /**
   * Rows generated per batch. On WebGPU each batch costs about 12 ms of dispatch whatever its
   * size: on an H200, 20,000-row batches generated 275k rows/s against 183k with 5,000. CPU
   * backends gain nothing from larger ones.
   */
  generationBatch: number;
}

const GENERATION_BATCH = 5000;

export const BACKEND_CAPABILITIES: Readonly<Record<BackendName, BackendCapabilities>> = {
  webgpu: { gpu: true, wgsl: true, gatherRows: false, explicitTranspose: false, generationBatch: 20_000 },
  webgl: { gpu: true, wgsl: false, gatherRows: false, explicitTranspose: false, generationBatch: GENERATION_BATCH },
  wasm: { gpu: false, wgsl: false, gatherRows: true, explicitTranspose: true, generationBatch: GENERATION_BATCH },
  cpu: { gpu: false, wgsl: false, gatherRows: true, explicitTranspose: false, generationBatch: GENERATION_BATCH },
};

/** A backend not in the table (tfjs-node's 'tensorflow', say) takes none of the special paths. */
const OTHER: BackendCapabilities = { gpu: false, wgsl: false, gatherRows: false, explicitTranspose: false, generationBatch: GENERATION_BATCH };

/** The capabilities of the backend named `backend` (pass `tf.getBackend()` for the one in use). */
export function capabilitiesOf(backend: string): BackendCapabilities {
  return Object.hasOwn(BACKEND_CAPABILITIES, backend) ? BACKEND_CAPABILITIES[backend as BackendName] : OTHER;
}
