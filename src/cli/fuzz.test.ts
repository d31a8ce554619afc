import { parquetReadObjects } from 'hyparquet';
import Papa from 'papaparse';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { caseBytes, FUZZ_DIR, nameOf, NON_FINITE, readCases, type FuzzCase } from '../../e2e/fuzz/corpus';
import { loadTable } from '../core/data/load';
import type { Table } from '../core/data/table';
import { SynthThread, type SynthReply } from './synthThread';

// Every case runs through the whole CLI (read, train, generate, write) in a worker thread of this process:
// tiny settings keep the corpus to seconds, and a hang is cut off after CASE_MS rather than blocking the suite.
const CASE_MS = 20_000;
const ROWS = 20;
const TINY = ['--epochs', '1', '--rows', String(ROWS), '--batch', '10'];
const PREVIOUS = 'previous,output\n1,2\n';

const thread = new SynthThread();
const folders: string[] = [];
afterAll(async () => {
  await thread.close();
  for (const folder of folders) rmSync(folder, { recursive: true, force: true });
});

const cases = readCases();
/** A plain table the argument and hang-guard tests run on. */
const good = cases.find((c) => c.file === 'crlf.csv')!;
const tensorsAfter: number[] = [];

async function synth(argv: string[]): Promise<SynthReply> {
  const reply = await thread.run(argv, CASE_MS);
  if (reply === 'timeout') throw new Error(`npm run synth ${argv.join(' ')} did not finish in ${CASE_MS / 1000} s`);
  expect(reply.pristine, 'Object.prototype unchanged').toBe(true);
  tensorsAfter.push(reply.tensors);
  return reply;
}

function errorLine(reply: SynthReply): string {
  const line = reply.lines.find((l) => l.startsWith('error: '));
  expect(line, `an error line in:\n${reply.lines.join('\n')}`).toBeDefined();
  return line!;
}

/** Exit 2 with `error: <message>` matching `pattern`, said in words: no stack trace, no error class. */
function expectMessage(reply: SynthReply, pattern: string | RegExp): void {
  const line = errorLine(reply);
  expect(reply.code, line).toBe(2);
  expect(line).toMatch(typeof pattern === 'string' ? new RegExp(pattern, 'is') : pattern);
  expect(line).not.toMatch(/^\s+at\s|\b(Type|Range|Reference|Syntax)Error\b/m);
}

/** A folder with the seed under its own name and an output that already holds a previous run's table. */
function stage(c: FuzzCase, out = 'out.csv'): { input: string; out: string } {
  const dir = mkdtempSync(join(tmpdir(), 'fuzz-'));
  folders.push(dir);
  const input = join(dir, nameOf(c));
  writeFileSync(input, caseBytes(c));
  writeFileSync(join(dir, out), PREVIOUS);
  return { input, out: join(dir, out) };
}

/** Each column's texts in the seed (its cells and its words for missing), lower-cased: what the output may repeat. */
function seedTexts(table: Table): Map<string, Set<string>> {
  return new Map(
    table.names.map((name, j) => {
      const missing = (table.missingSpellings?.[j] ?? []).map(([text]) => text);
      return [name, new Set([...table.columns[j], ...missing, ''].map((v) => (v ?? '').trim().toLowerCase()))];
    }),
  );
}

// The writer defuses text a spreadsheet would run (`=x` → `'=x`); the name or value is what follows.
const undefused = (text: string) => text.replace(/^'(?=[=+\-@\t\r])/, '');

function expectNoNewNonFinite(column: string, values: string[], seed: Map<string, Set<string>>): void {
  const made = values.map(undefused).filter((v) => NON_FINITE.test(v));
  for (const v of new Set(made)) expect(seed.get(column)?.has(v.trim().toLowerCase()), `"${v}" in ${column}, which the seed does not write`).toBe(true);
}

async function expectOutput(c: FuzzCase, reply: SynthReply, out: string, seedBytes: Buffer): Promise<void> {
  expect(reply.code, reply.lines.join('\n')).toBe(0);
  expect(reply.lines.join('\n')).toMatch(new RegExp(`^read ${c.rows} rows × ${c.columns} columns`, 'm'));
  expect(reply.lines.join('\n')).toMatch(new RegExp(`^wrote ${ROWS} rows to`, 'm'));
  const text = readFileSync(out, 'utf8');
  const parsed = Papa.parse<string[]>(text, { skipEmptyLines: true });
  // A one-column output has no delimiter to detect; anything else papaparse reports is a broken file.
  expect(parsed.errors.filter((e) => e.code !== 'UndetectableDelimiter')).toEqual([]);
  const [header, ...rows] = parsed.data;
  expect(rows).toHaveLength(ROWS);
  expect(rows.every((r) => r.length === header.length)).toBe(true);
  const seed = await loadTable(nameOf(c), new Uint8Array(seedBytes));
  expect(new Set(header).size).toBe(header.length);
  for (const name of header) expect(seed.names).toContain(undefused(name));
  if (c.header) expect(header).toEqual(c.header);
  const texts = seedTexts(seed);
  header.forEach((name, j) => expectNoNewNonFinite(undefused(name), rows.map((r) => r[j]), texts));
  for (const [column, { pattern, share = 1 }] of Object.entries(c.keep ?? {})) {
    const j = header.indexOf(column);
    expect(j, `${column} in the output`).toBeGreaterThanOrEqual(0);
    const matching = rows.filter((r) => new RegExp(pattern, 'u').test(r[j])).length;
    expect(matching / rows.length, `${column} cells matching /${pattern}/: ${rows.map((r) => r[j]).join(' | ')}`).toBeGreaterThanOrEqual(share);
  }
}

describe('the fuzz corpus through npm run synth', () => {
  it('holds at least 50 cases, each with a file or a generator and an outcome it can be checked against', () => {
    expect(cases.length).toBeGreaterThanOrEqual(50);
    for (const c of cases) {
      if (c.expect === 'message') expect(c.message, c.file).toBeTruthy();
      else expect([c.rows, c.columns], c.file).toEqual([expect.any(Number), expect.any(Number)]);
      if (!c.generate) expect(readFileSync(join(FUZZ_DIR, c.file)).length, c.file).toBeLessThan(20_500);
    }
  });

  for (const c of cases) {
    it(`${c.file}: ${c.tests}`, { timeout: CASE_MS + 10_000 }, async () => {
      const bytes = caseBytes(c);
      const { input, out } = stage(c);
      const started = performance.now();
      const reply = await synth(['--input', input, '--out', out, ...TINY]);
      if (c.expect === 'message') {
        expectMessage(reply, c.message!);
        expect(readFileSync(out, 'utf8'), 'the previous output, untouched').toBe(PREVIOUS);
        // Refusals come before any training: a large file is refused in seconds, not after minutes of work.
        expect(performance.now() - started).toBeLessThan(10_000);
      } else await expectOutput(c, reply, out, bytes);
    });
  }

  // JSON and Parquet write numbers as numbers: a NaN there is a null or a crash, not a visible "NaN" cell.
  const numeric = cases.filter((c) => ['infinity-cells.csv', 'nonfinite-with-e.csv', 'digits-400.csv', 'one-1e20.csv'].includes(c.file));
  for (const c of numeric) {
    it(`${c.file} as JSON and Parquet: finite numbers or the seed's own notes`, { timeout: 2 * CASE_MS + 10_000 }, async () => {
      const seed = await loadTable(nameOf(c), new Uint8Array(caseBytes(c)));
      const notes = new Set(seed.columns[seed.names.indexOf('value')].filter((v) => v !== null && !Number.isFinite(Number(v))));
      const finite = (v: unknown) => typeof v === 'number' && Number.isFinite(v);
      const fine = (v: unknown) => v === null || finite(v) || notes.has(String(v));
      // Parquet holds one type per column: a column of numbers and notes is a text column, its numbers written as text.
      // Whole numbers come back from INT64 as bigints, which are finite by nature.
      const fineText = (v: unknown) => fine(v) || typeof v === 'bigint' || (typeof v === 'string' && v.trim() !== '' && Number.isFinite(Number(v)));
      const json = stage(c, 'out.json');
      expect((await synth(['--input', json.input, '--out', json.out, ...TINY])).code).toBe(0);
      const rows = JSON.parse(readFileSync(json.out, 'utf8')) as Record<string, unknown>[];
      expect(rows).toHaveLength(ROWS);
      expect(rows.map((r) => r.value).filter((v) => !fine(v))).toEqual([]);
      expect(rows.some((r) => finite(r.value))).toBe(true);
      const parquet = stage(c, 'out.parquet');
      expect((await synth(['--input', parquet.input, '--out', parquet.out, ...TINY])).code).toBe(0);
      const bytes = readFileSync(parquet.out);
      const read = await parquetReadObjects({ file: bytes.buffer.slice(bytes.byteOffset, bytes.byteOffset + bytes.byteLength) as ArrayBuffer });
      expect(read).toHaveLength(ROWS);
      expect(read.map((r) => r.value).filter((v) => !fineText(v))).toEqual([]);
    });
  }
});

describe('npm run synth arguments', () => {
  const refusals: [string, (p: { input: string; out: string; dir: string }) => string[], RegExp][] = [
    ['--rows 1e12', (p) => ['--input', p.input, '--out', p.out, '--rows', '1e12'], /--rows must be a whole number written in digits, not "1e12"/],
    ['--rows 0', (p) => ['--input', p.input, '--out', p.out, '--rows', '0'], /--rows must be at least 1, not 0/],
    ['--rows past the limit', (p) => ['--input', p.input, '--out', p.out, '--rows', '3000000'], /over the limit of 2,000,000 rows.*--max-rows 3000000/],
    ['--rows -5', (p) => ['--input', p.input, '--out', p.out, '--rows', '-5'], /--rows/],
    ['unknown flag --epoch 50', (p) => ['--input', p.input, '--out', p.out, '--epoch', '50'], /Unknown flag --epoch\. Did you mean --epochs\?/],
    ['--input twice', (p) => ['--input', p.input, '--input', p.input, '--out', p.out], /--input is given more than once/],
    ['--out the same as --input', (p) => ['--input', p.input, '--out', p.input], /is the --input file: writing it would overwrite the input/],
    ['--out in a missing folder', (p) => ['--input', p.input, '--out', join(p.dir, 'nowhere', 'o.csv')], /The folder for --out, ".*nowhere", does not exist/],
    ['--out a folder', (p) => (mkdirSync(join(p.dir, 'folder.csv')), ['--input', p.input, '--out', join(p.dir, 'folder.csv')]), /--out ".*folder\.csv" is a folder\. Name a file/],
    ['--out with no known extension', (p) => ['--input', p.input, '--out', join(p.dir, 'o.xlsx')], /--out must end in \.csv, \.json or \.parquet/],
    ['--input missing', (p) => ['--input', join(p.dir, 'nope.csv'), '--out', p.out], /Cannot read ".*nope\.csv": check the path/],
    ['--input a folder', (p) => ['--input', p.dir, '--out', p.out], /--input ".*" is a folder, read as images/],
    ['no --out', (p) => ['--input', p.input], /--input and --out are required/],
    ['nothing at all', () => [], /--input and --out are required/],
    ['a stray positional argument', (p) => ['--input', p.input, '--out', p.out, 'extra'], /Unexpected argument 'extra'/],
    ['--backend gpu', (p) => ['--input', p.input, '--out', p.out, '--backend', 'gpu'], /--backend must be wasm, cpu or webgpu, not "gpu"/],
    ['--epochs 0', (p) => ['--input', p.input, '--out', p.out, '--epochs', '0'], /--epochs must be at least 1/],
    ['--seed past 32 bits', (p) => ['--input', p.input, '--out', p.out, '--seed', '4294967296'], /--seed must be at most 4,294,967,295/],
    ['--rules not JSON', (p) => ['--input', p.input, '--out', p.out, '--rules', p.input], /is not valid JSON/],
  ];
  for (const [what, argv, message] of refusals) {
    it(`refuses ${what} with a message and leaves the output as it was`, async () => {
      const { input, out } = stage(good);
      const dir = join(out, '..');
      const reply = await synth(argv({ input, out, dir }));
      expectMessage(reply, message);
      expect(reply.lines.some((l) => /^epoch/.test(l)), 'refused before training').toBe(false);
      expect(readFileSync(out, 'utf8')).toBe(PREVIOUS);
      expect(readFileSync(input).equals(caseBytes(good))).toBe(true);
    });
  }

  // /proc/sys refuses writes even to root, which a chmod-ed folder does not.
  it.skipIf(process.platform !== 'linux')('refuses an output folder it cannot write to, before training', async () => {
    const { input } = stage(good);
    const reply = await synth(['--input', input, '--out', '/proc/sys/o.csv', ...TINY]);
    expectMessage(reply, /Cannot write to the folder "\/proc\/sys": permission denied/);
    expect(reply.lines.some((l) => /^epoch/.test(l))).toBe(false);
  });

  it('--help and -h print the usage and exit 0', async () => {
    for (const flag of ['--help', '-h']) {
      const reply = await synth([flag]);
      expect(reply.code).toBe(0);
      expect(reply.lines.join('\n')).toMatch(/^usage: npm run synth -- --input data\.csv --out synth\.csv/);
    }
  });
});

describe('after the whole corpus', () => {
  it('still answers: a good table trains and writes, on the thread that ran every case', async () => {
    const { input, out } = stage(good);
    const reply = await synth(['--input', input, '--out', out, ...TINY]);
    expect(reply.code).toBe(0);
    expect(readFileSync(out, 'utf8')).not.toBe(PREVIOUS);
    expect(thread.started, 'threads started: more than one means a run was cut off').toBe(1);
  });

  it('leaves no tensors behind, run after run', () => {
    // The first run's count includes what tfjs keeps for the life of the backend; later runs must add nothing to it.
    const grew = tensorsAfter.map((n, i) => [i, n - (tensorsAfter[i - 1] ?? n)]).filter(([, d]) => d > 0);
    expect(grew.length, `tensors after each run: ${tensorsAfter.join(' ')}`).toBe(0);
  });
});

describe('the hang guard', () => {
  it('ends a run that does not answer in time, and the next run starts a fresh thread', async () => {
    const guarded = new SynthThread();
    try {
      const { input, out } = stage(good);
      expect(await guarded.run(['--input', input, '--out', out, ...TINY], 1)).toBe('timeout');
      const reply = await guarded.run(['--input', input, '--out', out, ...TINY], CASE_MS);
      expect(reply).toMatchObject({ code: 0 });
      expect(guarded.started).toBe(2);
    } finally {
      await guarded.close();
    }
  });
});
