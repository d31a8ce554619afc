import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { Worker } from 'node:worker_threads';
import type { SynthReply } from './synthThread.worker';

export type { SynthReply };

// A worker thread starts as plain JavaScript: tsx's loader is registered there before the TypeScript entry is imported.
// Both are passed as file URLs: an eval-ed script resolves package names from the working folder, not from here.
const BOOT = `
const { workerData } = require('node:worker_threads');
import(workerData.tsx).then((tsx) => {
  tsx.register();
  return import(workerData.entry);
});
`;

/**
 * Runs `runSynth` in a worker thread of this process, so that many runs share one start-up and
 * a run that hangs (a synchronous loop that no promise timeout can interrupt) is ended by
 * terminating the thread; the next run starts a fresh one.
 */
export class SynthThread {
  private worker: Worker | null = null;
  /** Threads started so far: more than one means a run was cut off and the process state was reset. */
  started = 0;

  /** The run's reply, or 'timeout' when it had not answered after `timeoutMs` (the thread is then ended). */
  run(argv: string[], timeoutMs: number): Promise<SynthReply | 'timeout'> {
    const worker = this.thread();
    return new Promise((resolve, reject) => {
      const done = () => {
        clearTimeout(timer);
        worker.off('message', onMessage);
        worker.off('error', onError);
      };
      const onMessage = (reply: SynthReply) => {
        done();
        resolve(reply);
      };
      const onError = (err: Error) => {
        done();
        this.worker = null;
        reject(err);
      };
      const timer = setTimeout(() => {
        done();
        void this.close();
        resolve('timeout');
      }, timeoutMs);
      worker.on('message', onMessage);
      worker.on('error', onError);
      worker.postMessage(argv);
    });
  }

  async close(): Promise<void> {
    const worker = this.worker;
    this.worker = null;
    await worker?.terminate();
  }

  private thread(): Worker {
    if (this.worker) return this.worker;
    const tsx = tsxRegisterUrl();
    const entry = new URL('./synthThread.worker.ts', import.meta.url).href;
    this.worker = new Worker(BOOT, { eval: true, workerData: { tsx, entry } });
    this.started++;
    return this.worker;
  }
}

/** tsx's ESM `register` module (its CommonJS build cannot be loaded from an eval-ed script). */
function tsxRegisterUrl(): string {
  const manifest = createRequire(import.meta.url).resolve('tsx/package.json');
  const { exports } = JSON.parse(readFileSync(manifest, 'utf8')) as { exports: Record<string, { import: { default: string } }> };
  return pathToFileURL(join(dirname(manifest), exports['./esm/api'].import.default)).href;
}
