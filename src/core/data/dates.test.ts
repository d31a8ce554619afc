import { describe, expect, it } from 'vitest';
import { detectDateFormat, formatDate, parseDate } from './dates';

describe('dates', () => {
  it('writes a parsed date back in its own format', () => {
    for (const text of ['2024-02-29', '2024-02-29T13:45:10Z', '29.02.2024', '02/29/2024 07:05', '2024/12/01 23:59:59']) {
      const format = detectDateFormat([text])!;
      expect(format).not.toBeNull();
      expect(formatDate(parseDate(text, format), format)).toBe(text);
    }
  });

  it('rejects impossible dates and plain numbers', () => {
    expect(detectDateFormat(['2023-02-30'])).toBeNull();
    expect(detectDateFormat(['20230101'])).toBeNull();
    expect(detectDateFormat(['12.5'])).toBeNull();
  });
});
