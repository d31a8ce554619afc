import { IMAGE_SIZES, type Channels, type Fit, type ImageSize } from '../core/data/images/imageSet';
import { ImageCanvas } from './ImageCanvas';
import { useStudio } from './StudioContext';

/** The images read: how many per label, the sizes found, what was skipped, the working size and a grid of them. */
export function ImageSeedPanel() {
  const { images, busy, setImageChoices } = useStudio((s) => ({ images: s.images, busy: s.status !== 'idle', setImageChoices: s.setImageChoices }));
  if (!images) return null;
  const { choices } = images;
  const sizes = images.sizes.map((s) => `${s.width}×${s.height} (${s.count.toLocaleString('en-US')})`).join(', ');
  return (
    <section className="panel" aria-labelledby="images-heading">
      <h2 id="images-heading">2. Images</h2>
      <p className="status" data-testid="image-summary">
        {images.count.toLocaleString('en-US')} images in {images.labels.length} label{images.labels.length === 1 ? '' : 's'}; sizes found: {sizes}.
      </p>
      <table className="labels" aria-label="Images per label">
        <thead>
          <tr>
            <th scope="col">Label</th>
            <th scope="col">Images</th>
          </tr>
        </thead>
        <tbody>
          {images.labels.map((l) => (
            <tr key={l.label}>
              <td>{l.label}</td>
              <td>{l.count.toLocaleString('en-US')}</td>
            </tr>
          ))}
        </tbody>
      </table>
      {images.notes.length > 0 && (
        <ul className="notes" data-testid="image-notes">
          {images.notes.map((n) => (
            <li key={n}>{n}</li>
          ))}
        </ul>
      )}
      <div className="row">
        <label>
          Working size{' '}
          <select
            aria-label="Working size"
            value={choices.size}
            disabled={busy}
            onChange={(e) => setImageChoices({ ...choices, size: Number(e.target.value) as ImageSize })}
          >
            {IMAGE_SIZES.map((s) => (
              <option key={s} value={s}>
                {s} × {s} px
              </option>
            ))}
          </select>
        </label>
        <label>
          Colour{' '}
          <select aria-label="Colour" value={choices.channels} disabled={busy} onChange={(e) => setImageChoices({ ...choices, channels: Number(e.target.value) as Channels })}>
            <option value={1}>Grey</option>
            <option value={3}>Colour</option>
          </select>
        </label>
        <label>
          Fit{' '}
          <select aria-label="Fit" value={choices.fit} disabled={busy} onChange={(e) => setImageChoices({ ...choices, fit: e.target.value as Fit })}>
            <option value="crop">Crop to square</option>
            <option value="pad">Pad to square</option>
          </select>
        </label>
      </div>
      <ImageCanvas grid={images.seed} label="Seed images" testId="seed-grid" />
      {images.name === 'emoji.zip' && (
        <p className="hint">
          The image sample is Twemoji graphics by Twitter, Inc and other contributors, licensed under CC-BY 4.0 (
          <a href={`${import.meta.env.BASE_URL}samples/emoji-LICENSE.txt`}>attribution and licence</a>).
        </p>
      )}
    </section>
  );
}
