import { describe, expect, it } from 'vitest';
import { privacyOf, verdictOf, type Figure } from './reportFigures';

describe('the verdict', () => {
  it('reads a good score as Good only when no figure is poor', () => {
    expect(verdictOf(0.84)).toEqual({ verdict: 'Good', headline: 'Good: hard to tell from your data' });
    const link = { label: 'Strongest link weakened', text: 'Line Total (£) and Delivery (£): 0.58 in your data, 0.26 in the synthetic rows' };
    const flagged = verdictOf(0.84, [link]);
    expect(flagged.verdict).toBe('Fair');
    // The headline says which columns, in their own case.
    expect(flagged.headline).toBe('Fair: hard to tell from your data on the whole, but poor on strongest link weakened (Line Total (£) and Delivery (£): 0.58 in your data, 0.26 in the synthetic rows)');
    // A figure that only warns keeps the verdict, and is named.
    expect(verdictOf(0.84, [], [{ label: 'Strongest link weakened', text: '' }])).toEqual({ verdict: 'Good', headline: 'Good: hard to tell from your data on the whole; check strongest link weakened' });
    // A score already below Good is not made better or worse by the list.
    expect(verdictOf(0.5, [{ label: 'Broken rules', text: '3 rows break the 4 rules kept' }]).verdict).toBe(verdictOf(0.5).verdict);
    // A Fair score names what is poor too.
    expect(verdictOf(0.776, [link]).headline).toBe('Fair: like your data on the whole, but poor on strongest link weakened (Line Total (£) and Delivery (£): 0.58 in your data, 0.26 in the synthetic rows)');
  });
});

describe('the privacy verdict', () => {
  const figure = (key: Figure['key'], label: string, flag: Figure['flag']): Figure => ({ key, label, flag, value: 0, text: '', formula: '', explanation: '', good: '' });
  it('reads the privacy figures alone: unsafe where one is poor, to check where one warns or nothing unseen was compared', () => {
    const ok = [figure('exactCopies', 'Exact copies', 'ok'), figure('closerToTraining', 'Closer to training rows', 'ok'), figure('linkLost', 'Strongest link weakened', 'bad')];
    expect(privacyOf(ok, true).verdict).toBe('Safe');
    expect(privacyOf(ok, false)).toMatchObject({ verdict: 'Check', headline: expect.stringMatching(/too small to hold rows back/) });
    expect(privacyOf([...ok, { ...figure('rareValues', 'One-person values repeated', 'warn'), column: 'Customer' }], true).headline).toBe(
      'Check before you share: one-person values repeated needs a look. Mark Customer as an ID, or leave it out, before training.',
    );
    // Says what to do.
    expect(privacyOf([figure('exactCopies', 'Exact copies', 'bad')], true).headline).toBe('Not safe to share as they are: poor on exact copies. Train for fewer epochs, or drop the copied rows, and check again.');
  });
});
