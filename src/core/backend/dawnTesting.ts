// What the tests that need WebGPU under Node share: Dawn over SwiftShader (software Vulkan),
// inputs drawn from a seed, and a comparison within float tolerance. Imported by tests only.
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { expect } from 'vitest';
import { Rng } from '../util/rng';
import { softwareVulkan, startNodeBackend } from './node';

/** The SwiftShader driver, or undefined where it is not installed: `describe.skipIf(!SWIFTSHADER)`. */
export const SWIFTSHADER = softwareVulkan();

let started: Promise<string> | null = null;

/**
 * Starts tfjs's WebGPU backend on Dawn over SwiftShader, with the studio's kernels, once per
 * test file: a second start made a second Dawn instance, and the worker sometimes crashed when
 * it was collected.
 */
export function startSoftwareDawn(): Promise<string> {
  if (!SWIFTSHADER) throw new Error('SwiftShader is not installed.');
  process.env.VK_ICD_FILENAMES = SWIFTSHADER;
  process.env.XDG_RUNTIME_DIR ??= mkdtempSync(join(tmpdir(), 'dawn-'));
  return (started ??= startNodeBackend('dawn'));
}

/** `n` draws of shift + scale · N(0, 1), the same for the same seed. */
export function normals(n: number, seed: number, scale = 1, shift = 0): Float32Array {
  const rng = new Rng(seed);
  return Float32Array.from({ length: n }, () => shift + scale * rng.normal());
}

/** Every value of `a` within `tolerance` of `b`'s, relative where |b| > 1. */
export function expectClose(a: Float32Array, b: Float32Array, tolerance: number): void {
  expect(a.length).toBe(b.length);
  const worst = a.reduce((w, x, i) => Math.max(w, Math.abs(x - b[i]) / Math.max(1, Math.abs(b[i]))), 0);
  expect(worst).toBeLessThan(tolerance);
}
