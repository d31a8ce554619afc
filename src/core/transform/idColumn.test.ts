import { describe, expect, it } from 'vitest';
import { IdGenerator } from './idColumn';

describe('IdGenerator', () => {
  it('numbers past the seed, keeping the text around the number', () => {
    expect(new IdGenerator(['CUST-0042', null, 'CUST-0007']).take(2, 0)).toEqual(['CUST-0043', 'CUST-0044']);
    expect(new IdGenerator(['user7@example.com', 'user12@example.com']).take(2, 5)).toEqual(['user18@example.com', 'user19@example.com']);
  });

  it('gives numbered IDs to text without digits', () => {
    expect(new IdGenerator(['alpha bravo charlie', 'delta']).take(1, 0)).toEqual(['alpha br-1']);
  });
});
