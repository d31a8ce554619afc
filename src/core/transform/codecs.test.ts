import { describe, expect, it } from 'vitest';
import { parseDelimitedText } from '../data/parse';
import { inferSchema } from '../data/schema';
import { codecFor } from './codecs';

function codecOf(csv: string) {
  const table = parseDelimitedText(csv);
  const [column] = inferSchema(table);
  return { column, codec: codecFor(column, table.columns[0]) };
}

describe('codecFor', () => {
  it('writes a column the seed writes in e-notation the same way, to its significant digits', () => {
    const { column, codec } = codecOf('x\n-3.6727617e-10\n-5.92869704e-10\n1.5e-12\n');
    expect(column.numeric).toMatchObject({ significant: 8 });
    expect(codec.write(-4.123456789e-10)).toBe('-4.1234568e-10');
    expect(codec.read(codec.write(2.5e-11))).toBeCloseTo(2.5e-11, 20);
  });

  it('keeps the places of tiny numbers written out in full, and rounds larger ones to the seed places', () => {
    expect(codecOf('x\n0.0000000012\n0.0000000034\n').codec.write(2.3e-9)).toBe('0.0000000023');
    expect(codecOf('x\n0.123456789012\n0.5\n').codec.write(1 / 3)).toBe('0.33333333');
  });

  it('keeps whole numbers whole where the seed writes them with a decimal place', () => {
    expect(codecOf('x\n3.0\n1000000000.0\n12.0\n').codec.write(33.7)).toBe('34.0');
  });

  it('writes values on the step the seed keeps', () => {
    const salaries = Array.from({ length: 30 }, (_, i) => `"$${(40 + ((i * 7) % 30)).toLocaleString('en-US')},000"`);
    expect(codecOf(['salary', ...salaries].join('\n')).codec.write(51_640)).toBe('$52,000');
    const ratings = Array.from({ length: 30 }, (_, i) => (1 + (i % 9) / 2).toFixed(1));
    expect(codecOf(['stars', ...ratings].join('\n')).codec.write(3.3)).toBe('3.5');
  });
});
