/** Counted texts, most frequent first and ties in text order, so a ranking never depends on row order. */
export function byFrequency(counts: Map<string, number>): [string, number][] {
  return [...counts.entries()].sort((a, b) => b[1] - a[1] || (a[0] < b[0] ? -1 : 1));
}
