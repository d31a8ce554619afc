import { describe, expect, it } from 'vitest';
import { Rng } from '../util/rng';
import { ContinuousEncoder, type NumberCodec } from './continuous';

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
    const encoder = new ContinuousEncoder(zeroInflated(), codec, new Rng(1), codec, {
      pointMassShare: 0.05,
      remainderShare: 0.05,
      minPointMassShare: 0.035,
      maxPointMasses: 10,
    });
    expect(pointValues(encoder)).toEqual(['0', '15024']);
  });

  it('finds no point mass in a column without repeated values', () => {
    const rng = new Rng(2);
    const values = Array.from({ length: 500 }, () => String(Math.round(rng.next() * 1e6)));
    const encoder = new ContinuousEncoder([...new Set(values)], codec, new Rng(1));
    expect(encoder.width - 1 - encoder.modeCount).toBe(0);
  });
});
