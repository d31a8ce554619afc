import type { FromWorker, ToWorker } from './protocol';

/** The page's handle on the studio worker: typed messages both ways. */
export class StudioClient {
  private readonly worker: Worker;

  constructor() {
    this.worker = new Worker(new URL('./training.worker.ts', import.meta.url), { type: 'module', name: 'studio' });
  }

  send(message: ToWorker): void {
    this.worker.postMessage(message);
  }

  subscribe(listener: (message: FromWorker) => void): () => void {
    const handler = (event: MessageEvent<FromWorker>) => listener(event.data);
    this.worker.addEventListener('message', handler);
    return () => this.worker.removeEventListener('message', handler);
  }

  /** Calls `listener` when the worker stops on an error nothing in it caught (a crash). */
  onCrash(listener: (message: string) => void): void {
    this.worker.addEventListener('error', (event) => {
      event.preventDefault();
      listener(event.message || 'the worker stopped');
    });
  }

  terminate(): void {
    this.worker.terminate();
  }
}
