import { create } from 'zustand';
import { DEFAULT_CONFIG } from '../core/model/config';
import type { BackendChoice, FromWorker, ToWorker } from '../worker/protocol';
import { localBackendMemory, type BackendMemory } from './backendMemory';
import { reduce } from './reduce';
import type { Connection, StudioState } from './types';

const SAMPLE_URL = `${import.meta.env.BASE_URL}adult.csv`;
const IMAGE_SAMPLE_URL = `${import.meta.env.BASE_URL}samples/emoji.zip`;

/**
 * Builds the studio store over a connection to the worker; `receive` feeds it the worker's messages.
 * `memory` keeps the backend that won the last timing (localStorage in the browser).
 */
export function createStudioStore(connection: Connection, memory: BackendMemory = localBackendMemory()) {
  const backendMessage = (choice: BackendChoice): ToWorker => {
    const remembered = choice === 'auto' ? memory.recall() : undefined;
    return remembered ? { type: 'backend', choice, remembered } : { type: 'backend', choice };
  };
  const store = create<StudioState>()((set, get) => ({
    connection,
    // Data
    fileName: null,
    rowCount: 0,
    columns: [],
    encoding: null,
    renamed: [],
    loading: null,
    error: null,
    bundle: null,
    loadFile: (file, name) => {
      set({ error: null });
      connection.send({ type: 'load', file, name });
    },
    loadModel: (file, name) => {
      set({ error: null, loading: { name, share: 0 } });
      connection.send({ type: 'loadModel', file, name });
    },
    loadSample: async () => {
      set({ error: null, loading: { name: 'adult.csv', share: 0 } });
      try {
        const response = await fetch(SAMPLE_URL);
        if (!response.ok) throw new Error(`HTTP ${response.status}`);
        connection.send({ type: 'load', file: await response.blob(), name: 'adult.csv' });
      } catch (err) {
        set({ loading: null, error: { task: 'load', message: `The sample could not be loaded (${(err as Error).message}).` } });
      }
    },
    loadImageSample: async () => {
      set({ error: null, loading: { name: 'emoji.zip', share: 0 } });
      try {
        const response = await fetch(IMAGE_SAMPLE_URL);
        if (!response.ok) throw new Error(`HTTP ${response.status}`);
        connection.send({ type: 'loadImages', name: 'emoji.zip', files: [{ path: 'emoji.zip', file: await response.blob() }] });
      } catch (err) {
        set({ loading: null, error: { task: 'load', message: `The image sample could not be loaded (${(err as Error).message}).` } });
      }
    },
    setColumn: (name, change) => connection.send({ type: 'column', name, ...change }),
    dismissError: () => set({ error: null }),
    // Rules
    rules: [],
    keepRule: (text, keep) => connection.send({ type: 'keepRule', text, keep }),
    removeRule: (text) => connection.send({ type: 'removeRule', text }),
    addRule: (rule) => {
      set({ error: null });
      connection.send({ type: 'addRule', rule });
    },
    // Backend
    backendChoice: 'auto',
    backend: null,
    adapter: '',
    backendNote: null,
    backendTiming: false,
    startBackend: () => connection.send(backendMessage(get().backendChoice)),
    chooseBackend: (choice) => {
      set({ backendChoice: choice });
      connection.send(backendMessage(choice));
    },
    timeBackends: () => {
      set({ backendTiming: true, error: null });
      connection.send({ type: 'timeBackends', choice: get().backendChoice });
    },
    // Training
    status: 'idle',
    config: DEFAULT_CONFIG,
    progress: null,
    recovered: null,
    run: null,
    trainedEpochs: 0,
    modelReady: false,
    stoppedEarly: false,
    converged: false,
    refinedKeep: null,
    speed: {},
    probeMs: {},
    choices: [],
    setConfig: (patch) => set({ config: { ...get().config, ...patch } }),
    train: () => {
      // The model and rows the user has stay until the worker starts the new run: a refused one keeps them.
      set({ status: 'training', error: null, progress: null });
      const { images, config } = get();
      connection.send(images ? { type: 'train', kind: 'images', epochs: config.epochs } : { type: 'train', kind: 'tabular', config });
    },
    pause: () => {
      set({ status: 'paused' });
      connection.send({ type: 'pause' });
    },
    resume: () => {
      set({ status: 'training' });
      connection.send({ type: 'resume' });
    },
    stop: () => {
      set({ status: 'stopping' });
      connection.send({ type: 'stop' });
    },
    // Live
    losses: { step: [], discriminator: [], generator: [], penalty: [] },
    fidelity: { epoch: [], score: [], pairs: [] },
    latest: null,
    // Generate
    genRows: 1000,
    condition: null,
    generating: null,
    generated: null,
    exporting: null,
    setGenRows: (rows) => set({ genRows: rows }),
    setCondition: (condition) => set({ condition }),
    generate: () => {
      const { genRows, condition } = get();
      set({ generating: { done: 0, total: genRows }, generated: null, error: null });
      connection.send({ type: 'generate', rows: genRows, condition: condition ?? undefined });
    },
    download: (format) => {
      set({ exporting: format });
      connection.send({ type: 'export', format });
    },
    saveModel: () => connection.send({ type: 'saveModel' }),
    // Report
    report: null,
    reportTarget: null,
    reportBusy: false,
    setReportTarget: (column) => {
      set({ reportTarget: column, reportBusy: true, error: null });
      connection.send({ type: 'reportTarget', column });
    },
    downloadReport: (format) => connection.send({ type: 'exportReport', format }),
    // Project
    kept: null,
    autosave: null,
    resumeProject: () => {
      set({ error: null });
      connection.send({ type: 'resumeProject' });
    },
    restartAfterCrash: (why) => {
      const { backend, status, fileName } = get();
      // A GPU backend may be what failed: the new worker starts on WASM, which works everywhere.
      const next = backend === 'webgpu' || backend === 'webgl' || !backend ? 'wasm' : backend;
      const training = status !== 'idle';
      const goesOn = training ? ' and training goes on from its last checkpoint' : fileName ? ' and your table and model are read back' : '';
      set({ status: 'idle', backendChoice: next, error: { task: 'project', message: `The studio's worker stopped (${why}). It was restarted on ${next}${goesOn}.` } });
      connection.send({ type: 'backend', choice: next });
      connection.send(training || fileName ? { type: 'resumeProject' } : { type: 'project' });
    },
    // Images
    images: null,
    imageLive: null,
    imageReport: null,
    imageCount: 100,
    imageLabel: null,
    loadImages: (name, files) => {
      set({ error: null, loading: { name, share: 0 } });
      connection.send({ type: 'loadImages', name, files });
    },
    setImageChoices: (choices) => {
      set({ error: null });
      connection.send({ type: 'imageChoices', choices });
    },
    setImageCount: (count) => set({ imageCount: count }),
    setImageLabel: (label) => set({ imageLabel: label }),
    downloadImages: () => {
      const { imageCount, imageLabel } = get();
      set({ exporting: 'images', error: null });
      connection.send({ type: 'exportImages', count: imageCount, label: imageLabel });
    },
    // Cleared when the worker says the project is gone: a reload before that would find it kept.
    forgetProject: () => connection.send({ type: 'forgetProject' }),
  }));
  const receive = (message: FromWorker) => {
    if (message.type === 'backend' && message.fastest) memory.remember(message.fastest);
    store.setState(reduce(store.getState(), message));
  };
  return { store, receive };
}

export type StudioStore = ReturnType<typeof createStudioStore>['store'];
