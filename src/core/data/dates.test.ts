import { describe, expect, it } from 'vitest';
import { dateStepMs, detectDateFormat, formatDate, formatPicker, parseDate, roundDate } from './dates';

/** Each text is read in a format like `expected` and written back as it was. */
function expectRoundTrips(texts: string[], expected: object): void {
  for (const text of texts) {
    const format = detectDateFormat([text])!;
    expect(format).toMatchObject(expected);
    expect(formatDate(parseDate(text, format), format)).toBe(text);
  }
}

describe('dates', () => {
  it('writes a parsed date back in its own format', () => {
    const texts = ['2024-02-29', '2024-02-29T13:45:10Z', '29.02.2024', '02/29/2024 07:05', '2024/12/01 23:59:59', '2/9/2024 7:05 PM', '2024-02-29T13:45:10+01:00'];
    for (const text of [...texts, 'Feb 9, 2024', '09-Feb-2024', '9 February 2024 12:00']) {
      const format = detectDateFormat([text])!;
      expect(format).not.toBeNull();
      expect(formatDate(parseDate(text, format), format)).toBe(text);
    }
  });

  it('reads zones, twelve-hour clocks and month names to the right instant', () => {
    const at = (text: string) => parseDate(text, detectDateFormat([text])!);
    expect(at('2024-02-29T13:45:10+01:00')).toBe(Date.UTC(2024, 1, 29, 12, 45, 10));
    expect(at('2024-02-29T13:45:10-0530')).toBe(Date.UTC(2024, 1, 29, 19, 15, 10));
    expect(at('2/9/2024 12:05 AM')).toBe(Date.UTC(2024, 1, 9, 0, 5));
    expect(at('2/9/2024 12:05 PM')).toBe(Date.UTC(2024, 1, 9, 12, 5));
    expect(at('Sept 30, 2024')).toBe(Date.UTC(2024, 8, 30));
    expect(at('30 Sep 2024')).toBe(Date.UTC(2024, 8, 30));
  });

  it('keeps one style for a column: unpadded fields, long month names', () => {
    const format = detectDateFormat(['3/4/2021', '12/25/2021'])!;
    expect(format).toMatchObject({ order: 'mdy', pad: false });
    expect(formatDate(Date.UTC(2022, 0, 5), format)).toBe('1/5/2022');
    expect(formatDate(Date.UTC(2022, 0, 5), detectDateFormat(['May 1, 2021', 'March 10, 2021'])!)).toBe('January 5, 2022');
  });

  it('reads times of day with no date, and writes them back alone', () => {
    expectRoundTrips(['13:45', '07:05:09', '9:30', '1:45 PM'], { dateless: true });
    const format = detectDateFormat(['13:45', '08:00'])!;
    expect(parseDate('13:45', format)).toBe(Date.UTC(1970, 0, 1, 13, 45));
    expect(formatDate(Date.UTC(1970, 0, 1, 23, 59, 40), format)).toBe('23:59');
    expect(detectDateFormat(['13:45', '2024-01-01 13:45'])).toBeNull();
    expect(detectDateFormat(['25:00'])).toBeNull();
    expect(detectDateFormat(['12:3'])).toBeNull();
  });

  it('reads months with no day, and writes a value as its nearest month', () => {
    expectRoundTrips(['2023-07', '2023/7', '07/2023', '7.2023'], { monthOnly: true });
    const format = detectDateFormat(['2023-07', '2024-12'])!;
    expect(parseDate('2024-12', format)).toBe(Date.UTC(2024, 11, 1));
    expect(formatDate(Date.UTC(2023, 6, 29), format)).toBe('2023-08');
    expect(formatDate(Date.UTC(2023, 6, 14), format)).toBe('2023-07');
    expect(detectDateFormat(['2023-13'])).toBeNull();
    expect(detectDateFormat(['2019-20'])).toBeNull();
    expect(detectDateFormat(['2023-07', '2023-07-01'])).toBeNull();
  });

  it('keeps fractions of a second', () => {
    const texts = ['2024-01-01 10:00:00.120', '2024-01-01 10:00:07.450', '2024-01-02 23:59:59.990'];
    const format = detectDateFormat(texts)!;
    expect(format).toMatchObject({ time: 'hms', fraction: 3 });
    for (const t of texts) expect(formatDate(parseDate(t, format), format)).toBe(t);
    expect(dateStepMs(format, texts.map((t) => parseDate(t, format)))).toBe(10);
    const iso = detectDateFormat(['2024-01-01T10:00:00.5Z'])!;
    expect(formatDate(parseDate('2024-01-01T10:00:00.5Z', iso) + 200, iso)).toBe('2024-01-01T10:00:00.7Z');
    const micro = detectDateFormat(['2024-01-01 10:00:00.123456'])!;
    expect(formatDate(parseDate('2024-01-01 10:00:00.123456', micro), micro)).toBe('2024-01-01 10:00:00.123000');
  });

  it('rounds to the step the seed keeps, in its own zone', () => {
    const texts = ['2024-02-29T13:45:00+05:30', '2024-03-01T08:00:00+05:30'];
    const format = detectDateFormat(texts)!;
    const step = dateStepMs(format, texts.map((t) => parseDate(t, format)));
    expect(step).toBe(900_000);
    expect(formatDate(roundDate(parseDate('2024-02-29T13:52:29+05:30', format), step, format), format)).toBe('2024-02-29T13:45:00+05:30');
    const minutes = detectDateFormat(['13:47', '08:00'])!;
    expect(dateStepMs(minutes, ['13:47', '08:00'].map((t) => parseDate(t, minutes)))).toBe(60_000);
    const seconds = detectDateFormat(['2024-01-01 10:00:05'])!;
    expect(dateStepMs(seconds, [parseDate('2024-01-01 10:00:05', seconds)])).toBe(1000);
    expect(dateStepMs(detectDateFormat(['2024-02-29 00:00'])!, [Date.UTC(2024, 1, 29)])).toBe(86_400_000);
  });

  it('rejects impossible dates and plain numbers', () => {
    expect(detectDateFormat(['2023-02-30'])).toBeNull();
    expect(detectDateFormat(['20230101'])).toBeNull();
    expect(detectDateFormat(['12.5'])).toBeNull();
    expect(detectDateFormat(['Foo 3, 2021'])).toBeNull();
    expect(detectDateFormat(['2/9/2024 13:05 PM'])).toBeNull();
  });

  it('reads a column written in two layouts, and writes both in the seed’s shares', () => {
    const texts = [...Array<string>(7).fill('2023-07-10'), '07/10/2023', '12/31/2023', '01/02/2024'];
    const format = detectDateFormat(texts)!;
    expect(format).toMatchObject({ order: 'ymd', sep: '-', count: 7, others: [{ format: { order: 'mdy', sep: '/' }, count: 3 }] });
    expect(parseDate('07/10/2023', format)).toBe(Date.UTC(2023, 6, 10));
    expect(parseDate('2023-07-10', format)).toBe(Date.UTC(2023, 6, 10));
    expect(parseDate('12/31/2023', format)).toBe(Date.UTC(2023, 11, 31));
    const next = formatPicker(format);
    const written = Array.from({ length: 1000 }, () => formatDate(Date.UTC(2024, 0, 5), next()));
    expect(new Set(written)).toEqual(new Set(['2024-01-05', '01/05/2024']));
    expect(Math.abs(written.filter((t) => t === '01/05/2024').length - 300)).toBeLessThan(5);
    // Dates beside times of day, or beside whole months, are not one column's layouts.
    expect(detectDateFormat(['2023-07-10', '13:45'])).toBeNull();
    expect(detectDateFormat(['2023-07-10', '2023-07'])).toBeNull();
  });
});
