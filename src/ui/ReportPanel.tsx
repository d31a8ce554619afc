import type { Figure, Flag } from '../core/metrics/reportFigures';
import { useStudio } from './StudioContext';

const FLAG_TEXT: Record<Flag, string> = { ok: 'OK', warn: 'Check', bad: 'Problem' };

/** The flag in words, so it reads without colour too. */
function FlagMark({ flag }: { flag: Flag }) {
  return <span className={`flag ${flag}`}>{FLAG_TEXT[flag]}</span>;
}

function Figures({ label, figures }: { label: string; figures: Figure[] }) {
  return (
    <table className="report-table" aria-label={label}>
      <tbody>
        {figures.map((f) => (
          <tr key={f.key}>
            <th scope="row" title={f.formula}>
              {f.label}
              <div className="help">{f.explanation}</div>
            </th>
            <td>
              {f.text}
              <div className="help">{f.good}</div>
            </td>
            <td>
              <FlagMark flag={f.flag} />
            </td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}

/** Quality and privacy of the trained model's rows, in words a non-expert can read, and as files to hand over. */
export function ReportPanel() {
  const s = useStudio((st) => ({
    report: st.report,
    computing: st.modelReady && st.status === 'idle' && st.report === null && st.error?.task !== 'report',
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
          <p className="status">
            Overall score <strong>{r.overall.score.toFixed(3)}</strong> <span className="help">({r.overall.formula})</span>
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
          <h3>Worst pairs</h3>
          <p className="hint">The column pairs whose relationship the synthetic rows keep least well (1 is kept exactly).</p>
          <ScoreTable label="Worst pairs" rows={r.worstPairs.map((p) => ({ name: `${p.a} × ${p.b}`, metric: p.metric, score: p.score, flag: p.flag }))} />
          <h3>Columns</h3>
          <p className="hint">1 − KS for numbers and dates, 1 − TVD for categories: 1 means the same spread of values as your data.</p>
          <ScoreTable label="Column scores" rows={r.columns} />
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

function ScoreTable({ label, rows }: { label: string; rows: { name: string; metric: string; score: number; flag: Flag }[] }) {
  return (
    <table className="report-table" aria-label={label}>
      <tbody>
        {rows.map((row) => (
          <tr key={row.name}>
            <th scope="row">{row.name}</th>
            <td>
              {row.score.toFixed(3)} <span className="help">{row.metric}</span>
            </td>
            <td>
              <FlagMark flag={row.flag} />
            </td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}
