import { readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

/**
 * The hostile-input corpus: small files kept in this folder (written by `scripts/fuzz.ts`) and
 * large ones described in cases.json and made at test time. The CLI's unit test and the app's
 * Playwright test both read it through this module.
 */
export const FUZZ_DIR = dirname(fileURLToPath(import.meta.url));

/** What one run must end in: a table (loaded in the app, written by the CLI) or a message. */
export interface Outcome {
  expect: 'output' | 'message';
  /** The message must match this regular expression (case-insensitive). */
  message?: string;
  /** Data rows and columns the seed has, as its author meant them (not as the parser read them). */
  rows?: number;
  columns?: number;
}

/** A file too large for the repository, described here and made in memory. */
export type Generated =
  | { kind: 'columns'; columns: number; rows: number }
  | { kind: 'cell'; chars: number };

export interface FuzzCase extends Outcome {
  /** The file in this folder (for a generated case, only the name it is given). */
  file: string;
  /** The name the CLI and the app see, when it holds characters a repository should not (`<`, `>`); `file` otherwise. */
  name?: string;
  /** What the case tests, and the failure it once caused. */
  tests: string;
  /** The app's outcome where it differs from the CLI's: it loads a table that has nothing to model and refuses only on Train. */
  app?: Outcome;
  /** Output column → a pattern that at least `share` (default every one) of its generated cells must match. */
  keep?: Record<string, { pattern: string; share?: number }>;
  /** The generated header, exactly (after renaming and formula defusing). */
  header?: string[];
  /** Text the app shows beside the loaded table (the encoding, renamed columns). */
  shows?: string;
  generate?: Generated;
}

export function readCases(): FuzzCase[] {
  return JSON.parse(readFileSync(join(FUZZ_DIR, 'cases.json'), 'utf8')) as FuzzCase[];
}

export function nameOf(c: FuzzCase): string {
  return c.name ?? c.file;
}

export function appOutcome(c: FuzzCase): Outcome {
  return c.app ?? c;
}

/** The case's bytes: its file, or the large table it describes. */
export function caseBytes(c: FuzzCase): Buffer {
  if (!c.generate) return readFileSync(join(FUZZ_DIR, c.file));
  const g = c.generate;
  if (g.kind === 'columns') {
    const header = Array.from({ length: g.columns }, (_, j) => `c${j}`).join(',');
    const rows = Array.from({ length: g.rows }, (_, i) => Array.from({ length: g.columns }, (_, j) => (i * 31 + j * 7) % 97).join(','));
    return Buffer.from([header, ...rows].join('\n') + '\n');
  }
  const rows = Array.from({ length: 30 }, (_, i) => `${['Oslo', 'Lima', 'Pune'][i % 3]},${i % 7}`);
  rows[4] = `${'x'.repeat(g.chars)},4`;
  return Buffer.from(['city,n', ...rows].join('\n') + '\n');
}

/** `^NaN$`, `-Infinity`, `inf`: what a non-finite number looks like as a cell. */
export const NON_FINITE = /^\s*[+-]?(nan|inf|infinity)\s*$/i;
