import { describe, expect, it } from 'vitest';
import { DEFAULT_CONFIG, effectiveBatch, effectivePac } from './config';

const batch = (rows: number, batchSize = 500, pac = 5) => effectiveBatch({ ...DEFAULT_CONFIG, batchSize, pac }, rows);

describe('effectiveBatch', () => {
  it('keeps the configured batch where an epoch has ten steps or more', () => {
    expect(batch(26_048)).toBe(500);
    expect(batch(5_000)).toBe(500);
    expect(batch(400, 20, 2)).toBe(20);
  });

  it('shrinks the batch of a small table to ten steps an epoch, to no less than 50 rows', () => {
    expect(batch(2_000)).toBe(200);
    expect(batch(1_234)).toBe(123);
    expect(batch(400)).toBe(50);
  });

  it('stays within the data and a multiple of the pack size', () => {
    expect(batch(33)).toBe(33);
    expect(batch(3)).toBe(3);
    expect(batch(12_340, 500, 7)).toBe(497);
  });
});

describe('effectivePac', () => {
  it('judges rows one by one where a small table shrinks the batch, and keeps the configured pack otherwise', () => {
    const pac = (rows: number, batchSize = 500) => effectivePac({ ...DEFAULT_CONFIG, batchSize, pac: 5 }, rows);
    expect(pac(400)).toBe(1);
    expect(pac(4_999)).toBe(1);
    expect(pac(5_000)).toBe(5);
    expect(pac(26_048)).toBe(5);
    expect(pac(400, 20)).toBe(5);
  });
});
