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

  it('writes prices with the ending every one but 0 has in the seed, and finds no ending in random cents or in few prices', () => {
    const prices = Array.from({ length: 30 }, (_, i) => (i % 5 === 0 ? '$0.00' : `$${(4 + ((i * 37) % 300)).toLocaleString('en-US')}.99`));
    const { column, codec } = codecOf(`price\n${prices.map((p) => `"${p}"`).join('\n')}\n`);
    expect(column.numeric?.ending).toEqual({ step: 1, offset: 0.99 });
    expect([75.3, 1234.2, 0, 0.3, 4.5].map(codec.write)).toEqual(['$74.99', '$1233.99', '$0.00', '$0.99', '$4.99']);
    const cents = Array.from({ length: 30 }, (_, i) => `${4 + i}.${String((i * 37) % 100).padStart(2, '0')}`);
    expect(codecOf(`price\n${cents.join('\n')}\n`).column.numeric?.ending).toBeUndefined();
    expect(codecOf(`price\n${prices.slice(0, 13).join('\n')}\n`).column.numeric?.ending).toBeUndefined();
    // Whole prices that all end in 9 keep it too.
    const whole = Array.from({ length: 20 }, (_, i) => String(19 + 10 * ((i * 7) % 40)));
    expect(codecOf(`price\n${whole.join('\n')}\n`).codec.write(203)).toBe('199');
  });

  it('writes values on the step the seed keeps', () => {
    const salaries = Array.from({ length: 30 }, (_, i) => `"$${(40 + ((i * 7) % 30)).toLocaleString('en-US')},000"`);
    expect(codecOf(['salary', ...salaries].join('\n')).codec.write(51_640)).toBe('$52,000');
    const ratings = Array.from({ length: 30 }, (_, i) => (1 + (i % 9) / 2).toFixed(1));
    expect(codecOf(['stars', ...ratings].join('\n')).codec.write(3.3)).toBe('3.5');
  });
});
