import * as tf from '@tensorflow/tfjs';
import '@tensorflow/tfjs-backend-wasm';
import { startDawn } from '../cli/dawn';

/**
 * Starts a bench backend under Node: 'dawn' is tfjs's WebGPU backend over Dawn (it needs a
 * Vulkan device, else SwiftShader); anything else tfjs's WASM backend on one thread. Returns the adapter's name.
 */
export async function startNodeBackend(backend: string): Promise<string> {
  if (backend === 'dawn') return startDawn({ software: true });
  tf.env().set('WASM_HAS_MULTITHREAD_SUPPORT', false);
  await tf.setBackend('wasm');
  return 'Node.js, tfjs WASM backend (single thread)';
}
