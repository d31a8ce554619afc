import { describe, expect, it } from 'vitest';
import { likelyNames } from './names';

describe('the column a typo meant', () => {
  const names = ['Employee ID', 'Overtime (h)', 'Hours Worked', 'Gross Pay'];
  it('is the one that holds it, else the nearest by a few edits, else none', () => {
    expect(likelyNames('Overtime', names)).toEqual(['Overtime (h)']);
    expect(likelyNames('gross  pay', names)).toEqual(['Gross Pay']);
    expect(likelyNames('Hours Wroked', names)).toEqual(['Hours Worked']);
    expect(likelyNames('Department', names)).toEqual([]);
  });
});
