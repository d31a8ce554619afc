// Wording shared by the image input's notes and refusals.

/** `names` for a message: the first few, then how many more. */
export function nameList(names: string[], shown = 5): string {
  const list = names.slice(0, shown).join(', ');
  return names.length > shown ? `${list} and ${count(names.length - shown, 'more')}` : list;
}

/** `n word` with a thousands separator, `word` pluralised with an s unless `plural` is given. */
export function count(n: number, word: string, plural = `${word}s`): string {
  return `${n.toLocaleString('en-US')} ${n === 1 || word === 'more' ? word : plural}`;
}

/** A file size as people read it: 2.1 GB, 530.4 MB. */
export function fileSize(bytes: number): string {
  const [value, unit] = bytes >= 1e9 ? [bytes / 1e9, 'GB'] : [bytes / 1e6, 'MB'];
  return `${value.toLocaleString('en-US', { maximumFractionDigits: 1 })} ${unit}`;
}
