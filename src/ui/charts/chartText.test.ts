import { describe, expect, it } from 'vitest';
import { barsText, latestText } from './chartText';

describe('chart text alternatives', () => {
  it('reads grouped bars as each category with every series, and one series as plain shares', () => {
    const two = [
      { label: 'Real', values: [0.5, 0.25] },
      { label: 'Synthetic', values: [0.4, 0.35] },
    ];
    expect(barsText(['a', 'b'], two)).toBe('a: Real 50.0 %, Synthetic 40.0 %; b: Real 25.0 %, Synthetic 35.0 %');
    expect(barsText(['17', '30'], [{ label: 'age', values: [0.75, 0.25] }])).toBe('17: 75.0 %; 30: 25.0 %');
  });

  it('reads a line chart as its latest point', () => {
    const series = [{ label: 'Generator' }, { label: 'Discriminator' }];
    expect(latestText([[], [], []], 'step', series)).toBe('No points yet.');
    expect(latestText([[5, 10], [1, 0.51234], [2, -0.25]], 'step', series)).toBe('Latest at step 10: Generator 0.512, Discriminator -0.250.');
  });
});
