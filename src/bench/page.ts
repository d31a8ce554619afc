import type { BackendChoice } from '../worker/protocol';
import type { BenchResult } from './benchmark';
import type { BenchMessage, BenchRequest } from './protocol';

declare global {
  interface Window {
    benchDone?: Promise<BenchResult>;
  }
}

const params = new URLSearchParams(location.search);
const request: BenchRequest = {
  backend: (params.get('backend') ?? 'auto') as BackendChoice,
  epochs: Number(params.get('epochs') ?? 3),
  maxTrainSeconds: Number(params.get('maxTrainSeconds') ?? 600),
  generateRows: Number(params.get('rows') ?? 100_000),
  csvUrl: `${import.meta.env.BASE_URL}adult.csv`,
  config: JSON.parse(params.get('config') ?? '{}') as BenchRequest['config'],
};
const log = document.getElementById('log')!;
const worker = new Worker(new URL('./bench.worker.ts', import.meta.url), { type: 'module' });
window.benchDone = new Promise<BenchResult>((resolve, reject) => {
  worker.onmessage = (event: MessageEvent<BenchMessage>) => {
    const m = event.data;
    if (m.type === 'log') {
      log.textContent += `${m.line}\n`;
      console.log(m.line);
    } else if (m.type === 'result') resolve(m.result);
    else reject(new Error(m.message));
  };
});
worker.postMessage(request);
