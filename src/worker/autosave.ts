// The project kept in this browser's IndexedDB, so a reload or a crash can resume: the seed file
// as dropped, the user's column choices and rules, and the run's latest checkpoint.
import { createStore, del, get, set } from 'idb-keyval';
import type { SessionChoices } from '../core/session/types';
import type { KeptProject } from './protocol';

interface ProjectRecord {
  name: string;
  file: Blob;
  rows: number;
  columns: number;
  choices: SessionChoices;
  savedAt: string;
}

export interface CheckpointRecord {
  manifest: unknown;
  weights: ArrayBuffer;
  epochs: number;
  plannedEpochs: number;
  /** Training ended (done, stopped or converged): a resume restores the model rather than training on. */
  ended: boolean;
  savedAt: string;
}

const store = () => createStore('mitosis-studio', 'project');
let db: ReturnType<typeof createStore> | null = null;
const kv = () => (db ??= store());

/** Keeps a newly loaded seed; the checkpoint of another table's run goes. */
export async function keepProject(name: string, file: Blob, rows: number, columns: number, choices: SessionChoices): Promise<void> {
  await del('checkpoint', kv());
  const record: ProjectRecord = { name, file, rows, columns, choices, savedAt: new Date().toISOString() };
  await set('project', record, kv());
}

export async function keepChoices(choices: SessionChoices): Promise<void> {
  const project = await get<ProjectRecord>('project', kv());
  if (project) await set('project', { ...project, choices }, kv());
}

export async function keepCheckpoint(checkpoint: CheckpointRecord): Promise<void> {
  await set('checkpoint', checkpoint, kv());
}

export async function forgetCheckpoint(): Promise<void> {
  await del('checkpoint', kv());
}

export async function readProject(): Promise<{ project: ProjectRecord; checkpoint: CheckpointRecord | null } | null> {
  const project = await get<ProjectRecord>('project', kv());
  if (!project) return null;
  return { project, checkpoint: (await get<CheckpointRecord>('checkpoint', kv())) ?? null };
}

/** What the page shows of the kept project, before anything is read back into the studio. */
export async function describeProject(): Promise<KeptProject | null> {
  const kept = await readProject();
  if (!kept) return null;
  const { project, checkpoint } = kept;
  return {
    name: project.name,
    rows: project.rows,
    columns: project.columns,
    epochs: checkpoint?.epochs ?? 0,
    plannedEpochs: checkpoint?.plannedEpochs ?? 0,
    ended: checkpoint?.ended ?? false,
    savedAt: checkpoint?.savedAt ?? project.savedAt,
  };
}

export async function forgetProject(): Promise<void> {
  await del('checkpoint', kv());
  await del('project', kv());
}

/** A storage failure as the user should read it: full storage gets its own message. */
export function storageMessage(err: unknown, what: string): string {
  const name = (err as { name?: string } | null)?.name;
  if (name === 'QuotaExceededError') {
    return `${what} is too big to keep in this browser's storage, so a reload will lose it. Use "Save model" to keep the trained model, or free space in the browser's site data.`;
  }
  return `${what} could not be kept in this browser's storage (${(err as Error)?.message ?? String(err)}), so a reload will lose it.`;
}
