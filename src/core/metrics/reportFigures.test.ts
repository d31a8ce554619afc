import { describe, expect, it } from 'vitest';
import { privacyOf, verdictOf, type Figure } from './reportFigures';

describe('the verdict', () => {
  it('reads a good score as Good only when no figure is poor', () => {
    expect(verdictOf(0.84)).toEqual({ verdict: 'Good', headline: 'Good: hard to tell from your data' });
    const flagged = verdictOf(0.84, ['Strongest link weakened']);
    expect(flagged.verdict).toBe('Fair');
    expect(flagged.headline).toMatch(/poor on strongest link weakened/);
    // A figure that only warns keeps the verdict, and is named.
    expect(verdictOf(0.84, [], ['Strongest link weakened'])).toEqual({ verdict: 'Good', headline: 'Good: hard to tell from your data on the whole; check strongest link weakened' });
    // A score already below Good is not made better or worse by the list.
    expect(verdictOf(0.5, ['Broken rules']).verdict).toBe(verdictOf(0.5).verdict);
  });
});

describe('the privacy verdict', () => {
  const figure = (key: Figure['key'], label: string, flag: Figure['flag']): Figure => ({ key, label, flag, value: 0, text: '', formula: '', explanation: '', good: '' });
  it('reads the privacy figures alone: unsafe where one is poor, to check where one warns or nothing unseen was compared', () => {
    const ok = [figure('exactCopies', 'Exact copies', 'ok'), figure('closerToTraining', 'Closer to training rows', 'ok'), figure('linkLost', 'Strongest link weakened', 'bad')];
    expect(privacyOf(ok, true).verdict).toBe('Safe');
    expect(privacyOf(ok, false)).toMatchObject({ verdict: 'Check', headline: expect.stringMatching(/too small to hold rows back/) });
    expect(privacyOf([...ok, figure('rareValues', 'One-person values repeated', 'warn')], true).headline).toBe('Check before you share: one-person values repeated needs a look');
    expect(privacyOf([figure('exactCopies', 'Exact copies', 'bad')], true).headline).toBe('Not safe to share as they are: poor on exact copies');
  });
});
