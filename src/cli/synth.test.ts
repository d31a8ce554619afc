import { execFile } from 'node:child_process';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { describe, expect, it } from 'vitest';
import { softwareVulkan } from '../core/backend/node';
import { parseDelimitedText } from '../core/data/parse';

const run = promisify(execFile);
const TSX = join(process.cwd(), 'node_modules', '.bin', 'tsx');
const SYNTH = join(process.cwd(), 'src', 'cli', 'synth.ts');
// Chromium's software Vulkan driver: Dawn runs WebGPU on it where there is no GPU.
const SWIFTSHADER = softwareVulkan();

function seedFile(dir: string): string {
  const lines = ['city,temp,when'];
  for (let i = 0; i < 60; i++) lines.push(`${['Oslo', 'Lima'][i % 2]},${(i % 2 ? 20 : 5) + (i % 7) / 2},2024-01-${String(1 + (i % 28)).padStart(2, '0')}`);
  const path = join(dir, 'seed.csv');
  writeFileSync(path, lines.join('\n'));
  return path;
}

describe('npm run synth', () => {
  it('trains on a CSV and writes a synthetic CSV with the same columns', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'synth-'));
    const out = join(dir, 'out.csv');
    const { stderr } = await run(TSX, [SYNTH, '--input', seedFile(dir), '--out', out, '--rows', '75', '--epochs', '1', '--batch', '20', '--seed', '3']);
    expect(stderr).toMatch(/epoch 1\/1 +column shapes 0\.\d{3}/);
    expect(stderr).toMatch(/the rows come from epoch 1: column shapes 0\.\d{3}/);
    expect(stderr).toMatch(/run again with --report report\.html/);
    expect(stderr).toMatch(/wrote 75 rows/);
    const table = parseDelimitedText(readFileSync(out, 'utf8'));
    expect(table.names).toEqual(['city', 'temp', 'when']);
    expect(table.rowCount).toBe(75);
    expect(new Set(table.columns[0])).toEqual(new Set(['Oslo', 'Lima']));
    expect(table.columns[2].every((v) => /^2024-01-\d{2}$/.test(v!))).toBe(true);
  });

  it.skipIf(!SWIFTSHADER)('trains and generates on WebGPU under Dawn', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'synth-'));
    const out = join(dir, 'out.csv');
    const env = { ...process.env, VK_ICD_FILENAMES: SWIFTSHADER, XDG_RUNTIME_DIR: dir };
    const { stderr } = await run(TSX, [SYNTH, '--input', seedFile(dir), '--out', out, '--rows', '75', '--epochs', '1', '--batch', '20', '--backend', 'webgpu'], { env });
    expect(stderr).toMatch(/WebGPU on Dawn \(Node\)/);
    expect(stderr).toMatch(/backend webgpu/);
    const table = parseDelimitedText(readFileSync(out, 'utf8'));
    expect(table.rowCount).toBe(75);
    expect(new Set(table.columns[0])).toEqual(new Set(['Oslo', 'Lima']));
    expect(table.columns[1].every((v) => Number(v) >= 5 && Number(v) <= 23)).toBe(true);
    // SwiftShader compiles every shader on the CPU: on two busy cores that took past two minutes.
  }, 300_000);

  it('says so when WebGPU is asked for and there is no GPU', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'synth-'));
    const env = { ...process.env, VK_ICD_FILENAMES: join(dir, 'no-driver.json'), XDG_RUNTIME_DIR: dir };
    const failure = await run(TSX, [SYNTH, '--input', seedFile(dir), '--out', join(dir, 'o.csv'), '--backend', 'webgpu'], { env }).catch((e: { code: number; stderr: string }) => e);
    expect(failure).toMatchObject({ code: 2 });
    expect((failure as { stderr: string }).stderr).toMatch(/No Vulkan GPU found for WebGPU.*--backend wasm/);
  });

  it('leaves out a column with --exclude and writes fresh IDs for one read as an ID with --type', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'synth-'));
    const out = join(dir, 'out.csv');
    const { stdout, stderr } = await run(TSX, [SYNTH, '--input', seedFile(dir), '--out', out, '--rows', '30', '--epochs', '1', '--batch', '20', '--exclude', 'when', '--type', 'city=id']);
    const log = stdout + stderr;
    expect(log).toMatch(/^ {2}when: left out \(--exclude\)$/m);
    expect(log).toMatch(/^ {2}city: id$/m);
    const table = parseDelimitedText(readFileSync(out, 'utf8'));
    expect(table.names).toEqual(['city', 'temp']);
    expect(table.columns[0].some((v) => v === 'Oslo' || v === 'Lima')).toBe(false);
    const typo = await run(TSX, [SYNTH, '--input', seedFile(dir), '--out', out, '--exclude', 'City']).catch((e: { code: number; stderr: string }) => e);
    expect(typo).toMatchObject({ code: 2 });
    expect((typo as { stderr: string }).stderr).toMatch(/--exclude names "City", which is not a column of this table\. Its columns: "city", "temp", "when"\./);
  });

  it('exits non-zero with a clear message on bad input', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'synth-'));
    const bad = join(dir, 'bad.csv');
    writeFileSync(bad, 'a,b\n1,2\n3\n');
    const failure = await run(TSX, [SYNTH, '--input', bad, '--out', join(dir, 'o.csv')]).catch((e: { code: number; stderr: string }) => e);
    expect(failure).toMatchObject({ code: 2 });
    expect((failure as { stderr: string }).stderr).toMatch(/Row 3 has 1 fields but the header has 2/);
    const missing = await run(TSX, [SYNTH, '--input', join(dir, 'nope.csv'), '--out', join(dir, 'o.csv')]).catch((e: { code: number; stderr: string }) => e);
    expect((missing as { stderr: string }).stderr).toMatch(/Cannot read/);
    const ids = join(dir, 'ids.csv');
    writeFileSync(ids, ['order_id,customer', ...Array.from({ length: 30 }, (_, i) => `${100 + i},C-${i}`)].join('\n'));
    const nothing = await run(TSX, [SYNTH, '--input', ids, '--out', join(dir, 'o.csv')]).catch((e: { code: number; stderr: string }) => e);
    expect(nothing).toMatchObject({ code: 2 });
    expect((nothing as { stderr: string }).stderr).toMatch(/No column is left to model/);
    const usage = await run(TSX, [SYNTH, '--input', bad]).catch((e: { code: number; stderr: string }) => e);
    expect((usage as { stderr: string }).stderr).toMatch(/--input and --out are required/);
  });

  it('refuses to write over its input, before reading or training, and leaves it as it was', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'synth-'));
    const seed = seedFile(dir);
    const before = readFileSync(seed);
    const failure = await run(TSX, [SYNTH, '--input', seed, '--out', seed, '--epochs', '1']).catch((e: { code: number; stderr: string }) => e);
    expect(failure).toMatchObject({ code: 2 });
    const { stderr } = failure as { stderr: string };
    expect(stderr).toMatch(/error: --out ".*seed\.csv" is the --input file: writing it would overwrite the input/);
    expect(stderr).not.toMatch(/read \d+ rows|epoch/);
    expect(readFileSync(seed).equals(before)).toBe(true);
  });
});
