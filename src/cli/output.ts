import { closeSync, openSync, writeFileSync, writeSync } from 'node:fs';
import { InputError } from '../core/util/errors';

/** The output file, opened only once training is done so a failed run leaves an existing file as it was. */
export interface Output {
  write(parts: (string | ArrayBuffer)[]): void;
  close(): void;
}

/**
 * Opens `path` for writing. checkPaths has vetted it already, but the disk can fill or the folder
 * vanish during a long run; those failures come back as InputErrors naming the file, not as a raw
 * ENOSPC stack trace.
 */
export function openOutput(path: string): Output {
  let fd: number;
  try {
    fd = openSync(path, 'w');
  } catch (err) {
    throw new InputError(`Cannot write "${path}": ${reason(err)}. Choose another --out.`);
  }
  const guard = (action: () => void) => {
    try {
      action();
    } catch (err) {
      closeQuietly(fd);
      throw new InputError(`Writing "${path}" failed: ${reason(err)}. The file is incomplete.`);
    }
  };
  return {
    write: (parts) =>
      guard(() => {
        for (const part of parts) writeAll(fd, typeof part === 'string' ? Buffer.from(part) : new Uint8Array(part));
      }),
    close: () => guard(() => closeSync(fd)),
  };
}

// writeSync may write less than asked (a disk filling up mid-buffer); a lost tail would go unnoticed.
function writeAll(fd: number, bytes: Uint8Array): void {
  for (let done = 0; done < bytes.length; ) done += writeSync(fd, bytes, done);
}

function reason(err: unknown): string {
  switch ((err as NodeJS.ErrnoException).code) {
    case 'ENOSPC':
      return 'the disk is full';
    case 'EDQUOT':
      return 'the disk quota is used up';
    case 'EACCES':
    case 'EPERM':
      return 'permission denied';
    case 'ENOENT':
      return 'its folder does not exist';
    case 'EISDIR':
      return 'it is a folder';
    case 'EROFS':
      return 'the file system is read-only';
    default:
      return err instanceof Error ? err.message : String(err);
  }
}

function closeQuietly(fd: number): void {
  try {
    closeSync(fd);
  } catch {
    // Already failing with a clearer message.
  }
}

/** Writes a whole file (a bundle, a report, a zip of images); a failure names the flag and the file. */
export function writeOrRefuse(path: string, bytes: Uint8Array | string, flag: string): void {
  try {
    writeFileSync(path, bytes);
  } catch (err) {
    throw new InputError(`Cannot write ${flag} "${path}" (${(err as Error).message}).`);
  }
}
