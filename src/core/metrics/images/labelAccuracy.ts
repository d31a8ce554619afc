/** How often images are given the label they carry, overall and label by label. */
export interface LabelAccuracy {
  /** Share of all images whose predicted label is their own; null with no image. */
  overall: number | null;
  /** Per label (by class id): the share, or null where no image carries that label. */
  perLabel: (number | null)[];
  /** Images carrying each label. */
  counts: number[];
}

/**
 * Label accuracy of images labelled `labelOf` that a classifier labelled `predicted`: for
 * generated images, the share that read as the label they were generated for.
 */
export function labelAccuracy(predicted: Int32Array, labelOf: Int32Array, labelCount: number): LabelAccuracy {
  const right = new Array<number>(labelCount).fill(0);
  const counts = new Array<number>(labelCount).fill(0);
  for (let i = 0; i < labelOf.length; i++) {
    counts[labelOf[i]]++;
    if (predicted[i] === labelOf[i]) right[labelOf[i]]++;
  }
  const total = counts.reduce((a, b) => a + b, 0);
  const hits = right.reduce((a, b) => a + b, 0);
  return {
    overall: total ? hits / total : null,
    perLabel: counts.map((n, k) => (n ? right[k] / n : null)),
    counts,
  };
}
