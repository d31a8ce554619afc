// Paths in an upload: which are safe, which are clutter a system left behind, and the label
// each image takes from the folder it sits in.

/** The label of images that sit at the top of the upload, in no folder. */
export const TOP_LABEL = 'all';

/**
 * The folders and name of `raw` (a zip entry's name or a folder upload's relative path), or
 * null when it points outside the upload: a `..` part, an absolute path or a drive letter.
 * Backslashes count as separators, so `..\x` is caught too (and a Windows zip's `a\b.png`
 * reads as `a/b.png`); `.` parts and empty parts drop out.
 */
export function pathParts(raw: string): string[] | null {
  const path = raw.replace(/\\/g, '/');
  if (path.startsWith('/') || /^[a-z]:/i.test(path)) return null;
  const parts = path.split('/').filter((p) => p !== '' && p !== '.');
  // A control character in a name is never an honest file name.
  if (parts.some((p) => p === '..' || [...p].some((c) => c.charCodeAt(0) < 32))) return null;
  return parts;
}

const JUNK_NAMES = new Set(['__macosx', 'thumbs.db', 'desktop.ini']);

/** What operating systems leave in folders (resource forks, thumbnail caches, dotfiles). */
export function isJunk(parts: string[]): boolean {
  return parts.some((p) => p.startsWith('.') || JUNK_NAMES.has(p.toLowerCase()));
}

/**
 * Each path's label: the folder directly holding it, counted from the upload's root. When
 * every path sits under one top folder (a folder upload, or a zip of one folder) that folder
 * is the root, not a label; files at the root take `TOP_LABEL`. Labels are NFC, so a name
 * typed on one system matches the same name zipped on another.
 */
export function labelsOf(paths: string[][]): string[] {
  const top = paths.length ? paths[0][0] : '';
  const oneTop = paths.every((p) => p.length >= 2 && p[0] === top);
  return paths.map((p) => {
    const inner = oneTop ? p.slice(1) : p;
    return inner.length >= 2 ? inner[inner.length - 2].normalize('NFC') : TOP_LABEL;
  });
}

/** Orders labels as people number folders: `2` before `10`, then by code point. */
export function compareLabels(a: string, b: string): number {
  const numeric = /^\d+$/;
  if (numeric.test(a) && numeric.test(b) && Number(a) !== Number(b)) return Number(a) - Number(b);
  return a < b ? -1 : a > b ? 1 : 0;
}
