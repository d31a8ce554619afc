import { chmodSync, existsSync, linkSync, mkdirSync, mkdtempSync, readFileSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, relative } from 'node:path';
import { describe, expect, it } from 'vitest';
import { InputError } from '../core/util/errors';
import { openOutput } from './output';
import { checkPaths } from './paths';

function folderWithSeed(): { dir: string; seed: string } {
  const dir = mkdtempSync(join(tmpdir(), 'paths-'));
  const seed = join(dir, 'seed.csv');
  writeFileSync(seed, 'a,b\n1,2\n');
  return { dir, seed };
}

function refusal(action: () => void): string {
  try {
    action();
  } catch (err) {
    expect(err).toBeInstanceOf(InputError);
    return (err as InputError).message;
  }
  throw new Error('expected an InputError');
}

const SAME = /is the --input file: writing it would overwrite the input\. Choose another --out\./;
const isRoot = process.getuid?.() === 0;

describe('checkPaths', () => {
  it('accepts a new file, or an existing one, in a writable folder', () => {
    const { dir, seed } = folderWithSeed();
    expect(() => checkPaths(seed, join(dir, 'out.csv'))).not.toThrow();
    writeFileSync(join(dir, 'old.csv'), 'x');
    expect(() => checkPaths(seed, join(dir, 'old.csv'))).not.toThrow();
  });

  it('refuses --out naming the input file, however the path is spelled', () => {
    const { dir, seed } = folderWithSeed();
    expect(refusal(() => checkPaths(seed, seed))).toMatch(SAME);
    expect(refusal(() => checkPaths(seed, join(dir, '.', 'sub', '..', 'seed.csv')))).toMatch(SAME);
    expect(refusal(() => checkPaths(relative(process.cwd(), seed), seed))).toMatch(SAME);
  });

  it('refuses --out that is a symbolic link to the input, or the input through a linked folder', () => {
    const { dir, seed } = folderWithSeed();
    symlinkSync(seed, join(dir, 'link.csv'));
    expect(refusal(() => checkPaths(seed, join(dir, 'link.csv')))).toMatch(SAME);
    expect(refusal(() => checkPaths(join(dir, 'link.csv'), seed))).toMatch(SAME);
    symlinkSync(dir, join(dir, 'alias'));
    expect(refusal(() => checkPaths(seed, join(dir, 'alias', 'seed.csv')))).toMatch(SAME);
  });

  it('refuses --out that is a hard link to the input', () => {
    const { dir, seed } = folderWithSeed();
    linkSync(seed, join(dir, 'hard.csv'));
    expect(refusal(() => checkPaths(seed, join(dir, 'hard.csv')))).toMatch(SAME);
  });

  it('refuses a missing output folder, and a file where the folder should be', () => {
    const { dir, seed } = folderWithSeed();
    expect(refusal(() => checkPaths(seed, join(dir, 'nope', 'out.csv')))).toBe(`The folder for --out, "${join(dir, 'nope')}", does not exist. Create it first or choose another --out.`);
    expect(refusal(() => checkPaths(seed, join(seed, 'out.csv')))).toMatch(/is a file, not a folder/);
  });

  it('refuses --out that is an existing folder', () => {
    const { dir, seed } = folderWithSeed();
    mkdirSync(join(dir, 'made.csv'));
    expect(refusal(() => checkPaths(seed, join(dir, 'made.csv')))).toMatch(/^--out ".*made\.csv" is a folder\. Name a file/);
  });

  it('refuses a missing or folder input before anything else', () => {
    const { dir } = folderWithSeed();
    expect(refusal(() => checkPaths(join(dir, 'nope.csv'), join(dir, 'out.csv')))).toMatch(/^Cannot read ".*nope\.csv": check the path\./);
    expect(refusal(() => checkPaths(dir, join(dir, 'out.csv')))).toMatch(/^--input ".*" is a folder/);
  });

  // Root may write anywhere, so only an unprivileged run (a developer's machine) can show this.
  it.skipIf(isRoot)('refuses a folder or file it may not write', () => {
    const { dir, seed } = folderWithSeed();
    const locked = join(dir, 'locked');
    mkdirSync(locked);
    writeFileSync(join(locked, 'old.csv'), 'x');
    chmodSync(join(locked, 'old.csv'), 0o444);
    chmodSync(locked, 0o555);
    expect(refusal(() => checkPaths(seed, join(locked, 'out.csv')))).toMatch(/Cannot write to the folder .*permission denied/);
    chmodSync(locked, 0o755);
    expect(refusal(() => checkPaths(seed, join(locked, 'old.csv')))).toMatch(/the file is read-only/);
  });
});

describe('openOutput', () => {
  it('writes text and bytes in order', () => {
    const { dir } = folderWithSeed();
    const output = openOutput(join(dir, 'out.csv'));
    output.write(['a,', new TextEncoder().encode('b\n').buffer as ArrayBuffer]);
    output.write(['1,2\n']);
    output.close();
    expect(readFileSync(join(dir, 'out.csv'), 'utf8')).toBe('a,b\n1,2\n');
  });

  it('turns a late failure into a message naming the file', () => {
    const { dir } = folderWithSeed();
    expect(refusal(() => openOutput(join(dir, 'gone', 'out.csv')))).toBe(`Cannot write "${join(dir, 'gone', 'out.csv')}": its folder does not exist. Choose another --out.`);
    expect(refusal(() => openOutput(dir))).toMatch(/: it is a folder\./);
  });

  // /dev/full answers every write with ENOSPC, as a disk that fills up during generation would.
  it.skipIf(!existsSync('/dev/full'))('says so when the disk fills up', () => {
    const full = openOutput('/dev/full');
    expect(refusal(() => full.write(['a,b\n']))).toBe('Writing "/dev/full" failed: the disk is full. The file is incomplete.');
  });
});
