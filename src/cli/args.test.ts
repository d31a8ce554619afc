import { describe, expect, it } from 'vitest';
import { InputError } from '../core/util/errors';
import { MAX_GENERATED_ROWS } from '../core/util/limits';
import { MAX_GENERATED_ROWS as PROTOCOL_MAX } from '../worker/protocol';
import { parseArgs, rowsToWrite, USAGE, type SynthArgs } from './args';

const BASE = ['--input', 'seed.csv', '--out', 'synth.csv'];

function refusal(argv: string[]): InputError {
  try {
    parseArgs(argv);
  } catch (err) {
    expect(err).toBeInstanceOf(InputError);
    return err as InputError;
  }
  throw new Error(`parseArgs accepted ${argv.join(' ')}`);
}

function run(argv: string[]): SynthArgs {
  const args = parseArgs(argv);
  if (args === 'help') throw new Error('expected a run, got help');
  return args;
}

describe('parseArgs', () => {
  it('reads every flag and fills the defaults', () => {
    expect(run(BASE)).toEqual({ input: 'seed.csv', out: 'synth.csv', format: 'csv', rows: undefined, maxRows: 2_000_000, epochs: 'auto', seed: 42, backend: 'wasm', batch: undefined, rules: undefined, exclude: [], types: [] });
    const all = run([...BASE.slice(0, 2), '--out', 'o.parquet', '--rows', '75', '--epochs', '3', '--seed', '0', '--backend', 'cpu', '--batch', '20', '--max-rows', '80']);
    expect(all).toMatchObject({ out: 'o.parquet', format: 'parquet', rows: 75, maxRows: 80, epochs: 3, seed: 0, backend: 'cpu', batch: 20 });
    expect(run(['--input=seed.csv', '--out=o.json']).format).toBe('json');
  });

  it('refuses an unknown flag, naming it, suggesting the near one and printing the usage', () => {
    const err = refusal([...BASE, '--epoch', '50']);
    expect(err.message).toMatch(/^Unknown flag --epoch\. Did you mean --epochs\?/);
    expect(err.message).toContain(USAGE);
    expect(refusal([...BASE, '-x']).message).toMatch(/^Unknown flag -x\.\n/);
  });

  it('reads --exclude and --type, each as often as given, and refuses a kind it does not know', () => {
    const args = run([...BASE, '--exclude', 'Bin location', '--exclude', 'note', '--type', 'Bin=id', '--type', 'a=b=categorical']);
    expect(args).toMatchObject({ exclude: ['Bin location', 'note'], types: [['Bin', 'id'], ['a=b', 'categorical']] });
    expect(() => run([...BASE, '--type', 'Bin=text'])).toThrow('--type takes COLUMN=KIND, KIND one of numeric, categorical, boolean, datetime, id, constant: not "Bin=text".');
    expect(() => parseArgs(['--model', 'm.zip', '--out', 'o.csv', '--exclude', 'Bin'])).toThrow(/--exclude cannot be used with --model/);
  });

  it('refuses a flag given twice rather than keeping the last', () => {
    expect(refusal(['--input', 'a.csv', '--input', 'b.csv', '--out', 'o.csv']).message).toMatch(/^--input is given more than once\./);
    expect(refusal([...BASE, '--rows', '5', '--rows=6']).message).toMatch(/^--rows is given more than once\./);
  });

  it('refuses positional arguments', () => {
    expect(refusal([...BASE, 'extra.csv']).message).toMatch(/Unexpected argument 'extra\.csv'/);
    expect(refusal(['seed.csv', 'synth.csv']).message).toContain(USAGE);
  });

  it('refuses a flag left without its value', () => {
    expect(refusal(['--input', 'seed.csv', '--out']).message).toMatch(/--out <value>' argument missing/);
    expect(refusal(['--input', '--out', 'o.csv']).message).toMatch(/'--input' argument is ambiguous/);
    expect(refusal(['--input', 'seed.csv']).message).toMatch(/^--input and --out are required\./);
  });

  it('answers --help and -h with the usage, one line per flag', () => {
    expect(parseArgs(['--help'])).toBe('help');
    expect(parseArgs(['-h'])).toBe('help');
    expect(parseArgs([...BASE, '-h'])).toBe('help');
    for (const flag of ['--input', '--out', '--rows', '--max-rows', '--epochs', '--seed', '--backend', '--batch', '--help']) {
      expect(USAGE).toMatch(new RegExp(`^ +(-h, )?${flag} +\\S`, 'm'));
    }
  });

  it('refuses numbers that are not whole numbers in range', () => {
    expect(refusal([...BASE, '--rows', '1e12']).message).toBe('--rows must be a whole number written in digits, not "1e12".');
    expect(refusal([...BASE, '--rows', 'abc']).message).toBe('--rows must be a whole number written in digits, not "abc".');
    expect(refusal([...BASE, '--rows', '2.5']).message).toMatch(/whole number/);
    expect(refusal([...BASE, '--rows', '0']).message).toBe('--rows must be at least 1, not 0.');
    expect(refusal([...BASE, '--epochs', '0']).message).toMatch(/--epochs must be at least 1/);
    expect(refusal([...BASE, '--seed', '4294967296']).message).toBe('--seed must be at most 4,294,967,295, not 4294967296.');
    expect(refusal([...BASE, '--batch', '']).message).toMatch(/--batch must be a whole number/);
  });

  it('refuses an unknown backend and an output with no known extension', () => {
    expect(refusal([...BASE, '--backend', 'webgl']).message).toMatch(/--backend must be wasm, cpu or webgpu, not "webgl"/);
    expect(refusal(['--input', 'seed.csv', '--out', 'synth.xlsx']).message).toMatch(/--out must end in \.csv, \.json or \.parquet/);
  });
});

describe('the row limit', () => {
  it('is the app limit, shared with the worker protocol', () => {
    expect(MAX_GENERATED_ROWS).toBe(2_000_000);
    expect(PROTOCOL_MAX).toBe(MAX_GENERATED_ROWS);
    expect(run([...BASE, '--rows', '2000000']).rows).toBe(2_000_000);
  });

  it('refuses --rows over it, naming the limit and --max-rows', () => {
    expect(refusal([...BASE, '--rows', '2000001']).message).toBe(
      '--rows 2000001 is over the limit of 2,000,000 rows. Pass a smaller --rows, or --max-rows 2000001 to raise the limit on purpose.',
    );
  });

  it('is raised by --max-rows', () => {
    expect(run([...BASE, '--rows', '5000000', '--max-rows', '5000000'])).toMatchObject({ rows: 5_000_000, maxRows: 5_000_000 });
    expect(refusal([...BASE, '--rows', '5000001', '--max-rows', '5000000']).message).toMatch(/over the limit of 5,000,000 rows/);
  });

  it('also bounds the default, the seed row count', () => {
    expect(rowsToWrite(run(BASE), 1234)).toBe(1234);
    expect(rowsToWrite(run([...BASE, '--rows', '9']), 3_000_000)).toBe(9);
    expect(() => rowsToWrite(run(BASE), 3_000_000)).toThrow(/seed's 3,000,000 rows .* over the limit of 2,000,000 rows.*--max-rows 3000000/);
    expect(rowsToWrite(run([...BASE, '--max-rows', '3000000']), 3_000_000)).toBe(3_000_000);
  });
});
