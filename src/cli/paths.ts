import { accessSync, constants, realpathSync, statSync, type Stats } from 'node:fs';
import { basename, dirname, join, resolve } from 'node:path';
import { InputError } from '../core/util/errors';

/**
 * Checks --input and --out before anything is read or trained, so that a bad output path
 * fails in a second rather than after an hour of training, and the seed is never overwritten.
 * Paths are compared after resolving symbolic links; an existing output is also compared by
 * device and inode, which catches a hard link to the input as well.
 */
export function checkPaths(input: string, out: string): void {
  const seed = inputFile(input);
  const folder = dirname(resolve(out));
  const realFolder = existingFolder(folder);
  const target = existing(out);
  // The inode test alone would do on Linux; the path test still holds where a file system reports no inodes (0).
  const sameInode = target !== undefined && target.ino !== 0 && target.dev === seed.stats.dev && target.ino === seed.stats.ino;
  const same = join(realFolder, basename(resolve(out))) === seed.path || sameInode;
  if (same) throw new InputError(`--out "${out}" is the --input file: writing it would overwrite the input. Choose another --out.`);
  if (target?.isDirectory()) throw new InputError(`--out "${out}" is a folder. Name a file, such as ${join(out, 'synth.csv')}.`);
  if (!writable(realFolder)) throw new InputError(`Cannot write to the folder "${folder}": permission denied. Choose another --out.`);
  if (target && !writable(out)) throw new InputError(`Cannot write "${out}": the file is read-only. Choose another --out.`);
}

function inputFile(input: string): { path: string; stats: Stats } {
  let path: string;
  let stats: Stats;
  try {
    path = realpathSync(input);
    stats = statSync(path);
  } catch {
    throw new InputError(`Cannot read "${input}": check the path.`);
  }
  if (stats.isDirectory()) throw new InputError(`--input "${input}" is a folder. Name a table file.`);
  return { path, stats };
}

function existingFolder(folder: string): string {
  let real: string;
  try {
    real = realpathSync(folder);
  } catch {
    throw new InputError(`The folder for --out, "${folder}", does not exist. Create it first or choose another --out.`);
  }
  if (!statSync(real).isDirectory()) throw new InputError(`The folder for --out, "${folder}", is a file, not a folder. Choose another --out.`);
  return real;
}

/** The output's stats when it exists (following links); undefined when it is still to be made. */
function existing(out: string): Stats | undefined {
  try {
    return statSync(out);
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code === 'ENOENT') return undefined;
    throw new InputError(`Cannot check --out "${out}": ${(err as Error).message}. Choose another --out.`);
  }
}

function writable(path: string): boolean {
  try {
    accessSync(path, constants.W_OK);
    return true;
  } catch {
    return false;
  }
}
