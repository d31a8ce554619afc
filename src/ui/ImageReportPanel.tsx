import { Figures } from './Figures';
import { ImageCanvas } from './ImageCanvas';
import { useStudio } from './StudioContext';

/** Is it good, and is it safe: the image report in plain words, its figures and the closest pairs. */
export function ImageReportPanel() {
  const { view, computing } = useStudio((s) => ({
    view: s.imageReport,
    computing: s.modelReady && s.status === 'idle' && s.imageReport === null && s.error?.task !== 'report',
  }));
  if (computing) return <p className="status panel">Judging the images: the quality and privacy report follows in a few seconds…</p>;
  if (!view) return null;
  const { report, closest } = view;
  return (
    <section className="panel" aria-labelledby="image-report-heading">
      <h2 id="image-report-heading">Quality and privacy</h2>
      {report.serious.length > 0 && (
        <ul className="serious" data-testid="image-serious">
          {report.serious.map((line) => (
            <li key={line}>{line}</li>
          ))}
        </ul>
      )}
      <ul className="findings" data-testid="image-verdicts">
        {report.verdicts.map((line) => (
          <li key={line}>{line}</li>
        ))}
      </ul>
      <Figures label="Image figures" figures={report.figures} testId="image-figures" />
      <p className="hint">
        {report.images.note} {report.classifier.note}
      </p>
      {closest && (
        <>
          <h3>Closest to a training image</h3>
          <p className="hint">Each pair: a generated image, then the training image nearest to it in pixels.</p>
          <ImageCanvas grid={closest} label="Generated images beside their nearest training image" testId="closest-pairs" />
        </>
      )}
    </section>
  );
}
