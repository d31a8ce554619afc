import { describe, expect, it } from 'vitest';
import { DETECTION_MARGIN, EpochSelection, SELECTION_MARGIN, selectionScore, TABLE_SELECTION_MARGIN } from './selection';

describe('EpochSelection', () => {
  it('keeps the latest epoch within the margin of the best score so far', () => {
    const selection = new EpochSelection();
    const scores = [0.9, 0.93, 0.93 - SELECTION_MARGIN / 2, 0.93 - 2 * SELECTION_MARGIN, 0.931];
    const kept = scores.map((s, i) => selection.offer(i + 1, s));
    expect(kept).toEqual([true, true, true, false, true]);
    expect(selection.kept).toEqual({ epoch: 5, score: 0.931 });
  });

  it("keeps a table's later epoch within its wider margin", () => {
    const [images, table] = [new EpochSelection(), new EpochSelection(TABLE_SELECTION_MARGIN)];
    for (const selection of [images, table]) [0.93, 0.93 - 0.004].forEach((s, i) => selection.offer(i + 1, s));
    expect([images.kept.epoch, table.kept.epoch]).toEqual([1, 2]);
  });

  it('measures the margin from the best score ever, so a slow slide does not carry it along', () => {
    const selection = new EpochSelection();
    [0.93, 0.9295, 0.929, 0.9285, 0.928, 0.9275].forEach((s, i) => selection.offer(i + 1, s));
    expect(selection.kept.epoch).toBe(5);
  });

  it('weighs column shapes and pair trends equally', () => {
    expect(selectionScore(0.96, 0.9)).toBeCloseTo(0.93, 12);
  });

  it('counts a slow rise as a gain once it adds up to more than the margin', () => {
    const selection = new EpochSelection();
    [0.9, 0.9 + SELECTION_MARGIN * 0.6, 0.9 + SELECTION_MARGIN * 1.2, 0.9 + SELECTION_MARGIN * 1.5].forEach((s, i) => selection.offer(i + 1, s));
    expect(selection.lastGain).toBe(3);
    [0.1, 0.1 + DETECTION_MARGIN * 0.7, 0.1 + DETECTION_MARGIN * 1.4, 0.1 + DETECTION_MARGIN * 2].forEach((d, i) => selection.offerDetection(i + 5, d));
    expect(selection.lastGain).toBe(7);
  });

  it('restores its gains from a saved state, and from one saved before detection was judged', () => {
    const selection = new EpochSelection();
    selection.offer(1, 0.9);
    selection.offerDetection(4, 0.3);
    const state = JSON.parse(JSON.stringify(selection.toState()));
    const again = new EpochSelection();
    again.restore(state);
    expect([again.lastGain, again.kept, again.best]).toEqual([4, { epoch: 1, score: 0.9 }, 0.9]);
    again.offerDetection(5, 0.3 + DETECTION_MARGIN / 2);
    expect(again.lastGain).toBe(4);
    const old = new EpochSelection();
    old.restore({ kept: state.kept, improvedAt: 1, top: state.top });
    old.offer(2, 0.9 + SELECTION_MARGIN / 2);
    expect(old.lastGain).toBe(1);
  });
});
