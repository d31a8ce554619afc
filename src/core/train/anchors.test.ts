import { describe, expect, it } from 'vitest';
import type { ColumnKind, ColumnSchema } from '../data/schema';
import { tableFromColumns } from '../data/table';
import { chooseAnchors } from './anchors';

const column = (name: string, kind: ColumnKind): ColumnSchema => ({ name, kind, include: true, missingShare: 0, distinct: 0 });
const schema = [column('room', 'categorical'), column('price', 'numeric')];
const range = (from: number, to: number) => Array.from({ length: to - from }, (_, i) => from + i);

// 96 standard rooms at 100 or 120, 4 penthouses at 1,000: the price’s sd is about 175.
const seed = tableFromColumns(['room', 'price'], [[...Array(96).fill('standard'), ...Array(4).fill('penthouse')], [...range(0, 96).map((i) => String(i % 2 ? 100 : 120)), ...Array(4).fill('1000')]]);
const penthouse = { slot: 7, seedRows: range(96, 100) };

describe('chooseAnchors', () => {
  it('anchors a rare category whose free rows carry the usual numbers', () => {
    const free = tableFromColumns(['room', 'price'], [['penthouse', 'penthouse', 'standard'], ['110', '130', '110']]);
    const fixed = tableFromColumns(['room', 'price'], [['penthouse', 'penthouse'], ['900', '1100']]);
    const chosen = chooseAnchors(schema, seed, free, fixed, [{ ...penthouse, freeRows: [0, 1], anchoredRows: [0, 1] }]);
    expect(chosen).toEqual([7]);
  });

  it('leaves it free when free rows are as near, or nearer by less than the seed mean’s own noise', () => {
    const free = tableFromColumns(['room', 'price'], [['penthouse', 'penthouse'], ['950', '1010']]);
    const fixed = tableFromColumns(['room', 'price'], [['penthouse', 'penthouse'], ['1000', '1000']]);
    // Free rows are 20 off (0.11 sd), fixed rows 0: under 2/√4 = 1 sd apart.
    expect(chooseAnchors(schema, seed, free, fixed, [{ ...penthouse, freeRows: [0, 1], anchoredRows: [0, 1] }])).toEqual([]);
    // With no free rows of the category there is nothing to draw again.
    expect(chooseAnchors(schema, seed, free, fixed, [{ ...penthouse, freeRows: [], anchoredRows: [0, 1] }])).toEqual([]);
  });
});
