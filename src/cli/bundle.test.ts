import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { parseArgs } from './args';
import { runSynth } from './run';

const dir = mkdtempSync(join(tmpdir(), 'bundle-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

function seed(): string {
  const lines = ['city,temp,when'];
  for (let i = 0; i < 60; i++) lines.push(`${['Oslo', 'Lima'][i % 2]},${(i % 2 ? 20 : 5) + (i % 7) / 2},2024-01-${String(1 + (i % 28)).padStart(2, '0')}`);
  const path = join(dir, 'seed.csv');
  writeFileSync(path, lines.join('\n'));
  return path;
}

async function synth(argv: string[]): Promise<{ code: number; lines: string[] }> {
  const lines: string[] = [];
  const code = await runSynth(argv, { log: (l) => lines.push(l) });
  return { code, lines };
}

describe('npm run synth --save-model / --model', () => {
  it('saves the trained model, and --model writes rows on from the saved run, the same each time, with no seed table', async () => {
    const model = join(dir, 'seed.mitosis.zip');
    const first = await synth(['--input', seed(), '--out', join(dir, 'a.csv'), '--rows', '120', '--epochs', '1', '--batch', '20', '--seed', '3', '--backend', 'cpu', '--save-model', model]);
    expect(first.code, first.lines.join('\n')).toBe(0);
    expect(first.lines.join('\n')).toMatch(/saved the model to .*seed\.mitosis\.zip \(\d+\.\d MB\)/);
    const second = await synth(['--model', model, '--out', join(dir, 'b.csv'), '--rows', '120', '--backend', 'cpu']);
    expect(second.code, second.lines.join('\n')).toBe(0);
    expect(second.lines[0]).toMatch(/^loaded .*seed\.mitosis\.zip: trained by mitosis-studio \d+\.\d+\.\d+ on 60 rows of seed\.csv \(3 columns\), 1 epochs, seed 3; backend cpu$/);
    const a = readFileSync(join(dir, 'a.csv'), 'utf8');
    expect(a.split('\n')[0]).toBe('city,temp,when');
    const b = readFileSync(join(dir, 'b.csv'), 'utf8');
    expect(b.split('\n')[0]).toBe('city,temp,when');
    expect(b).not.toBe(a);
    const again = await synth(['--model', model, '--out', join(dir, 'b2.csv'), '--rows', '120', '--backend', 'cpu']);
    expect(again.code).toBe(0);
    expect(readFileSync(join(dir, 'b2.csv'), 'utf8')).toBe(b);
    // Without --rows, as many rows as the seed had.
    const third = await synth(['--model', model, '--out', join(dir, 'c.csv'), '--backend', 'cpu']);
    expect(third.code).toBe(0);
    expect(readFileSync(join(dir, 'c.csv'), 'utf8').trim().split('\n')).toHaveLength(61);
  });

  it('refuses a file that is not a bundle with a clear message and exit code 2', async () => {
    const bad = join(dir, 'bad.zip');
    writeFileSync(bad, 'not a zip');
    const { code, lines } = await synth(['--model', bad, '--out', join(dir, 'd.csv'), '--backend', 'cpu']);
    expect(code).toBe(2);
    expect(lines.at(-1)).toBe('error: The model bundle is not a complete zip file: it may be truncated or not a zip at all.');
  });

  it('refuses flags that do not go with --model', () => {
    const refusal = (argv: string[]) => {
      try {
        parseArgs(argv);
      } catch (err) {
        return (err as Error).message.split('\n')[0];
      }
      throw new Error('expected a refusal');
    };
    expect(refusal(['--model', 'm.zip', '--input', 's.csv', '--out', 'o.csv'])).toBe('--input and --model cannot be used together: --model generates from a saved model, with no seed table.');
    expect(refusal(['--model', 'm.zip', '--out', 'o.csv', '--epochs', '3'])).toBe('--epochs cannot be used with --model: a saved model generates with the seed and settings it was trained with.');
    expect(refusal(['--model', 'm.zip', '--out', 'o.csv', '--seed', '3'])).toMatch(/^--seed cannot be used with --model/);
    expect(refusal(['--model', 'm.zip'])).toMatch(/^--input and --out are required\. To generate from a saved model, pass --model and --out\./);
    expect(refusal(['--input', 's.csv', '--out', 'o.csv', '--save-model', 'm.bin'])).toBe('--save-model must end in .zip, not "m.bin".');
    expect(parseArgs(['--model', 'm.zip', '--out', 'o.csv', '--rows', '5'])).toMatchObject({ model: 'm.zip', input: undefined, out: 'o.csv', rows: 5 });
  });
});
