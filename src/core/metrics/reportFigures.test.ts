import { describe, expect, it } from 'vitest';
import { verdictOf } from './reportFigures';

describe('the verdict', () => {
  it('reads a good score as Good only when no figure is poor', () => {
    expect(verdictOf(0.84)).toEqual({ verdict: 'Good', headline: 'Good: hard to tell from your data' });
    const flagged = verdictOf(0.84, ['Strongest link weakened']);
    expect(flagged.verdict).toBe('Fair');
    expect(flagged.headline).toMatch(/poor on strongest link weakened/);
    // A score already below Good is not made better or worse by the list.
    expect(verdictOf(0.5, ['Broken rules']).verdict).toBe(verdictOf(0.5).verdict);
  });
});
