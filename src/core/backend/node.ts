// Backend start-up under Node (the CLI, the bench, scripts); it reads the file system, so
// nothing the browser bundles imports it.
import * as tf from '@tensorflow/tfjs';
import '@tensorflow/tfjs-backend-wasm';
import { existsSync } from 'node:fs';
import { InputError } from '../util/errors';
import { installKernels } from './kernels';

// Chromium ships SwiftShader's Vulkan driver; on a machine with no GPU it lets Dawn start, slowly.
export const SWIFTSHADER_ICD = ['/usr/lib/chromium/vk_swiftshader_icd.json', '/usr/lib64/chromium/vk_swiftshader_icd.json'];
const VULKAN_LOADER = ['/lib/x86_64-linux-gnu/libvulkan.so.1', '/usr/lib/x86_64-linux-gnu/libvulkan.so.1', '/usr/lib64/libvulkan.so.1'];

/** SwiftShader's driver file, when it and the Vulkan loader are both installed (Dawn can then run on the CPU). */
export function softwareVulkan(): string | undefined {
  const icd = SWIFTSHADER_ICD.find((p) => existsSync(p));
  return icd && VULKAN_LOADER.some((p) => existsSync(p)) ? icd : undefined;
}

/**
 * Starts tfjs's WebGPU backend under Node on Dawn (the `webgpu` package), the engine Chromium's
 * WebGPU runs on, so a GPU serves the CLI and the bench without a browser. With `software`, a
 * machine with no GPU falls back to SwiftShader (correct, minutes an epoch). Returns the adapter's name.
 */
export async function startDawn({ software }: { software: boolean }): Promise<string> {
  const { create, globals } = await import('webgpu');
  Object.assign(globalThis, globals);
  let gpu = create([]);
  let adapter = await gpu.requestAdapter({ powerPreference: 'high-performance' });
  const icd = SWIFTSHADER_ICD.find((p) => existsSync(p));
  if (!adapter && software && icd && !process.env.VK_ICD_FILENAMES) {
    process.env.VK_ICD_FILENAMES = icd;
    gpu = create([]);
    adapter = await gpu.requestAdapter();
  }
  if (!adapter) {
    throw new InputError('No Vulkan GPU found for WebGPU: install the GPU driver\'s Vulkan support and libvulkan1, or use --backend wasm.');
  }
  // Node 20 has no navigator; Node 21+ has one without `gpu`. tfjs's WebGPU backend registers itself only when it sees navigator.gpu.
  Object.defineProperty(globalThis, 'navigator', { value: { gpu }, configurable: true, writable: true });
  await import('@tensorflow/tfjs-backend-webgpu');
  if (!(await tf.setBackend('webgpu'))) throw new Error('tfjs could not start its WebGPU backend on Dawn.');
  await tf.ready();
  const { vendor, architecture, description } = adapter.info;
  return `Dawn (Node), ${[vendor, architecture, description].filter(Boolean).join(' ')}`;
}

/**
 * Starts a bench backend under Node: 'dawn' is tfjs's WebGPU backend over Dawn (it needs a
 * Vulkan device, else SwiftShader); anything else tfjs's WASM backend on one thread. Installs
 * the kernel patches training needs. Returns the adapter's name.
 */
export async function startNodeBackend(backend: string): Promise<string> {
  const adapter = backend === 'dawn' ? await startDawn({ software: true }) : await startWasm();
  installKernels();
  return adapter;
}

async function startWasm(): Promise<string> {
  tf.env().set('WASM_HAS_MULTITHREAD_SUPPORT', false);
  await tf.setBackend('wasm');
  return 'Node.js, tfjs WASM backend (single thread)';
}
