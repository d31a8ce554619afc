// Whether a WebGPU adapter is a real GPU. No DOM types: the adapter is described structurally,
// so the check runs under Node and in tests.

/** The parts of a `GPUAdapter` the check reads (`isFallbackAdapter` moved to `info` in newer browsers). */
export interface AdapterLike {
  isFallbackAdapter?: boolean;
  info?: { isFallbackAdapter?: boolean; vendor?: string; architecture?: string; device?: string; description?: string };
}

// Software rasterisers that expose WebGPU: correct but many times slower than WASM for training.
const SOFTWARE = /swiftshader|llvmpipe|lavapipe|softpipe|\bwarp\b|microsoft basic render/i;

/** True for an adapter on a GPU; false for none, a fallback adapter, or a software one. */
export function isHardwareAdapter(adapter: AdapterLike | null | undefined): boolean {
  if (!adapter) return false;
  if (adapter.isFallbackAdapter || adapter.info?.isFallbackAdapter) return false;
  const info = adapter.info ?? {};
  return !SOFTWARE.test([info.vendor, info.architecture, info.device, info.description].filter(Boolean).join(' '));
}
