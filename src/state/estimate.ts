import { effectiveBatch, type ModelConfig } from '../core/model/config';
import type { ImageSeedView } from '../core/session/imageTypes';
import { FIXED_STEP_SHARE, plannedEpochs, refineSteps, stepsPerEpoch, validationRows } from '../core/train/budget';
import { speedKey } from './reduce';

// The run's length and the time it will take, shown before Train.

// What a training step costs on each backend with no GPU, as seconds at a batch of 500 and the
// share of that which does not grow with the batch. WASM's is fitted to the app's default runs
// of the first 1,000 rows of employees and of Adult, drop to done, judging, refining and live
// view included (docs/benchmarks.md, "An estimate that follows the machine"); the others come
// from the bench (WebGL 82 s, CPU 119 s an epoch of 65 steps); WebGPU assumes a GPU.
// Used only until this page has timed a run of its own.
const PRIOR_STEP: Record<string, { at500: number; fixed: number }> = {
  wasm: { at500: 0.1195, fixed: 0.118 },
  webgpu: { at500: 0.08, fixed: FIXED_STEP_SHARE },
  webgl: { at500: 1.26, fixed: FIXED_STEP_SHARE },
  cpu: { at500: 1.84, fixed: FIXED_STEP_SHARE },
};

/**
 * The probe step's milliseconds (see timeProbeStep) on the sitting the WASM prior comes from.
 * The same machine kind runs the same run up to 1.7 times slower on some days than others; the
 * probe, timed when the backend starts, scales the prior by the square root of its ratio to
 * this: across sittings a probe twice as slow went with runs 1.15 (Adult) to 1.6 (1,000 rows)
 * times as long, never twice. The other priors come from other sittings and stay as they are.
 */
export const PRIOR_PROBE_MS: Record<string, number> = { wasm: 15 };
const PROBE_POWER = 0.5;
/**
 * How far the probe may move the prior. Other work only ever slows a probe, so a quick one is
 * believed further (a machine five times quicker than this one is common) than a slow one.
 */
const PROBE_SCALE = { min: 0.2, max: 3 };

/** The prior's seconds for one step at `batch` on `name`. */
function priorSeconds(name: string, batch: number): number {
  const { at500, fixed } = PRIOR_STEP[name] ?? PRIOR_STEP.wasm;
  return at500 * (fixed + ((1 - fixed) * batch) / 500);
}

/** Seconds per step for `backend` at `batch`: measured on this page, or the prior scaled by this page's probe; and which. */
function stepSeconds(speed: Record<string, number>, probeMs: Record<string, number>, backend: string | null, batch: number): { seconds: number; basis: string } {
  const measured = speed[speedKey(backend, batch)];
  if (measured) return { seconds: measured, basis: 'From the steps timed on this page.' };
  const name = backend ?? 'wasm';
  const prior = priorSeconds(name, batch);
  const [probe, reference] = [probeMs[name], PRIOR_PROBE_MS[name]];
  if (!probe || !reference) return { seconds: prior, basis: 'From a typical machine of two cores.' };
  const scale = Math.min(PROBE_SCALE.max, Math.max(PROBE_SCALE.min, (probe / reference) ** PROBE_POWER));
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
