import { useStudio } from './StudioContext';

/** Picking a file or the built-in sample, and what is loaded now. */
export function DataPanel() {
  const { fileName, rowCount, columns, loading, busy, loadFile, loadSample } = useStudio((s) => ({
    fileName: s.fileName,
    rowCount: s.rowCount,
    columns: s.columns.length,
    loading: s.loading,
    busy: s.status !== 'idle',
    loadFile: s.loadFile,
    loadSample: s.loadSample,
  }));
  return (
    <section className="panel" aria-labelledby="data-heading">
      <h2 id="data-heading">1. Seed data</h2>
      <p className="hint">Drop a CSV, TSV, JSON or Parquet file anywhere on the page. It never leaves this browser.</p>
      <div className="row">
        <label className="button">
          Upload data
          <input
            type="file"
            aria-label="Upload data"
            accept=".csv,.tsv,.txt,.json,.parquet"
            disabled={busy}
            onChange={(e) => {
              const file = e.target.files?.[0];
              if (file) loadFile(file, file.name);
              e.target.value = '';
            }}
          />
        </label>
        <button type="button" onClick={() => void loadSample()} disabled={busy}>
          Try a sample
        </button>
      </div>
      {loading && (
        <p className="status">
          Reading {loading.name}… <progress aria-label="Reading file" value={loading.share} max={1} />
        </p>
      )}
      {fileName && !loading && (
        <p className="status" data-testid="loaded-summary">
          <strong>{fileName}</strong>: {rowCount.toLocaleString()} rows, {columns} columns
        </p>
      )}
    </section>
  );
}
