import * as tf from '@tensorflow/tfjs';
import { installConvKernels } from './convKernels';
import { installCopyKernels } from './copyKernels';
import { installExplicitTransposeGradients } from './matmulGradient';
import { installSecondOrderGradients } from './secondOrder';

/**
 * Patches tfjs for training: gradients of comparisons (WGAN-GP's second-order gradient), the
 * explicit-transpose matrix-product gradient on WASM, the copy kernels (WASM's gather, slice,
 * split, identity and segment sum; the CPU's segment sum) and WASM's convolution filter
 * gradient, which tfjs lacks. Call it once where a backend is started, after the backends'
 * modules are imported: a patch finds nothing to replace for a backend not yet registered.
 * Idempotent: each patch marks what it installed, and a later call only adds what an import
 * since has made possible.
 */
export function installKernels(): void {
  installSecondOrderGradients();
  installExplicitTransposeGradients();
  installCopyKernels();
  installConvKernels();
}

/**
 * Throws unless `installKernels` has run. Without it the first training step fails deep in
 * tfjs ("gradient function not found for Greater"), far from the cause.
 */
export function requireKernels(): void {
  if (tf.getGradient('Greater') === undefined) {
    throw new Error('The kernel patches are not installed: call installKernels() (core/backend/kernels) where the backend is started.');
  }
}
