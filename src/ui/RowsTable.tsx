/** A few rows as a plain table. */
export function RowsTable({ label, names, rows }: { label: string; names: string[]; rows: (string | null)[][] }) {
  return (
    <div className="rows-wrap">
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
