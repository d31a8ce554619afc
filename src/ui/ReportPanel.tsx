import type { ReportColumn } from '../core/metrics/reportColumns';
import { percent } from '../core/metrics/reportFigures';
import { FlagMark } from './FlagMark';
import { Figures } from './Figures';
import { ReportPairs } from './ReportPairs';
import { useStudio } from './StudioContext';

// Colours as the quality verdict's: safe reads as good, check as fair, unsafe as poor.
const PRIVACY_CLASS = { Safe: 'good', Check: 'fair', Unsafe: 'poor' } as const;

/** Quality and privacy of the trained model's rows, in words a non-expert can read, and as files to hand over. */
export function ReportPanel() {
  const s = useStudio((st) => ({
    report: st.report,
    // A model loaded from a bundle has no seed rows to judge against.
    computing: st.modelReady && st.bundle === null && st.status === 'idle' && st.report === null && st.error?.task !== 'report',
    target: st.reportTarget,
    busy: st.reportBusy,
    setTarget: st.setReportTarget,
    download: st.downloadReport,
  }));
  if (!s.report && !s.computing) return null;
  const r = s.report;
  return (
    <section className="panel report" aria-labelledby="report-heading">
      <h2 id="report-heading">Quality report</h2>
      {!r ? (
        <p className="status">Judging the trained model's rows…</p>
      ) : (
        <>
          <p className={`verdict ${r.overall.verdict.toLowerCase()}`} data-testid="report-verdict">
            {r.overall.headline}
          </p>
          {r.privacy && (
            <p className={`verdict ${PRIVACY_CLASS[r.privacy.verdict]}`} data-testid="privacy-verdict">
              {r.privacy.headline}
            </p>
          )}
          <p className="status">
            Overall score <strong data-testid="overall-score">{r.overall.score.toFixed(3)}</strong> <span className="help">({r.overall.formula})</span>
          </p>
          <p className="hint">What good looks like: {r.overall.goodLooksLike}</p>
          <p className="hint">
            {r.rows.synthetic.toLocaleString()} synthetic rows judged. {r.rows.note}
          </p>
          {r.serious.length > 0 && (
            <div className="serious" role="note" aria-label="Before you share">
              <strong>Before you share these rows:</strong>
              <ul>
                {r.serious.map((line) => (
                  <li key={line}>{line}</li>
                ))}
              </ul>
            </div>
          )}
          <Figures label="Report figures" figures={r.figures} />
          <h3>Usefulness</h3>
          <div className="row">
            <label>
              Target column{' '}
              <select aria-label="Target column" value={s.target ?? ''} disabled={s.busy || r.targets.length === 0} onChange={(e) => s.setTarget(e.target.value || null)}>
                <option value="">(none)</option>
                {r.targets.map((t) => (
                  <option key={t} value={t}>
                    {t}
                  </option>
                ))}
              </select>
            </label>
            <span className="help">{r.targets.length ? 'A category or yes/no column a model should predict from the others.' : 'No category or yes/no column to predict.'}</span>
            {s.busy && <span className="status">Training the two models…</span>}
          </div>
          {r.usefulness && (
            <Figures label="Usefulness figures" figures={r.usefulness.figures} />
          )}
          <ReportPairs report={r} />
          <h3>Columns</h3>
          <p className="hint">1 − KS for numbers and dates, 1 − TVD for categories: 1 means the same spread of values as your data. The downloaded report draws each one.</p>
          <ColumnTable columns={r.columns} />
          <div className="row">
            <button type="button" onClick={() => s.download('html')}>
              Download report
            </button>
            <button type="button" onClick={() => s.download('json')}>
              Download report (JSON)
            </button>
          </div>
        </>
      )}
    </section>
  );
}

function ColumnTable({ columns }: { columns: ReportColumn[] }) {
  return (
    <table className="report-table" aria-label="Column scores">
      <thead>
        <tr>
          <th scope="col">Column</th>
          <th scope="col">Score</th>
          <th scope="col">Missing: your data</th>
          <th scope="col">Synthetic</th>
          <th scope="col">Flag</th>
        </tr>
      </thead>
      <tbody>
        {columns.map((c) => (
          <tr key={c.name}>
            <th scope="row">{c.name}</th>
            <td>
              {c.score.toFixed(3)} <span className="help">{c.metric}</span>
            </td>
            <td>{percent(c.missing.real)}</td>
            <td>{percent(c.missing.synthetic)}</td>
            <td>
              <FlagMark flag={c.flag} />
            </td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}
