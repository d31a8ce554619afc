import * as tf from '@tensorflow/tfjs';
import { capabilitiesOf } from '../core/backend/capabilities';
import { countGpuWork, workBetween, type GpuWork } from '../core/backend/gpuWork';
import type { Session } from '../core/session/session';

/**
 * The WebGPU work of one training step and of one generated batch: means over the steps after
 * the first (which fills the buffer pool), since steps differ (the gradient penalty runs on
 * every `penaltyEvery`th step).
 */
export interface StepWork {
  steps: number;
  perStep: Omit<GpuWork, 'programs'>;
  /** The first step's buffer creations: the pool filling, before it is reused. */
  firstStepAllocations: number;
  /** A step's dispatches by program (means), most first. */
  stepPrograms: Record<string, number>;
  batches: number;
  batchRows: number;
  perBatch: Omit<GpuWork, 'programs'>;
}

const FIELDS = ['dispatches', 'allocations', 'uploads', 'readbacks'] as const;

/**
 * Trains the session's prepared model `steps` steps more in its own loop and then generates
 * `batches` batches of the backend's generation batch, counting the WebGPU work of each step and of the
 * generation. Null when the backend is not WebGPU.
 */
export async function measureStepWork(session: Session, steps: number, batches: number): Promise<StepWork | null> {
  const counter = countGpuWork();
  if (!counter) return null;
  const batchRows = capabilitiesOf(tf.getBackend()).generationBatch;
  try {
    const perStep: GpuWork[] = [];
    let last = counter.read();
    let done = 0;
    const control = { stopped: () => done >= steps, resume: async () => {} };
    const betweenSteps = () => {
      const now = counter.read();
      perStep.push(workBetween(last, now));
      last = now;
      done++;
    };
    await session.train({ control, betweenSteps, readEvery: 10 }, 1_000);
    const before = counter.read();
    await session.generate(batchRows * batches, { keep: false, maxRows: Number.MAX_SAFE_INTEGER });
    const generation = workBetween(before, counter.read());
    const steady = perStep.length > 1 ? perStep.slice(1) : perStep;
    const mean = (xs: number[]) => xs.reduce((a, b) => a + b, 0) / xs.length;
    const programs = new Map<string, number>();
    for (const w of steady) for (const [k, n] of Object.entries(w.programs)) programs.set(k, (programs.get(k) ?? 0) + n / steady.length);
    return {
      steps: perStep.length,
      perStep: Object.fromEntries(FIELDS.map((f) => [f, mean(steady.map((w) => w[f]))])) as StepWork['perStep'],
      firstStepAllocations: perStep[0]?.allocations ?? 0,
      stepPrograms: Object.fromEntries([...programs].sort((a, b) => b[1] - a[1])),
      batches,
      batchRows,
      perBatch: Object.fromEntries(FIELDS.map((f) => [f, generation[f] / batches])) as StepWork['perBatch'],
    };
  } finally {
    counter.stop();
  }
}
