import { Rng } from '../util/rng';
import { tableFromColumns, type Table } from './table';

/**
 * For tests: events whose `Sold Out` is TRUE exactly when attendance reaches capacity (a
 * capacity that follows the venue), and stock whose `Needs reorder` is yes exactly when the
 * quantity is below its reorder level.
 */
export function flagsTable(rows: number, seed = 5): Table {
  const rng = new Rng(seed);
  const venues = ['Hall', 'Room A', 'Room B', 'Garden'];
  const capacities: Record<string, number> = { Hall: 200, 'Room A': 40, 'Room B': 60, Garden: 120 };
  const venue = Array.from({ length: rows }, () => venues[rng.int(venues.length)]);
  const capacity = venue.map((v) => capacities[v]);
  // A sixth of events fill up; the others leave some seats.
  const attendance = capacity.map((c) => (rng.next() < 1 / 6 ? c : Math.max(0, c - 1 - rng.int(Math.floor(c / 2)))));
  const level = Array.from({ length: rows }, () => 10 + 5 * rng.int(5));
  const quantity = level.map((l) => Math.max(0, l - 12 + rng.int(40)));
  const names = ['Venue', 'Capacity', 'Attendance', 'Sold Out', 'Reorder level', 'Quantity on hand', 'Needs reorder'];
  return tableFromColumns(names, [
    venue,
    capacity.map(String),
    attendance.map(String),
    attendance.map((a, r) => (a === capacity[r] ? 'TRUE' : 'FALSE')),
    level.map(String),
    quantity.map(String),
    quantity.map((q, r) => (q < level[r] ? 'yes' : 'no')),
  ]);
}
