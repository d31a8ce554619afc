import { describe, expect, it } from 'vitest';
import { uniqueNames } from './names';

describe('uniqueNames', () => {
  it('keeps unique names and gives later duplicates a suffix no header cell uses', () => {
    expect(uniqueNames(['a', 'a', 'a', 'b', 'a_2'])).toEqual({
      names: ['a', 'a_3', 'a_4', 'b', 'a_2'],
      renamed: [
        { from: 'a', to: 'a_3' },
        { from: 'a', to: 'a_4' },
      ],
    });
    expect(uniqueNames(['a', 'a', 'a_2', 'a_2']).names).toEqual(['a', 'a_3', 'a_2', 'a_2_2']);
  });

  it('names empty cells by position, clear of names the header uses', () => {
    const { names, renamed } = uniqueNames(['', 'column_1', ' ', 'x']);
    expect(names).toEqual(['column_1_2', 'column_1', 'column_3', 'x']);
    expect(renamed).toEqual([
      { from: '', to: 'column_1_2' },
      { from: '', to: 'column_3' },
    ]);
  });

  it('trims names and a BOM without calling it a rename, and renames names that match once trimmed', () => {
    expect(uniqueNames(['\uFEFFid', ' age ', 'zip'])).toEqual({ names: ['id', 'age', 'zip'], renamed: [] });
    expect(uniqueNames(['a', 'a '])).toEqual({ names: ['a', 'a_2'], renamed: [{ from: 'a', to: 'a_2' }] });
  });

  it('stays unique however many columns share a name', () => {
    const { names } = uniqueNames([...Array(200).fill('x'), ...Array(50).fill(''), 'x_7', 'column_9']);
    expect(new Set(names).size).toBe(names.length);
  });
});
