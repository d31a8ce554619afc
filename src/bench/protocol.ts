import type { BackendChoice } from '../worker/protocol';
import type { BenchResult } from './benchmark';

export interface BenchRequest {
  backend: BackendChoice;
  epochs: number;
  maxTrainSeconds: number;
  generateRows: number;
  csvUrl: string;
}

export type BenchMessage = { type: 'log'; line: string } | { type: 'result'; result: BenchResult } | { type: 'error'; message: string };
