/** A header name changed on load so that every column has a name of its own; `from` is '' for an empty header cell. */
export interface Rename {
  from: string;
  to: string;
}

/**
 * Names unique against every name in the header. The first column with a name keeps it; a later
 * duplicate gets the next suffix that no header cell uses (`a,a,a,b,a_2` → `a,a_3,a_4,b,a_2`),
 * and an empty cell gets `column_N` (N its position), suffixed the same way if that is taken.
 */
export function uniqueNames(header: string[]): { names: string[]; renamed: Rename[] } {
  const cleaned = header.map((raw) => raw.replace(/^\uFEFF/, '').trim());
  // Every name the file gives is reserved up front, so a suffix never lands on a later column's own name.
  const taken = new Set(cleaned.filter((name) => name !== ''));
  const kept = new Set<string>();
  const nextSuffix = new Map<string, number>();
  const renamed: Rename[] = [];
  const names = cleaned.map((name, i) => {
    if (name !== '' && !kept.has(name)) {
      kept.add(name);
      return name;
    }
    let to = name === '' ? `column_${i + 1}` : '';
    if (to === '' || taken.has(to)) {
      const base = name || to;
      let n = nextSuffix.get(base) ?? 2;
      while (taken.has(`${base}_${n}`)) n++;
      nextSuffix.set(base, n + 1);
      to = `${base}_${n}`;
    }
    taken.add(to);
    renamed.push({ from: name, to });
    return to;
  });
  return { names, renamed };
}

const MAX_LISTED = 10;

/** "Renamed duplicate column names: a → a_3, a → a_4. Named empty column headers: column_5." */
export function describeRenames(renamed: Rename[]): string {
  const list = (items: string[]) => items.slice(0, MAX_LISTED).join(', ') + (items.length > MAX_LISTED ? ` and ${items.length - MAX_LISTED} more` : '');
  const duplicates = renamed.filter((r) => r.from !== '').map((r) => `${r.from} → ${r.to}`);
  const empty = renamed.filter((r) => r.from === '').map((r) => r.to);
  const parts = [];
  if (duplicates.length) parts.push(`Renamed duplicate column names: ${list(duplicates)}`);
  if (empty.length) parts.push(`Named empty column headers: ${list(empty)}`);
  return parts.join('. ');
}
