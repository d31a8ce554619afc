import { parseArgs as parseFlags } from 'node:util';
import type { BackendName } from '../core/backend/capabilities';
import type { ExportFormat } from '../core/export/writer';
import { DEFAULT_CONFIG } from '../core/model/config';
import { COLUMN_KINDS, type ColumnKind } from '../core/data/schema';
import { InputError } from '../core/util/errors';
import { MAX_GENERATED_ROWS } from '../core/util/limits';

/** The backends `--backend` takes: WebGL needs a browser. */
export type Backend = Exclude<BackendName, 'webgl'>;

export interface SynthArgs {
  /** The seed table; absent when `model` generates from a saved model instead. */
  input?: string;
  /** A model bundle (.mitosis.zip) to generate from, with no seed table and no training. */
  model?: string;
  /** Where to save the trained model as a bundle. */
  saveModel?: string;
  out: string;
  /** From --out's extension: a table's format, or 'zip' for images. */
  format: ExportFormat | 'zip';
  /** Rows to write; undefined writes as many as the seed has (see rowsToWrite). */
  rows?: number;
  /** The most rows this run may write: MAX_GENERATED_ROWS unless --max-rows says otherwise. */
  maxRows: number;
  /** 'auto': the length the table's size sets (see core/train/budget.ts). */
  epochs: number | 'auto';
  seed: number;
  backend: Backend;
  batch?: number;
  /** A JSON file of rules that replaces those found in the seed. */
  rules?: string;
  /** Where to write the quality report: .html or .json picks the form. */
  report?: string;
  /** Columns left out of the model (and the output), as the app's tick box does. */
  exclude: string[];
  /** Columns read as another kind than the one inferred: `Bin=id` writes fresh IDs. */
  types: [string, ColumnKind][];
}

const LIMIT = MAX_GENERATED_ROWS.toLocaleString('en-US');

export const USAGE = `usage: npm run synth -- --input data.csv --out synth.csv [flags]
       npm run synth -- --model model.mitosis.zip --out synth.csv [--rows N] [--backend NAME]

  --input FILE      the seed table to learn from (.csv, .tsv, .txt, .json or .parquet), or
                    images: a .zip or a folder of PNG/JPEG files, one subfolder per label
                    (then --out ends in .zip, --rows counts images, --report is .json)
  --out FILE        where to write the synthetic table; .csv, .json or .parquet picks the format;
                    must not be the --input file
  --rows N          rows to generate (default: as many as the seed has; at most ${LIMIT})
  --max-rows N      raise the ${LIMIT}-row limit on --rows on purpose
  --epochs E        training epochs (default: set from the table's size; a number here
                    trains exactly that many)
  --seed S          random seed, 0 to 4294967295; the same seed gives the same rows (default 42)
  --backend NAME    wasm (default), cpu, or webgpu (Dawn, needs a Vulkan GPU)
  --batch B         largest training batch (default ${DEFAULT_CONFIG.batchSize}; a small table trains on smaller ones)
  --exclude COLUMN  leave a column out of the model and the output (repeat for more)
  --type COLUMN=KIND read a column as KIND: numeric, categorical, boolean, datetime, id or
                    constant (id writes fresh IDs in its shape; repeat for more)
  --rules FILE      a JSON array of rules to keep on every row, in place of those found in the seed
                    (the run prints those it found in the same form; [] keeps none)
  --report FILE     also write the quality and privacy report; .html (a page to hand over) or .json
  --save-model FILE after training, save the model as a bundle (.zip) that --model reads
  --model FILE      generate from a saved model bundle instead of training: no --input, and the
                    seed and settings saved in it (so no --seed, --epochs, --batch, --rules, --report)
  -h, --help        print this help and exit
`;

// Every value flag is a string to Node; numbers are checked here so the messages name the flag.
const FLAGS = {
  input: { type: 'string' },
  out: { type: 'string' },
  rows: { type: 'string' },
  'max-rows': { type: 'string' },
  epochs: { type: 'string' },
  seed: { type: 'string' },
  backend: { type: 'string' },
  batch: { type: 'string' },
  rules: { type: 'string' },
  report: { type: 'string' },
  exclude: { type: 'string', multiple: true },
  type: { type: 'string', multiple: true },
  'save-model': { type: 'string' },
  model: { type: 'string' },
  help: { type: 'boolean', short: 'h' },
} as const;

const BACKENDS: readonly Backend[] = ['wasm', 'cpu', 'webgpu'];
const FORMATS: readonly ExportFormat[] = ['csv', 'json', 'parquet'];

/** Reads the command line; 'help' when --help or -h asks for the usage. Throws InputError on anything else amiss. */
export function parseArgs(argv: string[]): SynthArgs | 'help' {
  const { values, tokens } = readFlags(argv);
  for (const name of Object.keys(FLAGS)) {
    if (name === 'exclude' || name === 'type') continue;
    // Node keeps the last of a repeated flag; two --input values are more likely a mistake than a choice.
    if (tokens.filter((t) => t.kind === 'option' && t.name === name).length > 1) throw usageError(`--${name} is given more than once.`);
  }
  if (values.help) return 'help';
  const { input, out, model } = values;
  if (model !== undefined) {
    if (input !== undefined) throw usageError('--input and --model cannot be used together: --model generates from a saved model, with no seed table.');
    // Flags that shape training: the bundle already holds what they would set, the seed included.
    for (const flag of ['epochs', 'seed', 'batch', 'rules', 'report', 'save-model', 'exclude', 'type'] as const) {
      if (values[flag] !== undefined) throw usageError(`--${flag} cannot be used with --model: a saved model generates with the seed and settings it was trained with.`);
    }
  }
  if ((!input && !model) || !out) throw usageError('--input and --out are required. To generate from a saved model, pass --model and --out.');
  const saveModel = values['save-model'];
  if (saveModel !== undefined && !/\.zip$/i.test(saveModel)) throw new InputError(`--save-model must end in .zip, not "${saveModel}".`);
  const backend = values.backend ?? 'wasm';
  if (!BACKENDS.includes(backend as Backend)) throw new InputError(`--backend must be wasm, cpu or webgpu, not "${backend}".`);
  // A zip is what images are written as (a folder or zip of images as --input).
  const format = out.toLowerCase().split('.').pop() as ExportFormat | 'zip';
  if (format !== 'zip' && !FORMATS.includes(format)) throw new InputError(`--out must end in .csv, .json or .parquet (or .zip for images), not "${out}".`);
  const report = values.report;
  if (report !== undefined && !/\.(html|json)$/i.test(report)) throw new InputError(`--report must end in .html or .json, not "${report}".`);
  const maxRows = wholeNumber('max-rows', values['max-rows'], 1) ?? MAX_GENERATED_ROWS;
  const rows = wholeNumber('rows', values.rows, 1);
  if (rows !== undefined) checkRowLimit(rows, maxRows, `--rows ${values.rows}`);
  return {
    input,
    model,
    saveModel,
    out,
    format,
    rows,
    maxRows,
    epochs: wholeNumber('epochs', values.epochs, 1, 100_000) ?? 'auto',
    seed: wholeNumber('seed', values.seed, 0, 0xffff_ffff) ?? 42,
    backend: backend as Backend,
    batch: wholeNumber('batch', values.batch, 1, 1_000_000),
    rules: values.rules,
    report,
    exclude: values.exclude ?? [],
    types: (values.type ?? []).map(columnType),
  };
}

/** `Bin location=id` as the column and its kind; the last `=` splits, so a name may hold one. */
function columnType(text: string): [string, ColumnKind] {
  const at = text.lastIndexOf('=');
  const [name, kind] = at < 0 ? [text, ''] : [text.slice(0, at).trim(), text.slice(at + 1).trim()];
  if (!name || !COLUMN_KINDS.includes(kind as ColumnKind)) {
    throw new InputError(`--type takes COLUMN=KIND, KIND one of ${COLUMN_KINDS.join(', ')}: not "${text}".`);
  }
  return [name, kind as ColumnKind];
}

/** Rows to generate once the seed is read: --rows, or the seed's own count, within the limit either way. */
export function rowsToWrite(args: SynthArgs, seedRows: number): number {
  if (args.rows !== undefined) return args.rows;
  checkRowLimit(seedRows, args.maxRows, `The seed's ${seedRows.toLocaleString('en-US')} rows (the default for --rows)`);
  return seedRows;
}

function checkRowLimit(rows: number, maxRows: number, what: string): void {
  if (rows <= maxRows) return;
  throw new InputError(`${what} is over the limit of ${maxRows.toLocaleString('en-US')} rows. Pass a smaller --rows, or --max-rows ${rows} to raise the limit on purpose.`);
}

function readFlags(argv: string[]) {
  try {
    return parseFlags({ args: argv, options: FLAGS, strict: true, allowPositionals: false, tokens: true });
  } catch (err) {
    const message = err instanceof Error ? err.message : String(err);
    const unknown = /^Unknown option '(.+?)'/.exec(message);
    if (unknown) throw usageError(`Unknown flag ${unknown[1]}.${suggest(unknown[1])}`);
    throw usageError(message.replace(/\n/g, ' '));
  }
}

/** A hint for a near miss such as --epoch or --output: a known flag that starts with the other. */
function suggest(flag: string): string {
  const name = flag.replace(/^-+/, '');
  if (name.length < 2) return '';
  const near = Object.keys(FLAGS).find((known) => known.startsWith(name) || name.startsWith(known));
  return near ? ` Did you mean --${near}?` : '';
}

function usageError(message: string): InputError {
  return new InputError(`${message}\n\n${USAGE}`);
}

// Digits only: "1e3", "0x10", "2.0" and " 5" are refused rather than read as numbers the user did not write.
function wholeNumber(flag: string, text: string | undefined, min: number, max = Number.MAX_SAFE_INTEGER): number | undefined {
  if (text === undefined) return undefined;
  if (!/^\d+$/.test(text)) throw new InputError(`--${flag} must be a whole number written in digits, not "${text}".`);
  const n = Number(text);
  if (n < min) throw new InputError(`--${flag} must be at least ${min.toLocaleString('en-US')}, not ${text}.`);
  if (n > max) throw new InputError(`--${flag} must be at most ${max.toLocaleString('en-US')}, not ${text}.`);
  return n;
}
