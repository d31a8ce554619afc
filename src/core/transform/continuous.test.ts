import { describe, expect, it } from 'vitest';
import { Rng } from '../util/rng';
import { ContinuousEncoder, DEFAULT_CONTINUOUS, type NumberCodec } from './continuous';

const codec: NumberCodec = { read: Number, write: (x) => String(Math.round(x)), min: 0, max: 100_000 };

/** 1,000 values: 900 zeros, two spikes among the rest (40 × 15024, 30 × 7688), and 30 one-offs. */
function zeroInflated(): string[] {
  const rng = new Rng(4);
  const values = [...Array<string>(900).fill('0'), ...Array<string>(40).fill('15024'), ...Array<string>(30).fill('7688')];
  for (let i = 0; i < 30; i++) values.push(String(1000 + Math.round(rng.next() * 40_000)));
  return values;
}

/** The value each point-mass slot decodes to, in slot order (after the mixture's modes). */
function pointValues(encoder: ContinuousEncoder): string[] {
  const slots = encoder.width - 1 - encoder.modeCount;
  return Array.from({ length: slots }, (_, j) => {
    const row = new Float32Array(encoder.width);
    row[1 + encoder.modeCount + j] = 1;
    return encoder.decode(row, encoder.width, 0, 1, new Rng(1))[0]!;
  });
}

describe('ContinuousEncoder point masses', () => {
  it('keeps the spikes among the non-zero values of a zero-inflated column as exact values', () => {
    // 15024 and 7688 are 4% and 3% of the column, under the 5% rule, but 40% and 30% of its non-zero values.
    const encoder = new ContinuousEncoder(zeroInflated(), codec, new Rng(1));
    expect(pointValues(encoder)).toEqual(['0', '15024', '7688']);
  });

  it('takes no spike that is rare in the column as a whole, however large its share of the rest', () => {
    const encoder = new ContinuousEncoder(zeroInflated(), codec, new Rng(1), codec, { ...DEFAULT_CONTINUOUS, minPointMassShare: 0.035 });
    expect(pointValues(encoder)).toEqual(['0', '15024']);
  });

  it('finds no point mass in a column without repeated values', () => {
    const rng = new Rng(2);
    const values = Array.from({ length: 500 }, () => String(Math.round(rng.next() * 1e6)));
    const encoder = new ContinuousEncoder([...new Set(values)], codec, new Rng(1));
    expect(encoder.width - 1 - encoder.modeCount).toBe(0);
  });
});

/** 1,200 visit counts: most 0 to 8, then 9 twice and 10 (the seed's maximum) once. */
function visitCounts(): string[] {
  const counts = [113, 271, 269, 241, 164, 83, 29, 20, 7, 2, 1];
  return counts.flatMap((n, visits) => Array<string>(n).fill(String(visits)));
}

describe('ContinuousEncoder on a whole-number column with a thin tail', () => {
  it('makes the few values past its point masses point masses too, so no scalar rounds onto the seed maximum', () => {
    // Left to the mixture, 9, 9 and 10 were narrow modes in which a fifth to a third of all
    // scalars decoded to 10: a generator that drew those modes a little too often piled rows on the maximum.
    const encoder = new ContinuousEncoder(visitCounts(), codec, new Rng(1), { min: 0, max: 10 });
    expect(encoder.modeCount).toBe(0);
    const values = pointValues(encoder);
    expect([...values].sort((a, b) => Number(a) - Number(b))).toEqual(Array.from({ length: 11 }, (_, v) => String(v)));
    const rng = new Rng(5);
    values.forEach((value, slot) => {
      for (let i = 0; i < 50; i++) {
        const row = new Float32Array(encoder.width);
        row[0] = 2 * rng.next() - 1;
        row[1 + slot] = 1;
        expect(encoder.decode(row, encoder.width, 0, 1, rng)[0]).toBe(value);
      }
    });
  });

  it('leaves a tail of many values to the mixture', () => {
    // Counts 0 to 9 as point masses, then 40 rows spread over 10 to 29.
    const counts = [...visitCounts().slice(0, 1160), ...Array.from({ length: 40 }, (_, i) => String(10 + (i % 20)))];
    const encoder = new ContinuousEncoder(counts, codec, new Rng(1), { min: 0, max: 29 });
    expect(encoder.modeCount).toBeGreaterThan(0);
    expect(encoder.width - 1 - encoder.modeCount).toBeLessThanOrEqual(DEFAULT_CONTINUOUS.maxPointMasses);
  });
});
