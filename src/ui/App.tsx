import { useState, type DragEvent } from 'react';
import { BackendPicker } from './BackendPicker';
import { DataPanel } from './DataPanel';
import { ErrorBanner } from './ErrorBanner';
import { GeneratePanel } from './GeneratePanel';
import { LiveView } from './LiveView';
import { ProjectBanner } from './ProjectBanner';
import { ReportPanel } from './ReportPanel';
import { RulesPanel } from './RulesPanel';
import { SchemaPanel } from './SchemaPanel';
import { useStudio } from './StudioContext';
import { TrainPanel } from './TrainPanel';

/** The whole page is a drop target for seed data. */
export function App() {
  const { loadFile, busy } = useStudio((s) => ({ loadFile: s.loadFile, busy: s.status !== 'idle' }));
  const [dragging, setDragging] = useState(false);
  // A file dropped while training is refused out loud: silence read as a broken drop.
  const [refused, setRefused] = useState<string | null>(null);
  const onDrop = (e: DragEvent) => {
    e.preventDefault();
    setDragging(false);
    const file = e.dataTransfer.files[0];
    if (!file) return;
    if (busy) {
      setRefused(`${file.name} was not loaded: a model is training. Stop it (or let it finish), then drop the file again.`);
      return;
    }
    setRefused(null);
    loadFile(file, file.name);
  };
  return (
    <div
      className={dragging ? 'app dragging' : 'app'}
      data-testid="drop-zone"
      onDragOver={(e) => {
        e.preventDefault();
        setDragging(true);
      }}
      onDragLeave={() => setDragging(false)}
      onDrop={onDrop}
    >
      <header>
        <h1>Mitosis Studio</h1>
        <span className="tagline">Synthetic data, trained in your browser. Nothing is uploaded.</span>
        <BackendPicker />
      </header>
      <main>
        {refused && (
          <div role="alert" className="error" data-testid="drop-refused">
            <span>{refused}</span>
            <button type="button" onClick={() => setRefused(null)} aria-label="Dismiss message">
              ×
            </button>
          </div>
        )}
        <ErrorBanner />
        <ProjectBanner />
        <DataPanel />
        <SchemaPanel />
        <RulesPanel />
        <TrainPanel />
        <LiveView />
        <ReportPanel />
        <GeneratePanel />
      </main>
    </div>
  );
}
