import { useState, type DragEvent } from 'react';
import { BackendPicker } from './BackendPicker';
import { DataPanel, openPicked } from './DataPanel';
import { ImageExportPanel } from './ImageExportPanel';
import { ImageLiveView } from './ImageLiveView';
import { ImageReportPanel } from './ImageReportPanel';
import { ImageSeedPanel } from './ImageSeedPanel';
import { droppedFiles } from './pickedFiles';
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
  const { loadFile, loadImages, busy, images, imageModel } = useStudio((s) => ({
    loadFile: s.loadFile,
    loadImages: s.loadImages,
    busy: s.status !== 'idle',
    images: s.images !== null,
    imageModel: s.images?.loaded ?? false,
  }));
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
    // Folders are read through the drop's entries, which last only while this handler runs.
    droppedFiles(e.dataTransfer)
      .then((files) => openPicked(files, loadFile, loadImages))
      .catch((err: unknown) => setRefused(`What was dropped could not be read (${(err as Error).message}). Try Upload data or Upload folder.`));
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
        {images ? (
          <>
            <ImageSeedPanel />
            {!imageModel && <TrainPanel />}
            <ImageLiveView />
            <ImageReportPanel />
            <ImageExportPanel />
          </>
        ) : (
          <>
            <SchemaPanel />
            <RulesPanel />
            <TrainPanel />
            <LiveView />
            <ReportPanel />
            <GeneratePanel />
          </>
        )}
      </main>
    </div>
  );
}
