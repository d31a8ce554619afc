import { describe, expect, it } from 'vitest';
import { createStudioStore } from './store';
import type { StudioReport } from '../core/metrics/qualityReport';
import type { ToWorker } from '../worker/protocol';

function studio() {
  const sent: ToWorker[] = [];
  const { store, receive } = createStudioStore({ send: (m) => void sent.push(m) });
  return { store, receive, sent };
}

describe('studio state', () => {
  it('keeps what was loaded when a later load fails', () => {
    const { store, receive } = studio();
    receive({ type: 'loaded', name: 'a.csv', rows: 10, columns: [] });
    store.getState().loadFile(new Blob(['x']), 'b.csv');
    receive({ type: 'loading', name: 'b.csv', share: 0.2 });
    receive({ type: 'error', task: 'load', message: 'bad' });
    const s = store.getState();
    expect(s.fileName).toBe('a.csv');
    expect(s.loading).toBeNull();
    expect(s.error).toEqual({ task: 'load', message: 'bad' });
    // Rows to generate start at the seed's size.
    expect(s.genRows).toBe(10);
  });

  it("keeps each backend's probe step for the estimate", () => {
    const { store, receive } = studio();
    receive({ type: 'probe', backend: 'wasm', ms: 30 });
    receive({ type: 'probe', backend: 'webgl', ms: 400 });
    receive({ type: 'probe', backend: 'wasm', ms: 28 });
    expect(store.getState().probeMs).toEqual({ wasm: 28, webgl: 400 });
  });

  it('keeps how the loaded file was read until the next load replaces it', () => {
    const { store, receive } = studio();
    receive({ type: 'loaded', name: 'a.csv', rows: 10, columns: [], encoding: 'windows-1252', renamed: [{ from: 'a', to: 'a_2' }] });
    expect(store.getState()).toMatchObject({ encoding: 'windows-1252', renamed: [{ from: 'a', to: 'a_2' }] });
    receive({ type: 'loaded', name: 'b.parquet', rows: 10, columns: [] });
    expect(store.getState()).toMatchObject({ fileName: 'b.parquet', encoding: null, renamed: [] });
  });

  it('follows training from start to a model that can generate', () => {
    const { store, receive, sent } = studio();
    store.getState().train();
    expect(sent.at(-1)).toMatchObject({ type: 'train' });
    expect(store.getState().status).toBe('training');
    store.getState().pause();
    expect(sent.at(-1)).toEqual({ type: 'pause' });
    receive({ type: 'progress', progress: { epoch: 0.5, epochs: 1, step: 1, totalSteps: 2, stepsPerSecond: 1, secondsLeft: 1, losses: { discriminator: 1, generator: 2, penalty: 3 } } });
    expect(store.getState().losses.generator).toEqual([2]);
    receive({ type: 'trainEnded', stopped: true, converged: false, epochs: 0, refinedKeep: null, choices: [] });
    expect(store.getState()).toMatchObject({ status: 'idle', modelReady: true, stoppedEarly: true, converged: false });
  });

  it('keeps a recovery from NaN losses until the next run starts', () => {
    const { store, receive } = studio();
    receive({ type: 'recovered', cause: 'nan', epoch: 37, generatorLr: 1e-4, discriminatorLr: 1e-4 });
    expect(store.getState().recovered).toEqual({ cause: 'nan', epoch: 37, generatorLr: 1e-4, discriminatorLr: 1e-4 });
    receive({ type: 'trainStarted', epochs: 2, validationRows: 0, stepsPerEpoch: 1, batch: 10, preprocessSeconds: 0, trainingRows: 10, derived: [], keys: [], lines: [], scaled: [], resumedFrom: 0 });
    expect(store.getState().recovered).toBeNull();
  });

  it('a loaded model bundle replaces the table and can generate; a refused one keeps what was there', () => {
    const { store, receive, sent } = studio();
    receive({ type: 'loaded', name: 'a.csv', rows: 10, columns: [] });
    store.getState().loadModel(new Blob(['x']), 'bad.zip');
    expect(sent.at(-1)).toMatchObject({ type: 'loadModel', name: 'bad.zip' });
    receive({ type: 'error', task: 'load', message: 'The model bundle is not a complete zip file' });
    expect(store.getState()).toMatchObject({ fileName: 'a.csv', bundle: null, loading: null, modelReady: false });
    store.getState().loadModel(new Blob(['x']), 'a.mitosis.zip');
    receive({ type: 'modelLoaded', name: 'a.mitosis.zip', app: 'mitosis-studio 0.1.0', source: 'a.csv', sourceRows: 10, seed: 42, rows: 8, columns: 3, epochs: 4, choices: [{ column: 'city', values: ['Oslo'] }] });
    expect(store.getState()).toMatchObject({ fileName: null, rowCount: 0, loading: null, error: null, modelReady: true, trainedEpochs: 4, choices: [{ column: 'city', values: ['Oslo'] }] });
    expect(store.getState().bundle).toEqual({ name: 'a.mitosis.zip', source: 'a.csv', rows: 8, columns: 3 });
    store.getState().saveModel();
    expect(sent.at(-1)).toEqual({ type: 'saveModel' });
    receive({ type: 'loaded', name: 'b.csv', rows: 10, columns: [] });
    expect(store.getState()).toMatchObject({ fileName: 'b.csv', bundle: null, modelReady: false });
  });

  it('keeps the report until a new run starts, and asks the worker for a chosen target', () => {
    const { store, receive, sent } = studio();
    const report = { targets: ['plan'], usefulness: null, serious: [] } as unknown as StudioReport;
    receive({ type: 'report', report });
    expect(store.getState().report).toBe(report);
    store.getState().setReportTarget('plan');
    expect(sent.at(-1)).toEqual({ type: 'reportTarget', column: 'plan' });
    expect(store.getState()).toMatchObject({ reportTarget: 'plan', reportBusy: true });
    receive({ type: 'error', task: 'report', message: 'no' });
    expect(store.getState().reportBusy).toBe(false);
    receive({ type: 'report', report: { ...report, usefulness: { target: 'plan', positive: 'gold', figures: [] } } });
    expect(store.getState()).toMatchObject({ reportTarget: 'plan', reportBusy: false });
    store.getState().downloadReport('html');
    expect(sent.at(-1)).toEqual({ type: 'exportReport', format: 'html' });
    receive({ type: 'trainStarted', epochs: 1, validationRows: 0, stepsPerEpoch: 1, batch: 1, preprocessSeconds: 0, trainingRows: 1, derived: [], keys: [], lines: [], scaled: [], resumedFrom: 0 });
    expect(store.getState()).toMatchObject({ report: null, reportTarget: null });
  });
});
