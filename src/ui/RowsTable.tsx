/** A few rows as a plain table; it scrolls sideways, so keyboard users can focus it to scroll. */
export function RowsTable({ label, names, rows }: { label: string; names: string[]; rows: (string | null)[][] }) {
  return (
    <div className="rows-wrap" tabIndex={0} role="region" aria-label={`${label} (scrolls sideways)`}>
      <table className="rows" aria-label={label}>
        <thead>
          <tr>
            {names.map((n) => (
              <th key={n}>{n}</th>
            ))}
          </tr>
        </thead>
        <tbody>
          {rows.map((row, r) => (
            <tr key={r}>
              {row.map((v, c) => (
                <td key={c} className={v === null ? 'missing' : ''}>
                  {v ?? '—'}
                </td>
              ))}
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
