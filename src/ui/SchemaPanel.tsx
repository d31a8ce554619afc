import { useState } from 'react';
import { COLUMN_KINDS, describeNumbers, type ColumnKind } from '../core/data/schema';
import type { StudioState } from '../state/types';
import type { ColumnView } from '../worker/protocol';
import { BarChart } from './charts/BarChart';
import { columnPage, PAGE_COLUMNS } from './columnPage';
import { useStudio } from './StudioContext';
import { useStaggered } from './useStaggered';

type SetColumn = StudioState['setColumn'];

/** The inferred type of every column, with its shape and missing share; the user can correct both. */
export function SchemaPanel() {
  const { fileName, columns, busy, setColumn } = useStudio((s) => ({ fileName: s.fileName, columns: s.columns, busy: s.status !== 'idle', setColumn: s.setColumn }));
  if (columns.length === 0) return null;
  return (
    <section className="panel" aria-labelledby="schema-heading">
      <h2 id="schema-heading">2. Columns</h2>
      {/* Keyed by file: a new table opens on its first page, unfiltered. */}
      <ColumnList key={fileName ?? ''} columns={columns} busy={busy} setColumn={setColumn} />
    </section>
  );
}

/**
 * A page of at most PAGE_COLUMNS rows, with a filter by name: a 1,000-column table drawn whole
 * took seconds and thousands of elements, and its one column to exclude was hard to find.
 */
function ColumnList({ columns, busy, setColumn }: { columns: ColumnView[]; busy: boolean; setColumn: SetColumn }) {
  const [first, setFirst] = useState(0);
  const [filter, setFilter] = useState('');
  const page = columnPage(columns, filter, first);
  const paged = columns.length > PAGE_COLUMNS;
  return (
    <>
      {paged && (
        <div className="row pager">
          <input
            type="search"
            aria-label="Find a column"
            placeholder="Find a column"
            value={filter}
            onChange={(e) => {
              setFilter(e.target.value);
              setFirst(0);
            }}
          />
          <span aria-live="polite">{page.summary}</span>
          <button type="button" disabled={page.start === 0} onClick={() => setFirst(Math.max(0, page.start - PAGE_COLUMNS))}>
            Previous {PAGE_COLUMNS} columns
          </button>
          <button type="button" disabled={page.end >= page.matching} onClick={() => setFirst(page.end)}>
            Next {PAGE_COLUMNS} columns
          </button>
        </div>
      )}
      <table className="schema">
        <thead>
          <tr>
            <th>Use</th>
            <th>Column</th>
            <th>Type</th>
            <th className="distribution">Distribution</th>
            <th>Missing</th>
            <th>Distinct</th>
          </tr>
        </thead>
        {/* Keyed by page, so each page's charts are staggered in again. */}
        <ColumnRows key={`${page.start}:${filter}`} rows={page.rows} busy={busy} setColumn={setColumn} />
      </table>
    </>
  );
}

function ColumnRows({ rows, busy, setColumn }: { rows: { column: ColumnView; index: number }[]; busy: boolean; setColumn: SetColumn }) {
  const charts = useStaggered(rows.length, 4);
  return (
    <tbody>
      {rows.map(({ column: c, index: i }, shown) => (
        // Position and name: a key repeated within one table makes React keep a stale row after the next load.
        <tr key={`${i}:${c.name}`} className={c.include ? '' : 'excluded'}>
          <td>
            <input type="checkbox" aria-label={`Include ${c.name}`} checked={c.include} disabled={busy} onChange={(e) => setColumn(c.name, { include: e.target.checked })} />
          </td>
          <td className="name">{c.name}</td>
          <td>
            <select aria-label={`Type of ${c.name}`} value={c.kind} disabled={busy} onChange={(e) => setColumn(c.name, { kind: e.target.value as ColumnKind })}>
              {COLUMN_KINDS.map((k) => (
                <option key={k} value={k}>
                  {k === 'id' ? 'ID (regenerated)' : k}
                </option>
              ))}
            </select>
            {c.numeric && <span className="detail">{describeNumbers(c.numeric)}</span>}
            {c.notes && <span className="detail">with notes {c.notes.map((n) => `"${n}"`).join(', ')}</span>}
            {c.follows && <span className="detail">follows {c.follows}</span>}
          </td>
          <td className="distribution">
            {shown < charts && c.mini.shares.length > 0 && (
              <BarChart label={`Distribution of ${c.name}`} compact height={28} categories={c.mini.labels} series={[{ label: c.name, values: c.mini.shares, fill: '#5b7fde' }]} />
            )}
          </td>
          <td>{(c.missingShare * 100).toFixed(1)}%</td>
          <td>{c.distinct.toLocaleString()}</td>
        </tr>
      ))}
    </tbody>
  );
}
