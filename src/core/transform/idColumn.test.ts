import { describe, expect, it } from 'vitest';
import { IdGenerator } from './idColumn';

describe('IdGenerator', () => {
  it('numbers past the seed, keeping the text around the number', () => {
    expect(new IdGenerator(['CUST-0042', null, 'CUST-0007']).take(2, 0)).toEqual(['CUST-0043', 'CUST-0044']);
    expect(new IdGenerator(['0', '1', '17'], 'row').take(2, 0)).toEqual(['18', '19']);
    expect(new IdGenerator(['user7@example.com', 'user12@example.com']).take(2, 5)).toEqual(['user18@example.com', 'user19@example.com']);
  });

  it('writes no part of one person\'s value', () => {
    expect(new IdGenerator(['Ann Lee', 'Bo Chan'], 'name').take(2, 0)).toEqual(['name-1', 'name-2']);
    expect(new IdGenerator(['ann.lee7@mail.com', 'bo.chan12@web.org'], 'email').take(1, 0)).toEqual(['user13@example.com']);
    expect(new IdGenerator(['ann.lee@mail.com', 'bo.chan@web.org'], 'email').take(1, 0)).toEqual(['user1@example.com']);
    expect(new IdGenerator(['ann7@mail.com', 'bo12@mail.com'], 'email').take(1, 0)).toEqual(['user13@mail.com']);
    expect(new IdGenerator(['https://ann.dev/me', 'https://bo.io/about'], 'site').take(1, 0)).toEqual(['https://example.com/1']);
    expect(new IdGenerator(['https://shop.io/p/7', 'https://shop.io/p/12'], 'page').take(1, 0)).toEqual(['https://shop.io/p/13']);
  });
});
