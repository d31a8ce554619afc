import { BACKENDS, type BackendName } from '../worker/protocol';

/** Where the page keeps the backend that won the last timing, so that 'auto' starts on it next time. */
export interface BackendMemory {
  recall(): BackendName | undefined;
  remember(backend: BackendName): void;
}

const KEY = 'mitosis-studio.fastest-backend';

/**
 * The browser's localStorage. Reading it can throw (storage blocked) or find no storage at all
 * (Node): then nothing is remembered, and 'auto' picks as on a first visit.
 */
export function localBackendMemory(): BackendMemory {
  return {
    recall: () => {
      try {
        const value = globalThis.localStorage?.getItem(KEY);
        return BACKENDS.find((b) => b === value);
      } catch {
        return undefined;
      }
    },
    remember: (backend) => {
      try {
        globalThis.localStorage?.setItem(KEY, backend);
      } catch {
        // Not remembered: the next visit picks quickly again.
      }
    },
  };
}
