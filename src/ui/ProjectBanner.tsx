import { useEffect } from 'react';
import { useStudio } from './StudioContext';

/**
 * The project this browser kept: after a reload, Resume or Forget it; while working, where
 * autosave stands. Leaving the page while a run trains asks first.
 */
export function ProjectBanner() {
  const { kept, autosave, status, fileName, resumedFrom, resume, forget } = useStudio((s) => ({
    kept: s.kept,
    autosave: s.autosave,
    status: s.status,
    fileName: s.fileName,
    resumedFrom: s.run?.resumedFrom ?? 0,
    resume: s.resumeProject,
    forget: s.forgetProject,
  }));
  const running = status === 'training' || status === 'paused';
  useEffect(() => {
    if (!running) return;
    // Steps since the last checkpoint would be lost: the browser asks before the page goes.
    const ask = (e: BeforeUnloadEvent) => e.preventDefault();
    window.addEventListener('beforeunload', ask);
    return () => window.removeEventListener('beforeunload', ask);
  }, [running]);
  if (kept && !fileName) {
    const trained = kept.epochs ? (kept.ended ? `, trained for ${kept.epochs} epochs` : `, trained to epoch ${kept.epochs} of ${kept.plannedEpochs}`) : '';
    return (
      <section className="panel kept" aria-label="Kept project">
        <p>
          <strong>{kept.name}</strong> ({kept.rows.toLocaleString('en-US')} rows × {kept.columns} columns) was kept in this browser on{' '}
          {new Date(kept.savedAt).toLocaleString()}
          {trained}. It never left this machine.
        </p>
        <div className="row">
          <button type="button" onClick={resume} disabled={status !== 'idle'}>
            Resume
          </button>
          <button type="button" onClick={forget}>
            Forget this project
          </button>
        </div>
      </section>
    );
  }
  if (!autosave || !fileName) return null;
  if ('failed' in autosave) {
    return (
      <p className="note" role="status" data-testid="autosave">
        {autosave.failed}
      </p>
    );
  }
  // data-ms: how long the latest checkpoint took to read back and write (the bench reads it).
  return (
    <p className="note" role="status" data-testid="autosave" data-ms={Math.round(autosave.ms)} data-bytes={autosave.bytes}>
      {resumedFrom > 0 && `Resumed from epoch ${resumedFrom}. `}
      Kept in this browser at epoch {autosave.epoch}: a reload or a crash resumes from there.{' '}
      <button type="button" onClick={forget}>
        Forget this project
      </button>
    </p>
  );
}
