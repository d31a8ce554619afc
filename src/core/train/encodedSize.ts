import { InputError } from '../util/errors';
import { MAX_ENCODED_BYTES } from '../util/limits';

/** An encoded column as the check sees it (the transformer's own): its name and how many values it adds to each row. */
export interface EncodedWidth {
  name: string;
  encoder: { width: number };
}

/** Bytes the encoded training rows take: one float32 per value. */
export function encodedBytes(rows: number, width: number): number {
  return rows * width * 4;
}

/**
 * Refuses to encode training rows larger than `limit` bytes, naming the widest columns. A one-hot
 * category adds a value per distinct category to every row, so one ID-like column with 50,000
 * values is 200 KB a row; this is checked after fitting (when widths are known) and before the
 * rows are encoded (when the memory would be taken).
 */
export function requireEncodedFits(rows: number, columns: readonly EncodedWidth[], limit = MAX_ENCODED_BYTES): void {
  const width = columns.reduce((sum, c) => sum + c.encoder.width, 0);
  const bytes = encodedBytes(rows, width);
  if (bytes <= limit) return;
  const widest = [...columns]
    .sort((a, b) => b.encoder.width - a.encoder.width)
    .slice(0, 3)
    .map((c) => `"${c.name}" (${c.encoder.width.toLocaleString('en-US')} values)`);
  throw new InputError(
    `Training would take about ${size(bytes)}: ${rows.toLocaleString('en-US')} rows × ${width.toLocaleString('en-US')} encoded values × 4 bytes, ` +
      `more than the ${size(limit)} the studio allows. ${widest.length === 1 ? 'The widest column is' : 'The widest columns are'} ${widest.join(', ')}. ` +
      'Exclude wide categorical columns such as these (untick Use under Columns, or remove them from the file), or train on fewer rows.',
  );
}

const UNITS: [number, string][] = [
  [1e9, 'GB'],
  [1e6, 'MB'],
  [1e3, 'kB'],
];

function size(bytes: number): string {
  const [scale, unit] = UNITS.find(([s]) => bytes >= s) ?? [1, 'bytes'];
  return `${(bytes / scale).toLocaleString('en-US', { maximumFractionDigits: 1 })} ${unit}`;
}
