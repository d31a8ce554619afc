import { MAX_GENERATED_IMAGES } from '../core/util/limits';
import { useStudio } from './StudioContext';


/** How many images to make, of which label, and the download. */
export function ImageExportPanel() {
  const s = useStudio((st) => ({
    ready: st.modelReady,
    busy: st.status !== 'idle',
    images: st.images,
    count: st.imageCount,
    label: st.imageLabel,
    exporting: st.exporting,
    setCount: st.setImageCount,
    setLabel: st.setImageLabel,
    download: st.downloadImages,
    saveModel: st.saveModel,
  }));
  if (!s.images || !s.ready) return null;
  return (
    <section className="panel" aria-labelledby="image-export-heading">
      <h2 id="image-export-heading">4. Download images</h2>
      <div className="row">
        <label>
          Images{' '}
          <input
            type="number"
            aria-label="Images"
            min={1}
            max={MAX_GENERATED_IMAGES}
            value={s.count}
            onChange={(e) => e.target.valueAsNumber >= 1 && s.setCount(Math.min(MAX_GENERATED_IMAGES, Math.floor(e.target.valueAsNumber)))}
          />
        </label>
        {s.images.labels.length > 1 && (
          <label>
            Label{' '}
            <select aria-label="Label" value={s.label ?? ''} onChange={(e) => s.setLabel(e.target.value || null)}>
              <option value="">As in the seed</option>
              {s.images.labels.map((l) => (
                <option key={l.label} value={l.label}>
                  {l.label}
                </option>
              ))}
            </select>
          </label>
        )}
        <button type="button" className="primary" disabled={s.busy} aria-disabled={s.exporting !== null || undefined} onClick={() => s.exporting === null && s.download()}>
          Download images
        </button>
        {!s.images.loaded && (
          <button type="button" disabled={s.busy} onClick={s.saveModel}>
            Save model
          </button>
        )}
      </div>
      <p className="hint">A zip with one folder of PNGs per label and manifest.csv (file, label).</p>
    </section>
  );
}
