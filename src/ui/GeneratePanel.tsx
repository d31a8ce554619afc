import { useState } from 'react';
import type { ExportFormat } from '../core/export/writer';
import { MAX_GENERATED_ROWS } from '../worker/protocol';
import { ConfirmDownload } from './ConfirmDownload';
import { RowsTable } from './RowsTable';
import { useStudio } from './StudioContext';

const FORMATS: { format: ExportFormat; label: string; what: string }[] = [
  { format: 'csv', label: 'Download CSV', what: 'the CSV' },
  { format: 'json', label: 'Download JSON', what: 'the JSON' },
  { format: 'parquet', label: 'Download Parquet', what: 'the Parquet file' },
];

/** How many rows to make, an optional fixed category, and the downloads. */
export function GeneratePanel() {
  const s = useStudio((st) => ({
    trained: st.modelReady,
    idle: st.status === 'idle',
    genRows: st.genRows,
    condition: st.condition,
    choices: st.choices,
    generating: st.generating,
    generated: st.generated,
    exporting: st.exporting,
    setGenRows: st.setGenRows,
    setCondition: st.setCondition,
    generate: st.generate,
    download: st.download,
    saveModel: st.saveModel,
    report: st.report,
  }));
  // The download waiting for an answer, when the report found something serious.
  const [asking, setAsking] = useState<ExportFormat | null>(null);
  if (!s.trained) return null;
  const fixedColumn = s.choices.find((c) => c.column === s.condition?.column);
  const busy = !s.idle || s.generating !== null;
  return (
    <section className="panel" aria-labelledby="generate-heading">
      <h2 id="generate-heading">4. Generate</h2>
      <div className="row">
        <label>
          Rows{' '}
          <input type="number" aria-label="Rows" min={1} max={MAX_GENERATED_ROWS} value={s.genRows} onChange={(e) => s.setGenRows(Math.floor(e.target.valueAsNumber) || 0)} />
        </label>
        <label>
          Fix column{' '}
          <select
            aria-label="Fix column"
            value={s.condition?.column ?? ''}
            onChange={(e) => {
              const choice = s.choices.find((c) => c.column === e.target.value);
              s.setCondition(choice ? { column: choice.column, value: choice.values[0] } : null);
            }}
          >
            <option value="">(none)</option>
            {s.choices.map((c) => (
              <option key={c.column} value={c.column}>
                {c.column}
              </option>
            ))}
          </select>
        </label>
        {fixedColumn && (
          <label>
            to{' '}
            <select aria-label="Fixed value" value={s.condition?.value} onChange={(e) => s.setCondition({ column: fixedColumn.column, value: e.target.value })}>
              {fixedColumn.values.map((v) => (
                <option key={v} value={v}>
                  {v.trim() || '(blank)'}
                </option>
              ))}
            </select>
          </label>
        )}
        <button type="button" className="primary" onClick={s.generate} disabled={busy || s.genRows < 1}>
          Generate
        </button>
        <button type="button" onClick={s.saveModel} disabled={busy} title="Download the trained model as a .mitosis.zip bundle that Load model (or the CLI's --model) reads">
          Save model
        </button>
      </div>
      {s.generating && (
        <p className="status">
          Generating… <progress aria-label="Generation progress" value={s.generating.done} max={s.generating.total} /> {s.generating.done.toLocaleString()} /{' '}
          {s.generating.total.toLocaleString()}
        </p>
      )}
      {s.generated && (
        <>
          <p className="status" data-testid="generated-summary">
            {s.generated.rows.toLocaleString()} rows generated in {s.generated.seconds.toFixed(1)} s ({Math.round(s.generated.rows / Math.max(s.generated.seconds, 1e-3)).toLocaleString()} rows/s)
          </p>
          <div className="row">
            {FORMATS.map((f) => (
              <button
                key={f.format}
                type="button"
                // aria-disabled, not disabled, while a file is written: focus comes back here from the question.
                aria-disabled={s.exporting !== null || undefined}
                onClick={() => {
                  if (s.exporting !== null) return;
                  if (s.report?.serious.length) setAsking(f.format);
                  else s.download(f.format);
                }}
              >
                {f.label}
              </button>
            ))}
          </div>
          {asking && s.report && (
            <ConfirmDownload
              key={asking}
              what={FORMATS.find((f) => f.format === asking)!.what}
              findings={s.report.serious}
              onConfirm={() => {
                setAsking(null);
                s.download(asking);
              }}
              onCancel={() => setAsking(null)}
            />
          )}
          <RowsTable label="Generated rows" names={s.generated.preview.names} rows={s.generated.preview.rows.slice(0, 10)} />
        </>
      )}
    </section>
  );
}
