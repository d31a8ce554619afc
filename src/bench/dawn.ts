import * as tf from '@tensorflow/tfjs';
import { existsSync } from 'node:fs';

// Chromium ships SwiftShader's Vulkan driver; on a machine with no GPU it lets Dawn start, slowly.
const SWIFTSHADER_ICD = ['/usr/lib/chromium/vk_swiftshader_icd.json', '/usr/lib64/chromium/vk_swiftshader_icd.json'];

/**
 * Starts tfjs's WebGPU backend under Node on Dawn (the `webgpu` package), the engine Chromium's
 * WebGPU runs on, so a real GPU can be measured without a browser. Returns the adapter's name.
 */
export async function startDawn(): Promise<string> {
  const { create, globals } = await import('webgpu');
  Object.assign(globalThis, globals);
  let gpu = create([]);
  let adapter = await gpu.requestAdapter({ powerPreference: 'high-performance' });
  const icd = SWIFTSHADER_ICD.find((p) => existsSync(p));
  if (!adapter && icd && !process.env.VK_ICD_FILENAMES) {
    process.env.VK_ICD_FILENAMES = icd;
    gpu = create([]);
    adapter = await gpu.requestAdapter();
  }
  if (!adapter) throw new Error('Dawn found no Vulkan adapter: install the GPU driver\'s Vulkan ICD (or Chromium, for SwiftShader) and libvulkan1.');
  // Node 20 has no navigator; Node 21+ has one without `gpu`. tfjs's WebGPU backend registers itself only when it sees navigator.gpu.
  Object.defineProperty(globalThis, 'navigator', { value: { gpu }, configurable: true, writable: true });
  await import('@tensorflow/tfjs-backend-webgpu');
  if (!(await tf.setBackend('webgpu'))) throw new Error('tfjs could not start its WebGPU backend on Dawn.');
  await tf.ready();
  const { vendor, architecture, description } = adapter.info;
  return `Dawn (Node), ${[vendor, architecture, description].filter(Boolean).join(' ')}`;
}
