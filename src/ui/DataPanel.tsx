import { fewRowsNote } from '../core/data/limits';
import { ENCODING_NAMES } from '../core/data/encoding';
import { describeRenames } from '../core/data/names';
import { isImageUpload, pickedFrom, uploadName, type PickedFile } from './pickedFiles';
import { useStudio } from './StudioContext';


/** Picking a file or the built-in sample, and what is loaded now. */
export function DataPanel() {
  const { fileName, rowCount, columns, encoding, renamed, loading, bundle, busy, images, loadFile, loadImages, loadModel, loadSample, loadImageSample } = useStudio((s) => ({
    fileName: s.fileName,
    rowCount: s.rowCount,
    columns: s.columns.length,
    encoding: s.encoding,
    renamed: s.renamed,
    loading: s.loading,
    bundle: s.bundle,
    busy: s.status !== 'idle',
    loadFile: s.loadFile,
    loadImages: s.loadImages,
    images: s.images !== null,
    loadModel: s.loadModel,
    loadSample: s.loadSample,
    loadImageSample: s.loadImageSample,
  }));
  return (
    <section className="panel" aria-labelledby="data-heading">
      <h2 id="data-heading">1. Seed data</h2>
      <p className="hint">
        Drop a CSV, TSV, JSON or Parquet file anywhere on the page, or images: a zip, a folder (one subfolder per label) or PNG, JPEG and WebP files. Nothing leaves this
        browser.
      </p>
      <div className="row">
        <FilesButton label="Upload data" accept=".csv,.tsv,.txt,.json,.parquet,.zip,.png,.jpg,.jpeg,.webp" disabled={busy} onFiles={(files) => openPicked(files, loadFile, loadImages)} />
        <FilesButton label="Upload folder" folder disabled={busy} onFiles={(files) => openPicked(files, loadFile, loadImages)} />
        <button type="button" onClick={() => void loadSample()} disabled={busy}>
          Try a sample
        </button>
        <button type="button" onClick={() => void loadImageSample()} disabled={busy}>
          Try an image sample
        </button>
        <FilesButton label="Load model" accept=".zip" multiple={false} disabled={busy} onFiles={([f]) => f && loadModel(f.file, f.file.name)} />
      </div>
      {loading && (
        <p className="status">
          Reading {loading.name}… <progress aria-label="Reading file" value={loading.share} max={1} />
        </p>
      )}
      {fileName && !loading && !images && (
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
      {fileName && !loading && !images && fewRowsNote(rowCount) && (
        <p className="status warning" data-testid="few-rows">
          {fewRowsNote(rowCount)}
        </p>
      )}
      {fileName && !loading && renamed.length > 0 && (
        <p className="status" data-testid="renamed-columns">
          {describeRenames(renamed)}
        </p>
      )}
    </section>
  );
}

/** One table goes to the table studio; a zip, a folder or several images to the image studio. */
export function openPicked(files: PickedFile[], loadFile: (file: File, name: string) => void, loadImages: (name: string, files: { path: string; file: Blob }[]) => void): void {
  if (files.length === 0) return;
  if (isImageUpload(files)) loadImages(uploadName(files), files);
  else loadFile(files[0].file, files[0].file.name);
}

/**
 * A button that opens the file picker (for several files, or a folder); the input is cleared
 * after each pick so the same file can be picked again.
 */
function FilesButton({ label, accept, folder, multiple = true, disabled, onFiles }: { label: string; accept?: string; folder?: boolean; multiple?: boolean; disabled: boolean; onFiles: (files: PickedFile[]) => void }) {
  return (
    <label className="button">
      {label}
      <input
        type="file"
        aria-label={label}
        accept={accept}
        multiple={multiple}
        disabled={disabled}
        // React types lack the folder attribute; Chromium, Firefox and Safari all read it.
        {...(folder ? { webkitdirectory: '' } : {})}
        onChange={(e) => {
          if (e.target.files) onFiles(pickedFrom(e.target.files));
          e.target.value = '';
        }}
      />
    </label>
  );
}
