/// <reference lib="webworker" />
// The studio's worker: a thin adapter that turns page messages into session calls and posts
// what they return. The pipeline itself is core/session.
import { readSeed } from '../core/session/seed';
import { requireBundleSize, Session } from '../core/session/session';
import type { OutputFile } from '../core/session/types';
import type { ModelConfig } from '../core/model/config';
import { InputError } from '../core/util/errors';
import { switchBackend, timeBackends } from './backend';
import type { FromWorker, Task, ToWorker } from './protocol';

const scope = self as unknown as DedicatedWorkerGlobalScope;
const post = (message: FromWorker) => scope.postMessage(message);

let session: Session | null = null;
let training: { paused: boolean; stopped: boolean; wake: (() => void) | null } | null = null;
// Messages run one after another, so a long task never interleaves with a second one.
let queue: Promise<void> = Promise.resolve();

scope.onmessage = (event: MessageEvent<ToWorker>) => {
  const message = event.data;
  // Control messages must act while training is awaiting, so they skip the queue.
  if (message.type === 'pause' || message.type === 'resume' || message.type === 'stop') return control(message.type);
  queue = queue.then(() => handle(message)).catch((err: unknown) => post({ type: 'error', task: taskOf(message), message: messageOf(err) }));
};

async function handle(message: Exclude<ToWorker, { type: 'pause' | 'resume' | 'stop' }>): Promise<void> {
  switch (message.type) {
    case 'backend':
      return post({ type: 'backend', ...(await switchBackend(message.choice, message.remembered)) });
    case 'timeBackends':
      return post({ type: 'backend', ...(await timeBackends(message.choice)) });
    case 'load':
      return load(message.file, message.name);
    case 'loadModel':
      return loadModel(message.file, message.name);
    case 'saveModel':
      return postFile(await current().saveModel());
    case 'column': {
      const s = current();
      s.setColumn(message.name, { kind: message.kind, include: message.include });
      post({ type: 'schema', columns: s.columns() });
      return post({ type: 'rules', rules: s.rules });
    }
    case 'keepRule':
    case 'removeRule':
    case 'addRule':
      current().changeRules(message);
      return post({ type: 'rules', rules: current().rules });
    case 'train':
      return train(message.config);
    case 'generate': {
      const s = current();
      const total = message.rows;
      const done = await s.generate(total, { condition: message.condition, onChunk: (_, rows) => post({ type: 'generateProgress', done: rows, total }) });
      return post({ type: 'generated', ...done });
    }
    case 'export':
      return postFile(current().exportRows(message.format));
    case 'reportTarget':
      return post({ type: 'report', report: current().setReportTarget(message.column) });
    case 'exportReport':
      return postFile(current().exportReport(message.format));
  }
}

async function load(file: Blob, name: string): Promise<void> {
  post({ type: 'loading', name, share: 0 });
  const table = await readSeed(name, file, (share) => post({ type: 'loading', name, share }));
  // Only a table that parsed replaces what was loaded before.
  session?.dispose();
  session = Session.fromTable(name, table);
  post({ type: 'loaded', name, rows: table.rowCount, columns: session.columns(), encoding: table.encoding, renamed: table.renamed });
  post({ type: 'rules', rules: session.rules });
}

async function loadModel(file: Blob, name: string): Promise<void> {
  requireBundleSize(name, file.size);
  // Built before the old session goes: a bundle it refuses leaves what was loaded in place.
  const next = Session.fromBundle(name, new Uint8Array(await file.arrayBuffer()));
  session?.dispose();
  session = next;
  post({ type: 'modelLoaded', ...next.loadedFrom! });
}

async function train(config: ModelConfig): Promise<void> {
  const s = current();
  post({ type: 'trainStarted', ...s.prepare(config) });
  const state = { paused: false, stopped: false, wake: null as (() => void) | null };
  training = state;
  let outcome;
  try {
    outcome = await s.train({
      fromStart: true,
      readEvery: 5,
      onProgress: (progress) => post({ type: 'progress', progress }),
      onEpoch: (report) => post({ type: 'epoch', report }),
      onRecover: (r) => post({ type: 'recovered', ...r }),
      control: {
        stopped: () => state.stopped,
        resume: () => (state.paused ? new Promise<void>((r) => (state.wake = r)) : Promise.resolve()),
      },
    });
  } finally {
    training = null;
  }
  post({ type: 'trainEnded', ...outcome });
  // The model is usable whatever the report says, so a report that fails is its own error.
  await s
    .buildReport()
    .then((report) => post({ type: 'report', report }))
    .catch((err: unknown) => post({ type: 'error', task: 'report', message: messageOf(err) }));
}

function postFile(file: OutputFile): void {
  post({ type: 'file', name: file.name, blob: new Blob(file.parts, { type: file.mime }) });
}

function control(kind: 'pause' | 'resume' | 'stop'): void {
  if (!training) return;
  if (kind === 'pause') training.paused = true;
  else {
    if (kind === 'stop') training.stopped = true;
    training.paused = false;
    training.wake?.();
    training.wake = null;
  }
}

function current(): Session {
  if (!session) throw new InputError('Load a table first: drop a file on the page or press "Try a sample".');
  return session;
}

function taskOf(message: ToWorker): Task {
  if (message.type === 'loadModel') return 'load';
  if (message.type === 'saveModel') return 'export';
  if (message.type === 'timeBackends') return 'backend';
  if (message.type === 'keepRule' || message.type === 'removeRule' || message.type === 'addRule') return 'rules';
  if (message.type === 'reportTarget' || message.type === 'exportReport') return 'report';
  return message.type === 'column' ? 'schema' : (message.type as Task);
}

function messageOf(err: unknown): string {
  if (err instanceof InputError) return err.message;
  if (err instanceof Error) return err.message || String(err);
  return String(err);
}
