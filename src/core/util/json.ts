/**
 * A number as JSON can hold it: JSON has no Infinity or NaN (JSON.stringify writes them as
 * null), and open bounds (`max: Infinity`) are common in saved model state.
 */
export type JsonNumber = number | 'Infinity' | '-Infinity' | 'NaN';

export function toJsonNumber(x: number): JsonNumber {
  if (Number.isFinite(x)) return x;
  return Number.isNaN(x) ? 'NaN' : x > 0 ? 'Infinity' : '-Infinity';
}

export function fromJsonNumber(x: JsonNumber): number {
  return typeof x === 'number' ? x : Number(x);
}
