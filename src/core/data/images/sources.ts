// The files of an image upload, before any is decoded: a zip's entries checked from its
// directory alone (so a bomb or a traversal name is refused before a byte is inflated), or a
// folder's files; each read on demand, so a zip is inflated one image at a time.

import { InputError } from '../../util/errors';
import { checkEntry, inflateZipEntry, listZip, shownName } from '../zip';
import { IMAGE_LIMITS } from './limits';
import { count, fileSize } from './notes';
import { isJunk, pathParts } from './paths';

/** One file of a folder upload or of loose files: its path relative to what was chosen. */
export interface ImageFile {
  path: string;
  bytes: Uint8Array;
}

/** What the user gave: a zip's bytes (and its name, for messages), or files. */
export type ImageInput = { zip: Uint8Array; name: string } | { files: ImageFile[] };

/** A file to look at, read when asked. */
export interface Source {
  path: string;
  parts: string[];
  read: () => Uint8Array;
}

export interface Sources {
  /** The upload as messages name it at the start of a sentence: `"photos.zip"` or `The upload`. */
  what: string;
  files: Source[];
  /** Zips inside the upload, skipped unopened. */
  nested: string[];
  /** Files over IMAGE_LIMITS.fileBytes, skipped unread. */
  tooLarge: string[];
}

/**
 * Refuses a zip over IMAGE_LIMITS.zipBytes from its size alone, so the page can check a
 * file before reading it into memory.
 */
export function checkZipSize(name: string, bytes: number): void {
  if (bytes <= IMAGE_LIMITS.zipBytes) return;
  throw new InputError(
    `${shownName(name)} is ${fileSize(bytes)}; the studio reads zips up to ${fileSize(IMAGE_LIMITS.zipBytes)}. Zip fewer or smaller images and try again.`,
  );
}

/** The files of `input`, in path order; throws an InputError when the upload cannot be read safely. */
export function sourcesOf(input: ImageInput): Sources {
  if ('zip' in input) return zipSources(input.zip, input.name);
  // One zip dropped as a file is the zip itself, not a zip inside an upload.
  const [only] = input.files;
  if (input.files.length === 1 && isZip(only.bytes)) return zipSources(only.bytes, only.path.split('/').pop()!);
  const out: Sources = { what: 'The upload', files: [], nested: [], tooLarge: [] };
  for (const file of input.files) {
    const parts = pathParts(file.path);
    if (!parts) throw new InputError(`The upload has a file named ${shownName(file.path)}, which points outside its folder; nothing was read. Choose the folder itself.`);
    if (!parts.length || isJunk(parts)) continue;
    if (/\.zip$/i.test(file.path) || isZip(file.bytes)) out.nested.push(file.path);
    else if (file.bytes.length > IMAGE_LIMITS.fileBytes) out.tooLarge.push(file.path);
    else out.files.push({ path: parts.join('/'), parts, read: () => file.bytes });
  }
  out.files.sort((a, b) => (a.path < b.path ? -1 : a.path > b.path ? 1 : 0));
  return out;
}

function zipSources(bytes: Uint8Array, name: string): Sources {
  checkZipSize(name, bytes.length);
  const what = shownName(name);
  const entries = listZip(bytes, what);
  // Every name first: one traversal name means the zip was made to attack, so none is read.
  for (const e of entries) {
    if (pathParts(e.name)) continue;
    throw new InputError(
      `${what} holds an entry named ${shownName(e.name)} that points outside the zip's folder (a "zip slip" name); nothing was read. Zip the folder of images again from inside it.`,
    );
  }
  const out: Sources = { what, files: [], nested: [], tooLarge: [] };
  let total = 0;
  for (const e of entries) {
    const parts = pathParts(e.name)!;
    if (e.name.endsWith('/') || e.name.endsWith('\\') || !parts.length || isJunk(parts)) continue;
    const path = parts.join('/');
    if (/\.zip$/i.test(path)) out.nested.push(path);
    else if (e.size > IMAGE_LIMITS.fileBytes) out.tooLarge.push(path);
    else {
      checkEntry(e, IMAGE_LIMITS.fileBytes, IMAGE_LIMITS.maxRatio, what);
      total += e.size;
      if (total > IMAGE_LIMITS.totalBytes) {
        throw new InputError(`${what} would unpack to more than ${fileSize(IMAGE_LIMITS.totalBytes)} (${count(entries.length, 'file')}); nothing was read. Zip fewer images.`);
      }
      out.files.push({ path, parts, read: () => inflateZipEntry(bytes, e, what) });
    }
  }
  out.files.sort((a, b) => (a.path < b.path ? -1 : a.path > b.path ? 1 : 0));
  return out;
}

function isZip(bytes: Uint8Array): boolean {
  return bytes.length >= 4 && bytes[0] === 0x50 && bytes[1] === 0x4b && (bytes[2] === 3 || bytes[2] === 5);
}
