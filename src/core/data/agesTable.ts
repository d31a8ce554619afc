import { Rng } from '../util/rng';
import { tableFromColumns, type Table } from './table';
import { wholeYears } from './years';

const day = (text: string) => Date.parse(`${text}T00:00:00Z`);
const iso = (ms: number) => new Date(ms).toISOString().slice(0, 10);

/** For tests: patients with a date of birth, a visit, the age at the visit and the age on 30 June 2024. */
export function agesTable(rows: number, seed = 3): Table {
  const rng = new Rng(seed);
  const born = Array.from({ length: rows }, () => day('1940-01-01') + rng.int(365 * 60) * 86_400_000);
  const visit = born.map(() => day('2022-01-01') + rng.int(700) * 86_400_000);
  const names = ['Date of birth', 'Visit date', 'Age at visit', 'Age', 'Score'];
  return tableFromColumns(names, [
    born.map(iso),
    visit.map(iso),
    born.map((b, r) => String(wholeYears(b, visit[r]))),
    born.map((b) => String(wholeYears(b, day('2024-06-30')))),
    born.map(() => String(rng.int(90))),
  ]);
}
