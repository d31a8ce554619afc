import { describe, expect, it } from 'vitest';
import { isHardwareAdapter } from './adapter';

describe('isHardwareAdapter', () => {
  it('takes a GPU adapter', () => {
    expect(isHardwareAdapter({ info: { vendor: 'nvidia', architecture: 'hopper', description: 'NVIDIA H200' } })).toBe(true);
    expect(isHardwareAdapter({ isFallbackAdapter: false, info: { vendor: 'apple', architecture: 'common-3' } })).toBe(true);
  });

  it('refuses no adapter, a fallback adapter and software rasterisers', () => {
    expect(isHardwareAdapter(null)).toBe(false);
    expect(isHardwareAdapter({ isFallbackAdapter: true, info: { vendor: 'nvidia' } })).toBe(false);
    expect(isHardwareAdapter({ info: { isFallbackAdapter: true, vendor: 'nvidia' } })).toBe(false);
    expect(isHardwareAdapter({ info: { vendor: 'google', architecture: 'swiftshader', description: 'SwiftShader Device (Subzero)' } })).toBe(false);
    expect(isHardwareAdapter({ info: { vendor: 'mesa', device: 'llvmpipe (LLVM 15.0.6, 256 bits)' } })).toBe(false);
  });
});
