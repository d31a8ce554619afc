import { effectiveBatch, type ModelConfig } from '../core/model/config';
import type { ImageSeedView } from '../core/session/imageTypes';
import { plannedEpochs, refineSteps, stepCost, stepsPerEpoch, validationRows } from '../core/train/budget';
import { speedKey } from './reduce';

// The run's length and the time it will take, shown before Train.

// Seconds a training step takes at a batch of 500 on each backend with no GPU: WASM from the
// app's default runs of the first 1,000 rows of employees and of Adult, drop to done, judging,
// refining and live view included (docs/benchmarks.md, "An estimate that follows the machine");
// the others from the bench (WebGL 82 s, CPU 119 s an epoch of 65 steps); WebGPU assumes a GPU.
// Used only until this page has timed a run of its own.
const PRIOR_STEP_SECONDS: Record<string, number> = { wasm: 0.129, webgpu: 0.08, webgl: 1.26, cpu: 1.84 };

/**
 * The probe step's milliseconds (see timeProbeStep) on the sitting the WASM prior comes from.
 * The same machine kind runs the same run up to 1.7 times slower on some days than others; the
 * probe, timed when the backend starts, scales the prior by as much. The other priors come
 * from other sittings and stay as they are.
 */
export const PRIOR_PROBE_MS: Record<string, number> = { wasm: 28 };
/**
 * How far the probe may move the prior. Other work only ever slows a probe, so a quick one is
 * believed further (a machine five times quicker than this one is common) than a slow one.
 */
const PROBE_SCALE = { min: 0.2, max: 3 };

/** Seconds per step for `backend` at `batch`: measured on this page, or the prior scaled by this page's probe; and which. */
function stepSeconds(speed: Record<string, number>, probeMs: Record<string, number>, backend: string | null, batch: number): { seconds: number; basis: string } {
  const measured = speed[speedKey(backend, batch)];
  if (measured) return { seconds: measured, basis: 'From the steps timed on this page.' };
  const name = backend ?? 'wasm';
  const prior = (PRIOR_STEP_SECONDS[name] ?? PRIOR_STEP_SECONDS.wasm) * stepCost(batch);
  const [probe, reference] = [probeMs[name], PRIOR_PROBE_MS[name]];
  if (!probe || !reference) return { seconds: prior, basis: 'From a typical machine of two cores.' };
  const scale = Math.min(PROBE_SCALE.max, Math.max(PROBE_SCALE.min, probe / reference));
  return { seconds: prior * scale, basis: `From a typical machine of two cores, scaled by a probe step timed here: ${Math.round(probe)} ms against ${reference} ms.` };
}

export interface Plan {
  epochs: number;
  steps: number;
  estimate: number;
  basis?: string;
}

export function tablePlan(config: ModelConfig, rowCount: number, speed: Record<string, number>, probeMs: Record<string, number>, backend: string | null): Plan {
  const epochs = plannedEpochs(config, rowCount);
  const trainingRows = rowCount - validationRows(rowCount);
  const steps = epochs * stepsPerEpoch(config, trainingRows);
  // Refining the rows after the last epoch is part of the wait.
  const work = steps + refineSteps(config, trainingRows);
  const { seconds, basis } = stepSeconds(speed, probeMs, backend, effectiveBatch(config, trainingRows));
  return { epochs, steps, estimate: work * seconds, basis };
}

// Seconds an image-model step takes at 32 × 32 grey with no GPU, until this page has timed one
// (the bench: WASM 0.40 s; 0.12 s at 16 px, 1.9 s at 64 px colour; CPU 9.9 s). WebGPU assumes a GPU.
const PRIOR_IMAGE_STEP_SECONDS: Record<string, number> = { wasm: 0.4, webgpu: 0.4, webgl: 3, cpu: 10 };

export function imagePlan(images: ImageSeedView, chosen: number | 'auto', speed: Record<string, number>, backend: string | null): Plan {
  const epochs = chosen === 'auto' ? images.plannedEpochs : chosen;
  const steps = epochs * images.stepsPerEpoch;
  const { size, channels } = images.choices;
  const prior = (PRIOR_IMAGE_STEP_SECONDS[backend ?? 'wasm'] ?? PRIOR_IMAGE_STEP_SECONDS.wasm) * (size / 32) ** 2 * (channels === 3 ? 1.1 : 1);
  return { epochs, steps, estimate: steps * (speed[speedKey(backend, images.choices)] ?? prior) };
}
