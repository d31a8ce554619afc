import type { BackendChoice } from '../worker/protocol';
import type { ModelConfig } from '../core/model/config';
import type { BenchResult } from './benchmark';

export interface BenchRequest {
  backend: BackendChoice;
  epochs: number;
  maxTrainSeconds: number;
  generateRows: number;
  csvUrl: string;
  /** Settings that differ from the defaults, to measure a change against them. */
  config?: Partial<ModelConfig>;
}

export type BenchMessage = { type: 'log'; line: string } | { type: 'result'; result: BenchResult } | { type: 'error'; message: string };
