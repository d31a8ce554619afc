import { describe, expect, it } from 'vitest';
import { detectNumberStyle, looksNumeric, PLAIN_STYLE, readNumber, writeNumber } from './numbers';

describe('number styles', () => {
  it('keeps plain numbers plain', () => {
    expect(detectNumberStyle(['1', '-2.5', '3e4', '.5'])).toBe(PLAIN_STYLE);
  });

  it('reads money with a currency sign and thousands separators', () => {
    const style = detectNumberStyle(['$1,234.50', '$12.00', '-$1,000,000.25', '$0.99'])!;
    expect(style).toEqual({ decimal: '.', group: ',', prefix: '$', suffix: '' });
    expect(readNumber('-$1,000,000.25', style)).toBe(-1000000.25);
    expect(writeNumber(-1234567.5, 2, style)).toBe('-$1,234,567.50');
    expect(writeNumber(12, 2, style)).toBe('$12.00');
  });

  it('reads decimal commas, with dots or spaces grouping', () => {
    const style = detectNumberStyle(['13,1', '1.234,56', '0,5'])!;
    expect(style).toMatchObject({ decimal: ',', group: '.' });
    expect(readNumber('1.234,56', style)).toBeCloseTo(1234.56);
    expect(writeNumber(1234.5, 2, style)).toBe('1.234,50');
    const french = detectNumberStyle(['1 234,5 €', '12,0 €'])!;
    expect(french).toMatchObject({ decimal: ',', group: ' ', suffix: ' €' });
    expect(readNumber('1 234,5 €', french)).toBeCloseTo(1234.5);
    expect(writeNumber(98765.4, 1, french)).toBe('98 765,4 €');
  });

  it('reads a lone comma before three digits as a thousands separator', () => {
    const style = detectNumberStyle(['1,234', '56', '7,890'])!;
    expect(style).toMatchObject({ decimal: '.', group: ',' });
    expect(readNumber('7,890', style)).toBe(7890);
  });

  it('reads negatives in parentheses, as accounts write them, and writes them back so', () => {
    const style = detectNumberStyle(['1,234.50', '(12.00)', '(7,000.25)', '0.99'])!;
    expect(style).toEqual({ decimal: '.', group: ',', prefix: '', suffix: '', parens: true });
    expect(readNumber('(7,000.25)', style)).toBe(-7000.25);
    expect(readNumber('1,234.50', style)).toBe(1234.5);
    expect(writeNumber(-1234.5, 2, style)).toBe('(1,234.50)');
    expect(writeNumber(3, 2, style)).toBe('3.00');
    const money = detectNumberStyle(['($5.00)', '$12.50'])!;
    expect(writeNumber(-5, 2, money)).toBe('($5.00)');
    expect(detectNumberStyle(['(-5)', '3'])).toBeNull();
    expect(detectNumberStyle(['(a)', '3'])).toBeNull();
  });

  it('reads percentages', () => {
    const style = detectNumberStyle(['12%', '7.5%', '-3%'])!;
    expect(style).toMatchObject({ suffix: '%', decimal: '.' });
    expect(readNumber('-3%', style)).toBe(-3);
    expect(writeNumber(7.25, 1, style)).toBe('7.3%');
  });

  it('reads numbers with a unit after, or a currency code before', () => {
    const kg = detectNumberStyle(['12 kg', '7.5 kg', '80 kg'])!;
    expect(kg).toMatchObject({ suffix: ' kg' });
    expect(readNumber('7.5 kg', kg)).toBe(7.5);
    expect(writeNumber(64.25, 1, kg)).toBe('64.3 kg');
    expect(readNumber('30km/h', detectNumberStyle(['30km/h', '5km/h'])!)).toBe(30);
    const usd = detectNumberStyle(['USD 1,200.00', 'USD 5.50'])!;
    expect(usd).toMatchObject({ prefix: 'USD ', group: ',' });
    expect(writeNumber(-3, 2, usd)).toBe('-USD 3.00');
    expect(readNumber('US$12', detectNumberStyle(['US$12', 'US$3'])!)).toBe(12);
  });

  it('reads the typographic minus and writes it back', () => {
    const style = detectNumberStyle(['\u22123.5', '2.25', '\u22120.5'])!;
    expect(style).toMatchObject({ minus: '\u2212' });
    expect(readNumber('\u22123.5', style)).toBe(-3.5);
    expect(writeNumber(-1.5, 2, style)).toBe('\u22121.50');
  });

  it('rounds a half cent up, as the arithmetic that made it means', () => {
    // 107 × 32.50 / 100 and 1.005 are a hair below their halves in binary.
    expect(writeNumber((107 * 32.5) / 100, 2, PLAIN_STYLE)).toBe('34.78');
    expect(writeNumber(1.005, 2, PLAIN_STYLE)).toBe('1.01');
    expect(writeNumber(-2.675, 2, PLAIN_STYLE)).toBe('-2.68');
    expect(writeNumber(34.774, 2, PLAIN_STYLE)).toBe('34.77');
    expect(writeNumber(0.1 + 0.2, 1, PLAIN_STYLE)).toBe('0.3');
  });

  it('rejects text that only looks like numbers in part', () => {
    for (const values of [['192.168.1.1'], ['1.2.3'], ['12:30'], ['$5', '€5'], ['1,5', '1.5'], ['3, 4'], ['12 %', 'abc'], ['1,23,456'], ['1st', '2nd'], ['5 kg', '5 lb'], ['Apt 5'], ['555 1007']]) {
      expect(detectNumberStyle(values), values.join(' ')).toBeNull();
    }
  });

  it('treats styled numbers, not formulas, as numeric', () => {
    expect(looksNumeric('-$1,234.50')).toBe(true);
    expect(looksNumeric('-12%')).toBe(true);
    expect(looksNumeric('=SUM(A1)')).toBe(false);
    expect(looksNumeric('-cmd')).toBe(false);
  });

  it('never writes a negative zero', () => {
    expect(writeNumber(-0.001, 2, PLAIN_STYLE)).toBe('0.00');
    expect(writeNumber(-0.4, 0, PLAIN_STYLE)).toBe('0');
  });
});
