// The files an image scan passed over, and what it tells the user about them: a note when the
// rest is usable, a refusal when nothing was.

import { InputError } from '../../util/errors';
import { IMAGE_LIMITS } from './limits';
import { count, nameList } from './notes';

/** Files skipped while scanning, each list in path order. */
export interface Skips {
  /** Images whose bytes would not decode (or that are not what their name says). */
  damaged: string[];
  /** Files of another kind, by kind ('GIF', 'unknown'…). */
  unsupported: Map<string, string[]>;
  nested: string[];
  tooLarge: string[];
  /** Images the decoder turned down with a message of its own (WebP under Node), by message. */
  refused: Map<string, string[]>;
}

export function noSkips(): Skips {
  return { damaged: [], unsupported: new Map(), nested: [], tooLarge: [], refused: new Map() };
}

export function addTo(map: Map<string, string[]>, key: string, name: string): void {
  map.set(key, [...(map.get(key) ?? []), name]);
}

const ACCEPTED = 'PNG, JPEG or WebP';

/** "GIF: 2, other: 1", the kinds of files that are not images the studio reads. */
function kinds(unsupported: Map<string, string[]>): string {
  return [...unsupported].map(([kind, names]) => `${kind === 'unknown' ? 'other' : kind}: ${names.length}`).join(', ');
}

const them = (n: number) => (n === 1 ? 'it' : 'them');

/** One note per kind of skip, for a set that is usable without those files. */
export function skipNotes(s: Skips): string[] {
  const notes: string[] = [];
  const unsupported = [...s.unsupported.values()].flat().sort();
  if (s.damaged.length) notes.push(`Skipped ${count(s.damaged.length, 'image')} that could not be read (damaged, or not what the name says): ${nameList(s.damaged)}.`);
  if (unsupported.length) {
    const are = unsupported.length === 1 ? 'is' : 'are';
    notes.push(`Skipped ${count(unsupported.length, 'file')} that ${are} not ${ACCEPTED} (${kinds(s.unsupported)}): ${nameList(unsupported)}.`);
  }
  if (s.nested.length) {
    const what = `${count(s.nested.length, 'zip')} inside the upload (${nameList(s.nested)})`;
    notes.push(`Skipped ${what}: a zip within the upload is not opened. Unzip ${them(s.nested.length)} and upload the folder instead.`);
  }
  if (s.tooLarge.length) {
    const limits = `over ${IMAGE_LIMITS.fileBytes / 1e6} MB or ${IMAGE_LIMITS.pixels / 1e6} megapixels`;
    const it = them(s.tooLarge.length);
    notes.push(`Skipped ${count(s.tooLarge.length, 'file')} too large to read (${limits}): ${nameList(s.tooLarge)}. Scale ${it} down to include ${it}.`);
  }
  for (const [message, names] of s.refused) notes.push(`Skipped ${count(names.length, 'image')}: ${message} (${nameList(names)})`);
  return notes;
}

/** The refusal when no image could be read: what the upload held instead, and what to do. */
export function nothingRead(what: string, s: Skips): InputError {
  const unsupported = [...s.unsupported.values()].flat();
  const seen = unsupported.length + s.damaged.length + s.nested.length + s.tooLarge.length + [...s.refused.values()].flat().length;
  if (seen === 0) return new InputError(`${what} holds no files. Choose a zip or a folder of ${ACCEPTED} images.`);
  const why: string[] = [];
  if (unsupported.length) why.push(`${count(unsupported.length, 'file')} of other kinds (${kinds(s.unsupported)}): the studio reads ${ACCEPTED}, so convert them to PNG or JPEG.`);
  if (s.damaged.length) why.push(`${count(s.damaged.length, 'image')} that could not be read, damaged or not what the name says (${nameList(s.damaged)}).`);
  if (s.nested.length) why.push(`${count(s.nested.length, 'zip')} inside it (${nameList(s.nested)}), which are not opened: unzip and upload the folder.`);
  if (s.tooLarge.length) why.push(`${count(s.tooLarge.length, 'file')} too large to read (${nameList(s.tooLarge)}).`);
  for (const [message, names] of s.refused) why.push(`${count(names.length, 'image')} the decoder turned down: ${message} (${nameList(names)})`);
  return new InputError(`${what} holds no image the studio can read. It holds ${why.join(' It also holds ')}`);
}
