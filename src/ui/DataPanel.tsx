import type { TextEncoding } from '../core/data/encoding';
import type { Rename } from '../core/data/names';
import { useStudio } from './StudioContext';

const ENCODING_NAMES: Record<TextEncoding, string> = { 'utf-8': 'UTF-8', 'utf-16le': 'UTF-16LE', 'utf-16be': 'UTF-16BE', 'windows-1252': 'Windows-1252' };
const MAX_LISTED = 10;

/** Picking a file or the built-in sample, and what is loaded now. */
export function DataPanel() {
  const { fileName, rowCount, columns, encoding, renamed, loading, bundle, busy, loadFile, loadModel, loadSample } = useStudio((s) => ({
    fileName: s.fileName,
    rowCount: s.rowCount,
    columns: s.columns.length,
    encoding: s.encoding,
    renamed: s.renamed,
    loading: s.loading,
    bundle: s.bundle,
    busy: s.status !== 'idle',
    loadFile: s.loadFile,
    loadModel: s.loadModel,
    loadSample: s.loadSample,
  }));
  return (
    <section className="panel" aria-labelledby="data-heading">
      <h2 id="data-heading">1. Seed data</h2>
      <p className="hint">Drop a CSV, TSV, JSON or Parquet file anywhere on the page. It never leaves this browser.</p>
      <div className="row">
        <FileButton label="Upload data" accept=".csv,.tsv,.txt,.json,.parquet" disabled={busy} onFile={loadFile} />
        <button type="button" onClick={() => void loadSample()} disabled={busy}>
          Try a sample
        </button>
        <FileButton label="Load model" accept=".zip" disabled={busy} onFile={loadModel} />
      </div>
      {loading && (
        <p className="status">
          Reading {loading.name}… <progress aria-label="Reading file" value={loading.share} max={1} />
        </p>
      )}
      {fileName && !loading && (
        <p className="status" data-testid="loaded-summary">
          <strong>{fileName}</strong>: {rowCount.toLocaleString()} rows, {columns} columns
          {encoding && encoding !== 'utf-8' && `, read as ${ENCODING_NAMES[encoding]}`}
        </p>
      )}
      {bundle && !loading && (
        <p className="status" data-testid="loaded-summary">
          Model loaded from <strong>{bundle.name}</strong>: trained on {bundle.rows.toLocaleString()} rows, {bundle.columns} columns (of {bundle.source}). It generates
          without the seed data; load the seed table to train again.
        </p>
      )}
      {fileName && !loading && renamed.length > 0 && (
        <p className="status" data-testid="renamed-columns">
          {renameText(renamed)}
        </p>
      )}
    </section>
  );
}

/** "Renamed duplicate column names: a → a_3, a → a_4. Named empty column headers: column_5." */
function renameText(renamed: Rename[]): string {
  const list = (items: string[]) => items.slice(0, MAX_LISTED).join(', ') + (items.length > MAX_LISTED ? ` and ${items.length - MAX_LISTED} more` : '');
  const duplicates = renamed.filter((r) => r.from !== '').map((r) => `${r.from} → ${r.to}`);
  const empty = renamed.filter((r) => r.from === '').map((r) => r.to);
  const parts = [];
  if (duplicates.length) parts.push(`Renamed duplicate column names: ${list(duplicates)}`);
  if (empty.length) parts.push(`Named empty column headers: ${list(empty)}`);
  return parts.join('. ');
}

/** A button that opens the file picker; the input is cleared after each pick so the same file can be picked again. */
function FileButton({ label, accept, disabled, onFile }: { label: string; accept: string; disabled: boolean; onFile: (file: File, name: string) => void }) {
  return (
    <label className="button">
      {label}
      <input
        type="file"
        aria-label={label}
        accept={accept}
        disabled={disabled}
        onChange={(e) => {
          const file = e.target.files?.[0];
          if (file) onFile(file, file.name);
          e.target.value = '';
        }}
      />
    </label>
  );
}
