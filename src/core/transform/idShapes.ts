// IDs of one length whose characters follow a class at each position (a VIN, a hash, a UUID, a
// number plate)
// but share no text around a number: written fresh in that shape rather than as `<column>-1`.

/** A position of the shape: a character every ID has there, or the characters drawn from. */
export type ShapePosition = { literal: string } | { chars: string };

/** IDs the drawn positions can make, at least (eight digits' worth): fewer, and two rows could share an ID. */
const MIN_COMBINATIONS = 1e8;
const MIN_IDS = 20;

/** The shape every ID of `values` has, or null where they differ in length or hold other characters. */
export function shapeOf(values: string[]): ShapePosition[] | null {
  if (values.length < MIN_IDS) return null;
  const length = values[0].length;
  if (!values.every((v) => v.length === length && /^[0-9A-Za-z_.:/ -]+$/.test(v))) return null;
  const seen = Array.from({ length }, () => new Set<string>());
  for (const v of values) for (let p = 0; p < length; p++) seen[p].add(v[p]);
  // Each drawn position's class: which of digits, capitals and small letters it holds; one alphabet per class, as seen anywhere.
  const classOf = (chars: Set<string>) => [/\d/, /[A-Z]/, /[a-z]/].map((re) => ([...chars].some((c) => re.test(c)) ? '1' : '0')).join('');
  const alphabets = new Map<string, Set<string>>();
  const classes = seen.map((chars) => {
    if (chars.size === 1) return null;
    if ([...chars].some((c) => !/[0-9A-Za-z]/.test(c))) return undefined;
    const key = classOf(chars);
    const alphabet = alphabets.get(key) ?? new Set<string>();
    for (const c of chars) alphabet.add(c);
    alphabets.set(key, alphabet);
    return key;
  });
  if (classes.includes(undefined)) return null;
  const combinations = classes.reduce((n, key) => (key ? n * alphabets.get(key)!.size : n), 1);
  if (combinations < MIN_COMBINATIONS) return null;
  return classes.map((key, p) => (key === null || key === undefined ? { literal: [...seen[p]][0] } : { chars: [...alphabets.get(key)!].sort().join('') }));
}

/** The ID of output row `k` in `shape`: each drawn position from a hash of the row and the position. */
export function shapedId(shape: ShapePosition[], k: number): string {
  return shape.map((s, p) => ('literal' in s ? s.literal : s.chars[mix(k, p) % s.chars.length])).join('');
}

/** A 32-bit hash of a row and a position (a murmur-style finaliser). */
function mix(k: number, p: number): number {
  let h = (Math.imul(k, 0x9e3779b1) ^ Math.imul(p + 1, 0x85ebca77)) >>> 0;
  h ^= h >>> 16;
  h = Math.imul(h, 0x7feb352d);
  h ^= h >>> 15;
  h = Math.imul(h, 0x846ca68b);
  h ^= h >>> 16;
  return h >>> 0;
}
