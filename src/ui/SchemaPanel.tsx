import { PLAIN_STYLE, writeNumber } from '../core/data/numbers';
import { COLUMN_KINDS, type ColumnKind } from '../core/data/schema';
import { BarChart } from './charts/BarChart';
import { useStudio } from './StudioContext';
import { useStaggered } from './useStaggered';

/** The inferred type of every column, with its shape and missing share; the user can correct both. */
export function SchemaPanel() {
  const { columns, busy, setColumn } = useStudio((s) => ({ columns: s.columns, busy: s.status !== 'idle', setColumn: s.setColumn }));
  const charts = useStaggered(columns.length, 4);
  if (columns.length === 0) return null;
  return (
    <section className="panel" aria-labelledby="schema-heading">
      <h2 id="schema-heading">2. Columns</h2>
      <table className="schema">
        <thead>
          <tr>
            <th>Use</th>
            <th>Column</th>
            <th>Type</th>
            <th>Distribution</th>
            <th>Missing</th>
            <th>Distinct</th>
          </tr>
        </thead>
        <tbody>
          {columns.map((c, i) => (
            // Position and name: a key repeated within one table makes React keep a stale row after the next load.
            <tr key={`${i}:${c.name}`} className={c.include ? '' : 'excluded'}>
              <td>
                <input
                  type="checkbox"
                  aria-label={`Include ${c.name}`}
                  checked={c.include}
                  disabled={busy}
                  onChange={(e) => setColumn(c.name, { include: e.target.checked })}
                />
              </td>
              <td className="name">{c.name}</td>
              <td>
                <select
                  aria-label={`Type of ${c.name}`}
                  value={c.kind}
                  disabled={busy}
                  onChange={(e) => setColumn(c.name, { kind: e.target.value as ColumnKind })}
                >
                  {COLUMN_KINDS.map((k) => (
                    <option key={k} value={k}>
                      {k === 'id' ? 'ID (regenerated)' : k}
                    </option>
                  ))}
                </select>
                {c.numeric && (
                  <span className="detail">
                    {c.numeric.integer ? 'integer' : c.numeric.significant ? `${c.numeric.significant} significant digits` : `${c.numeric.decimals} dp`}
                    {c.numeric.style && `, written like ${writeNumber(c.numeric.style.parens ? -1234.5 : 1234.5, c.numeric.decimals, c.numeric.style)}`}
                    {c.numeric.step && `, in steps of ${writeNumber(c.numeric.step, c.numeric.decimals, c.numeric.style ?? PLAIN_STYLE)}`}
                  </span>
                )}
                {c.notes && <span className="detail">with notes {c.notes.map((n) => `"${n}"`).join(', ')}</span>}
                {c.follows && <span className="detail">follows {c.follows}</span>}
              </td>
              <td>
                {i < charts && c.mini.shares.length > 0 && (
                  <BarChart label={`Distribution of ${c.name}`} compact height={28} categories={c.mini.labels} series={[{ label: c.name, values: c.mini.shares, fill: '#5b7fde' }]} />
                )}
              </td>
              <td>{(c.missingShare * 100).toFixed(1)}%</td>
              <td>{c.distinct.toLocaleString()}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </section>
  );
}
