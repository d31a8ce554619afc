// The golden ratio's fraction: (k + 0.5)·φ mod 1 spreads evenly over [0, 1) for any run of k.
const PHI = (Math.sqrt(5) - 1) / 2;

/** The k-th of an even spread of draws in [0, 1) (golden-ratio steps): what `sharesByIndex` reads its shares from. */
export const evenDraw = (k: number): number => ((k + 0.5) * PHI) % 1;

/**
 * Hands out `items` in proportion to their weights, with no randomness and no visible period:
 * the k-th call takes the item whose share covers (k + 0.5)·φ mod 1, so over any run of calls
 * each item's share is within a few calls of its weight's. One picker serves a whole output.
 */
export function sharePicker<T>(items: readonly (readonly [T, number])[]): () => T {
  const at = sharesByIndex(items);
  let k = 0;
  return () => at(k++);
}

/** `sharePicker`'s k-th pick for any k, for callers that number what they hand out (row k of an output). */
export function sharesByIndex<T>(items: readonly (readonly [T, number])[]): (k: number) => T {
  if (items.length === 1) return () => items[0][0];
  const total = items.reduce((sum, [, w]) => sum + w, 0);
  let sum = 0;
  const bounds = items.map(([, w]) => (sum += w) / total);
  return (k) => {
    const u = evenDraw(k);
    const at = bounds.findIndex((b) => u < b);
    return items[at < 0 ? items.length - 1 : at][0];
  };
}
