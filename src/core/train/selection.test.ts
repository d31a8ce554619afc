import { describe, expect, it } from 'vitest';
import { EpochSelection, SELECTION_MARGIN, selectionScore } from './selection';

describe('EpochSelection', () => {
  it('keeps the latest epoch within the margin of the best score so far', () => {
    const selection = new EpochSelection();
    const scores = [0.9, 0.93, 0.93 - SELECTION_MARGIN / 2, 0.93 - 2 * SELECTION_MARGIN, 0.931];
    const kept = scores.map((s, i) => selection.offer(i + 1, s));
    expect(kept).toEqual([true, true, true, false, true]);
    expect(selection.kept).toEqual({ epoch: 5, score: 0.931 });
  });

  it('measures the margin from the best score ever, so a slow slide does not carry it along', () => {
    const selection = new EpochSelection();
    [0.93, 0.9295, 0.929, 0.9285, 0.928, 0.9275].forEach((s, i) => selection.offer(i + 1, s));
    expect(selection.kept.epoch).toBe(5);
  });

  it('weighs column shapes and pair trends equally', () => {
    expect(selectionScore(0.96, 0.9)).toBeCloseTo(0.93, 12);
  });
});
