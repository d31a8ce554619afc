import { afterEach, describe, expect, it, vi } from 'vitest';
import { localBackendMemory, type BackendMemory } from './backendMemory';
import { createStudioStore } from './store';
import type { BackendName, ToWorker } from '../worker/protocol';

function studio(memory: BackendMemory) {
  const sent: ToWorker[] = [];
  const { store, receive } = createStudioStore({ send: (m) => void sent.push(m) }, memory);
  return { store, receive, sent };
}

function fakeMemory(initial?: BackendName): BackendMemory & { value?: BackendName } {
  const memory: BackendMemory & { value?: BackendName } = { value: initial, recall: () => memory.value, remember: (b) => void (memory.value = b) };
  return memory;
}

describe('the remembered backend', () => {
  afterEach(() => vi.unstubAllGlobals());

  it("starts 'auto' on the backend remembered from the last timing, or lets the worker pick", () => {
    const first = studio(fakeMemory());
    first.store.getState().startBackend();
    expect(first.sent).toEqual([{ type: 'backend', choice: 'auto' }]);

    const again = studio(fakeMemory('webgl'));
    again.store.getState().startBackend();
    expect(again.sent).toEqual([{ type: 'backend', choice: 'auto', remembered: 'webgl' }]);
    // An explicit choice is sent as it is.
    again.store.getState().chooseBackend('cpu');
    expect(again.sent.at(-1)).toEqual({ type: 'backend', choice: 'cpu' });
  });

  it('times on request and remembers the winner, not a backend merely chosen', () => {
    const memory = fakeMemory();
    const { store, receive, sent } = studio(memory);
    receive({ type: 'backend', backend: 'wasm', adapter: 'WebAssembly SIMD' });
    store.getState().timeBackends();
    expect(sent.at(-1)).toEqual({ type: 'timeBackends', choice: 'auto' });
    expect(store.getState().backendTiming).toBe(true);
    receive({ type: 'backend', backend: 'webgl', adapter: 'WebGL 2', note: 'Fastest of webgl 20 ms, wasm 25 ms per probe step.', fastest: 'webgl' });
    expect(store.getState()).toMatchObject({ backend: 'webgl', backendTiming: false, backendNote: expect.stringContaining('webgl 20 ms') });
    expect(memory.value).toBe('webgl');
    receive({ type: 'backend', backend: 'cpu', adapter: 'JavaScript on the CPU' });
    expect(memory.value).toBe('webgl');
  });

  it('ends the timing when it fails', () => {
    const { store, receive } = studio(fakeMemory());
    store.getState().timeBackends();
    receive({ type: 'error', task: 'backend', message: 'No TensorFlow.js backend could start in this browser.' });
    expect(store.getState().backendTiming).toBe(false);
  });

  it('keeps the winner in localStorage and ignores what is not a backend or cannot be read', () => {
    const items = new Map<string, string>();
    vi.stubGlobal('localStorage', { getItem: (k: string) => items.get(k) ?? null, setItem: (k: string, v: string) => void items.set(k, v) });
    const memory = localBackendMemory();
    expect(memory.recall()).toBeUndefined();
    memory.remember('webgpu');
    expect(localBackendMemory().recall()).toBe('webgpu');
    for (const key of items.keys()) items.set(key, 'tensorflow');
    expect(memory.recall()).toBeUndefined();

    vi.stubGlobal('localStorage', {
      getItem: () => {
        throw new Error('SecurityError');
      },
      setItem: () => {
        throw new Error('SecurityError');
      },
    });
    expect(memory.recall()).toBeUndefined();
    expect(() => memory.remember('wasm')).not.toThrow();
  });
});
