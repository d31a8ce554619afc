import { IMAGE_SIZES, type Channels, type Fit, type ImageSize } from '../core/data/images/imageSet';
import { ImageCanvas } from './ImageCanvas';
import { useStudio } from './StudioContext';

/** Sizes listed in the summary; the rest are counted. */
const MAX_SIZES = 5;

/** The images read: how many per label, the sizes found, what was skipped, the working size and a grid of them. */
export function ImageSeedPanel() {
  const { images, busy, setImageChoices } = useStudio((s) => ({ images: s.images, busy: s.status !== 'idle', setImageChoices: s.setImageChoices }));
  if (!images) return null;
  const { choices } = images;
  const listed = images.sizes.slice(0, MAX_SIZES).map((s) => `${s.width}×${s.height} (${s.count.toLocaleString('en-US')})`);
  const more = images.sizes.length - listed.length;
  const sizes = listed.join(', ') + (more > 0 ? ` and ${more} more` : '');
  // A loaded model works at the size and colour it was trained at.
  const fixed = busy || images.loaded;
  return (
    <section className="panel" aria-labelledby="images-heading">
      <h2 id="images-heading">2. Images</h2>
      <p className="status" data-testid="image-summary">
        {images.count.toLocaleString('en-US')} images in {images.labels.length} label{images.labels.length === 1 ? '' : 's'}
        {images.loaded ? `; the model makes ${choices.size} × ${choices.size} ${choices.channels === 1 ? 'grey' : 'colour'} images.` : `; sizes found: ${sizes}.`}
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
            disabled={fixed}
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
          <select aria-label="Colour" value={choices.channels} disabled={fixed} onChange={(e) => setImageChoices({ ...choices, channels: Number(e.target.value) as Channels })}>
            <option value={1}>Grey</option>
            <option value={3}>Colour</option>
          </select>
        </label>
        <label>
          Fit{' '}
          <select aria-label="Fit" value={choices.fit} disabled={fixed} onChange={(e) => setImageChoices({ ...choices, fit: e.target.value as Fit })}>
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
