import { createContext, useContext, type ReactNode } from 'react';
import { useStore } from 'zustand';
import { useShallow } from 'zustand/react/shallow';
import { createStudioStore, type StudioStore } from '../state/store';
import type { StudioState } from '../state/types';
import { StudioClient } from '../worker/client';
import { saveFile } from './saveFile';

const StudioContext = createContext<StudioStore | null>(null);

/** Starts the worker and a store wired to it; `dispose` ends both. A crashed worker is replaced. */
export function createStudio(): { store: StudioStore; dispose(): void } {
  let client = new StudioClient();
  const { store, receive } = createStudioStore({ send: (message) => client.send(message) });
  let unsubscribe = () => {};
  const start = () => {
    unsubscribe = client.subscribe((message) => {
      if (message.type === 'file') saveFile(message.blob, message.name);
      receive(message);
    });
    client.onCrash((why) => {
      unsubscribe();
      client.terminate();
      client = new StudioClient();
      start();
      // The new worker starts on the next backend and resumes what this browser kept.
      store.getState().restartAfterCrash(why);
    });
  };
  start();
  store.getState().startBackend();
  // A project kept by an earlier visit is offered for Resume.
  client.send({ type: 'project' });
  return {
    store,
    dispose: () => {
      unsubscribe();
      client.terminate();
    },
  };
}

/** The studio lives as long as the page: StrictMode's extra unmount must not end its worker. */
export function StudioProvider({ studio, children }: { studio: ReturnType<typeof createStudio>; children: ReactNode }) {
  return <StudioContext.Provider value={studio.store}>{children}</StudioContext.Provider>;
}

export function useStudioStore(): StudioStore {
  const store = useContext(StudioContext);
  if (!store) throw new Error('useStudioStore needs a StudioProvider above it.');
  return store;
}

/** Reads a slice of the studio's state; re-renders only when that slice changes. */
export function useStudio<T>(selector: (s: StudioState) => T): T {
  return useStore(useStudioStore(), useShallow(selector));
}
