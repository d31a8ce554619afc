/** The names a person most likely meant by `typed`: those that contain it (or it them), ignoring case, else the nearest by edits. */
export function likelyNames(typed: string, names: string[]): string[] {
  const plain = (s: string) => s.toLowerCase().replace(/\s+/g, ' ').trim();
  const t = plain(typed);
  const containing = names.filter((n) => plain(n).includes(t) || (t.includes(plain(n)) && plain(n).length > 2));
  if (containing.length > 0) return containing.slice(0, 3);
  const scored = names.map((n) => ({ n, d: edits(plain(n), t) })).filter(({ d }) => d <= Math.max(2, Math.floor(t.length / 4)));
  return scored.sort((a, b) => a.d - b.d).slice(0, 3).map(({ n }) => n);
}

/** Levenshtein distance. */
function edits(a: string, b: string): number {
  let row = Array.from({ length: b.length + 1 }, (_, j) => j);
  for (let i = 1; i <= a.length; i++) {
    const next = [i];
    for (let j = 1; j <= b.length; j++) next.push(Math.min(row[j] + 1, next[j - 1] + 1, row[j - 1] + (a[i - 1] === b[j - 1] ? 0 : 1)));
    row = next;
  }
  return row[b.length];
}
