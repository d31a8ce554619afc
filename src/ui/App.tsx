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
  const onDrop = (e: DragEvent) => {
    e.preventDefault();
    setDragging(false);
    const file = e.dataTransfer.files[0];
    if (file && !busy) loadFile(file, file.name);
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
