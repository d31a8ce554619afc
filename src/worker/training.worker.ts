/// <reference lib="webworker" />
// The studio's worker: a thin adapter that turns page messages into session calls and posts
// what they return. The pipeline itself is core/session.
import { checkZipSize } from '../core/data/images/sources';
import { LoadedImages } from '../core/session/imageBundle';
import { ImageSession } from '../core/session/imageSession';
import { openBundle } from '../core/train/bundle';
import { readSeed } from '../core/session/seed';
import { requireBundleSize, Session } from '../core/session/session';
import type { OutputFile, SessionChoices } from '../core/session/types';
import type { TrainControl } from '../core/train/loop';
import { InputError } from '../core/util/errors';
import { describeProject, forgetCheckpoint, forgetProject, keepChoices, keepCheckpoint, keepProject, readProject, storageMessage } from './autosave';
import { timeProbeStep } from '../core/backend/probe';
import { gpuLost, switchBackend, timeBackends, type BackendInUse } from './backend';
import { decodeImageInWorker } from './decodeImage';
import type { BackendName, FromWorker, Task, ToWorker } from './protocol';

const scope = self as unknown as DedicatedWorkerGlobalScope;
const post = (message: FromWorker) => scope.postMessage(message);

let session: Session | null = null;
/** The image studio's session, when images were loaded in place of a table. */
let images: ImageSession | LoadedImages | null = null;
let training: { paused: boolean; stopped: boolean; wake: (() => void) | null } | null = null;
// Messages run one after another, so a long task never interleaves with a second one.
let queue: Promise<void> = Promise.resolve();

scope.onmessage = (event: MessageEvent<ToWorker>) => {
  const message = event.data;
  // Control messages must act while training is awaiting, so they skip the queue.
  if (message.type === 'pause' || message.type === 'resume' || message.type === 'stop') return control(message.type);
  // Forgetting acts at once too: a page reloaded right after must find nothing kept.
  if (message.type === 'forgetProject') return void forget().catch((err: unknown) => post({ type: 'error', task: 'project', message: messageOf(err) }));
  queue = queue.then(() => handle(message)).catch((err: unknown) => post({ type: 'error', task: taskOf(message), message: messageOf(err) }));
};

/** Passes of the estimate's probe step, while they take under the budget (WASM: about 25 ms each on 2 cores). */
const [PROBE_PASSES, PROBE_BUDGET_MS] = [8, 400];

/** Tells the page which backend runs, then how quick a probe step is on it (the time estimate scales by it). */
async function started(inUse: BackendInUse & { fastest?: BackendName }): Promise<void> {
  post({ type: 'backend', ...inUse });
  post({ type: 'probe', backend: inUse.backend, ms: await timeProbeStep(PROBE_PASSES, PROBE_BUDGET_MS) });
}

async function handle(message: Exclude<ToWorker, { type: 'pause' | 'resume' | 'stop' | 'forgetProject' }>): Promise<void> {
  switch (message.type) {
    case 'backend':
      return started(await switchBackend(message.choice, message.remembered));
    case 'timeBackends':
      return started(await timeBackends(message.choice));
    case 'load':
      return load(message.file, message.name);
    case 'loadImages':
      return loadImages(message.name, message.files);
    case 'imageChoices':
      return post({ type: 'imagesLoaded', kind: 'images', seed: imageSeed().setChoices(message.choices) });
    case 'exportImages':
      return postFile(await currentImages().exportImages(message.count, message.label));
    case 'loadModel':
      return loadModel(message.file, message.name);
    case 'saveModel':
      return postFile(images instanceof ImageSession ? await images.saveModel() : await current().saveModel());
    case 'column': {
      const s = current();
      s.setColumn(message.name, { kind: message.kind, include: message.include });
      post({ type: 'schema', columns: s.columns() });
      post({ type: 'rules', rules: s.rules });
      return autosave('The column choices', () => keepChoices(s.choices()));
    }
    case 'keepRule':
    case 'removeRule':
    case 'addRule': {
      const s = current();
      s.changeRules(message);
      post({ type: 'rules', rules: s.rules });
      return autosave('The rules', () => keepChoices(s.choices()));
    }
    case 'train': {
      if (message.kind === 'images') return trainImages(imageSeed(), message.epochs);
      const s = current();
      let plan;
      try {
        plan = s.prepare(message.config);
      } catch (err) {
        // A refused run leaves no Pause or Stop waiting for the next.
        early = { paused: false, stopped: false };
        throw err;
      }
      await autosave('The run', forgetCheckpoint);
      post({ type: 'trainStarted', ...plan });
      return train(s);
    }
    case 'project':
      return post({ type: 'project', project: await describeProject() });
    case 'resumeProject':
      return resumeProject();

    case 'generate': {
      const s = current();
      const total = message.rows;
      const done = await s.generate(total, { condition: message.condition, onChunk: (_, rows) => post({ type: 'generateProgress', done: rows, total }) });
      post({ type: 'generated', ...done });
      // The report then judges the rows the user downloads, as the CLI's judges the rows it wrote.
      const report = s instanceof Session ? await s.reportOnGenerated() : null;
      if (report) post({ type: 'report', report });
      return;
    }
    case 'export':
      return postFile(current().exportRows(message.format));
    case 'reportTarget':
      return post({ type: 'report', report: current().setReportTarget(message.column) });
    case 'exportReport':
      return postFile(current().exportReport(message.format));
  }
}

/** Reads images (a zip, a folder's files or loose files) into a new image session and shows them. */
async function loadImages(name: string, files: { path: string; file: Blob }[]): Promise<void> {
  post({ type: 'loading', name, share: 0 });
  // A zip too large is refused from its size, before it is read into memory.
  if (files.length === 1) checkZipSize(files[0].path, files[0].file.size);
  const read = await Promise.all(files.map(async (f) => ({ path: f.path, bytes: new Uint8Array(await f.file.arrayBuffer()) })));
  const next = await ImageSession.open(name, { files: read }, decodeImageInWorker, (done, total) => post({ type: 'loading', name, share: done / total }));
  // Only images that were read replace what was loaded before.
  replaceLoaded(next);
  post({ type: 'imagesLoaded', kind: 'images', seed: next.view() });
}

/** A new image run: prepared (held-back images, the judging classifier), trained, then judged. */
async function trainImages(s: ImageSession, epochs: number | 'auto'): Promise<void> {
  let plan;
  try {
    plan = await s.prepare(epochs);
  } catch (err) {
    early = { paused: false, stopped: false };
    throw err;
  }
  post({ type: 'trainStarted', ...plan });
  const control = startControl();
  let outcome;
  try {
    outcome = await s.train({
      readEvery: 2,
      onProgress: (progress) => post({ type: 'progress', progress }),
      onEpoch: (view) => post({ type: 'imageEpoch', view }),
      onGrid: (view) => post({ type: 'imageGrid', view }),
      onRecover: (r) => post({ type: 'recovered', ...r }),
      control,
    });
  } finally {
    training = null;
  }
  post({ type: 'trainEnded', ...outcome });
  await s
    .buildReport()
    .then((report) => post({ type: 'imageReport', report }))
    .catch((err: unknown) => post({ type: 'error', task: 'report', message: messageOf(err) }));
}

/** What was loaded (a table, images or a model) gives way to `next`, and its tensors are freed. */
function replaceLoaded(next: Session | ImageSession | LoadedImages): void {
  session?.dispose();
  images?.dispose();
  [session, images] = next instanceof Session ? [next, null] : [null, next];
}

async function load(file: Blob, name: string): Promise<void> {
  const next = await openSeed(name, file);
  autosaveOff = false;
  await autosave('The table', () => keepProject(name, file, next.table.rowCount, next.table.names.length, next.choices()));
}

/** Reads a seed file into a new session (with the choices kept for it, if any) and shows it. */
async function openSeed(name: string, file: Blob, choices?: SessionChoices): Promise<Session> {
  post({ type: 'loading', name, share: 0 });
  const table = await readSeed(name, file, (share) => post({ type: 'loading', name, share }));
  // Only a table that parsed replaces what was loaded before.
  const next = Session.fromTable(name, table, choices);
  replaceLoaded(next);
  post({ type: 'loaded', name, rows: table.rowCount, columns: next.columns(), encoding: table.encoding, renamed: table.renamed });
  post({ type: 'rules', rules: next.rules });
  return next;
}

/** The project kept in this browser, read back: its table and choices, and its run from the last checkpoint. */
async function resumeProject(): Promise<void> {
  const kept = await readProject();
  if (!kept) throw new InputError('No project is kept in this browser any more.');
  const { project, checkpoint } = kept;
  const s = await openSeed(project.name, project.file, project.choices);
  if (!checkpoint) return;
  post({ type: 'trainStarted', ...s.resume(checkpoint) });
  // A run that had ended comes back as its trained model; one cut short trains on.
  return train(s, checkpoint.ended ? 0 : undefined);
}

async function loadModel(file: Blob, name: string): Promise<void> {
  requireBundleSize(name, file.size);
  const opened = openBundle(new Uint8Array(await file.arrayBuffer()));
  // Built before the old session goes: a bundle that does not load leaves what was loaded in place.
  const next = opened.kind === 'images' ? await LoadedImages.open(name, opened.manifest, opened.model) : Session.fromOpened(name, opened);
  replaceLoaded(next);
  if (next instanceof Session) post({ type: 'modelLoaded', ...next.loadedFrom! });
  else post({ type: 'imagesLoaded', kind: 'images', seed: next.view() });
}

/** Trains `s`'s prepared model (`epochs` more, or to its planned length), keeping checkpoints as it goes. */
async function train(s: Session, epochs?: number): Promise<void> {
  const control = startControl();
  let outcome;
  let saved = performance.now();
  const lastSaved = latest;
  try {
    outcome = await s.train(
      {
        fromStart: true,
        readEvery: 5,
        onProgress: (progress) => post({ type: 'progress', progress }),
        onEpoch: (report) => post({ type: 'epoch', report }),
        onRecover: (r) => post({ type: 'recovered', ...r }),
        // A checkpoint every epoch, but not more often than every few seconds: short epochs would spend their time saving.
        afterEpoch: async () => {
          if (performance.now() - saved < CHECKPOINT_MS) return;
          await checkpoint(s, false);
          saved = performance.now();
        },
        control,
      },
      epochs,
    );
  } catch (err) {
    const lostNow = await gpuLost();
    if (!lostNow) throw err;
    return trainOnAfterLoss(s, lostNow.message || lostNow.reason, latest === lastSaved ? null : latest);
  } finally {
    training = null;
  }
  post({ type: 'trainEnded', ...outcome });
  await checkpoint(s, true);
  // The model is usable whatever the report says, so a report that fails is its own error.
  await s
    .buildReport()
    .then((report) => post({ type: 'report', report }))
    .catch((err: unknown) => post({ type: 'error', task: 'report', message: messageOf(err) }));
}

/**
 * The GPU device was lost mid-run: the run goes on with WASM from its last checkpoint (this
 * run's, or from the start when it had none), and the page is told.
 */
async function trainOnAfterLoss(s: Session, why: string, from: Checkpoint | null): Promise<void> {
  const config = s.model!.config;
  const started = await switchBackend('wasm');
  post({ type: 'backend', ...started, note: `The GPU device was lost (${why}); training went on with ${started.backend} from epoch ${from?.epochs ?? 0}.` });
  post({ type: 'trainStarted', ...(from ? s.resume(from) : s.prepare(config)) });
  return train(s);
}

interface Checkpoint {
  manifest: unknown;
  weights: ArrayBuffer;
  epochs: number;
}

/** The latest checkpoint of this visit, kept in memory too: storage may have refused it. */
let latest: Checkpoint | null = null;
const CHECKPOINT_MS = 5000;
/** Set once storage refuses a checkpoint: the run goes on without trying again. */
let autosaveOff = false;

async function checkpoint(s: Session, ended: boolean): Promise<void> {
  const model = s.model;
  if (!model) return;
  const t0 = performance.now();
  const { manifest, weights } = await model.save();
  latest = { manifest, weights, epochs: model.epochs };
  if (autosaveOff) return;
  await autosave('This run', async () => {
    // Forgotten while the weights were read back: nothing is written.
    if (autosaveOff) return;
    await keepCheckpoint({ manifest, weights, epochs: model.epochs, plannedEpochs: model.plannedEpochs, ended, savedAt: new Date().toISOString() });
    post({ type: 'autosaved', epoch: model.epochs, ms: performance.now() - t0, bytes: weights.byteLength });
  });
}

/** Runs a storage write; a failure is told to the page and never stops what the user is doing. */
async function autosave(what: string, write: () => Promise<void>): Promise<void> {
  try {
    await write();
  } catch (err) {
    autosaveOff = true;
    post({ type: 'autosaveFailed', message: storageMessage(err, what) });
  }
}

/** Clears the kept project; nothing more of this table is kept, and a table loaded next is kept again. */
async function forget(): Promise<void> {
  autosaveOff = true;
  await forgetProject();
  post({ type: 'project', project: null });
}

function postFile(file: OutputFile): void {
  post({ type: 'file', name: file.name, blob: new Blob(file.parts, { type: file.mime }) });
}

/**
 * Pause or Stop pressed while a run is still being prepared (its table encoded, its model built)
 * applies when it starts: ignored, the page said "Paused" while the run went on.
 */
let early = { paused: false, stopped: false };

/** A run's Pause and Stop, starting from what was pressed while it was being prepared. */
function startControl(): TrainControl {
  const state = { ...early, wake: null as (() => void) | null };
  early = { paused: false, stopped: false };
  training = state;
  return {
    stopped: () => state.stopped,
    resume: () => (state.paused ? new Promise<void>((r) => (state.wake = r)) : Promise.resolve()),
  };
}

function control(kind: 'pause' | 'resume' | 'stop'): void {
  if (!training) {
    early = kind === 'resume' ? { paused: false, stopped: early.stopped } : { paused: kind === 'pause', stopped: early.stopped || kind === 'stop' };
    return;
  }
  if (kind === 'pause') training.paused = true;
  else {
    if (kind === 'stop') training.stopped = true;
    training.paused = false;
    training.wake?.();
    training.wake = null;
  }
}

function currentImages(): ImageSession | LoadedImages {
  if (!images) throw new InputError('Load images first: drop a zip or a folder of images on the page.');
  return images;
}

/** The loaded images, which a model loaded from a bundle has not. */
function imageSeed(): ImageSession {
  const s = currentImages();
  if (!(s instanceof ImageSession)) throw new InputError('This model was loaded from a bundle, without its images: load the images to train again.');
  return s;
}

function current(): Session {
  if (!session) throw new InputError('Load a table first: drop a file on the page or press "Try a sample".');
  return session;
}

function taskOf(message: ToWorker): Task {
  if (message.type === 'loadModel' || message.type === 'loadImages' || message.type === 'imageChoices') return 'load';
  if (message.type === 'exportImages') return 'export';
  if (message.type === 'saveModel') return 'export';
  if (message.type === 'timeBackends') return 'backend';
  if (message.type === 'keepRule' || message.type === 'removeRule' || message.type === 'addRule') return 'rules';
  if (message.type === 'reportTarget' || message.type === 'exportReport') return 'report';
  if (message.type === 'resumeProject' || message.type === 'forgetProject') return 'project';
  return message.type === 'column' ? 'schema' : (message.type as Task);
}

function messageOf(err: unknown): string {
  if (err instanceof InputError) return err.message;
  if (err instanceof Error) return err.message || String(err);
  return String(err);
}
