import { describe, expect, it } from 'vitest';
import { DEFAULT_CONFIG, effectiveBatch } from './config';

const batch = (rows: number, batchSize = 500, pac = 5) => effectiveBatch({ ...DEFAULT_CONFIG, batchSize, pac }, rows);

describe('effectiveBatch', () => {
  it('keeps the configured batch where an epoch has ten steps or more', () => {
    expect(batch(26_048)).toBe(500);
    expect(batch(5_000)).toBe(500);
    expect(batch(400, 20, 2)).toBe(20);
  });

  it('shrinks the batch of a small table to ten steps an epoch, to no less than 50 rows', () => {
    expect(batch(2_000)).toBe(200);
    expect(batch(1_234)).toBe(120);
    expect(batch(400)).toBe(50);
  });

  it('stays within the data and a multiple of the pack size', () => {
    expect(batch(33)).toBe(30);
    expect(batch(3)).toBe(5);
    expect(batch(1_234, 500, 7)).toBe(119);
  });
});
