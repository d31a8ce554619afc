import type { StudioState } from '../state/types';
import { LineChart } from './charts/LineChart';
import { ImageCanvas } from './ImageCanvas';
import { useStudio } from './StudioContext';

const percent = (x: number) => `${Math.round(100 * x)} %`;
const selectLosses = (s: StudioState) => [s.losses.step, s.losses.generator, s.losses.discriminator];
const LOSS_SERIES = [
  { label: 'Generator', stroke: '#d9534f' },
  { label: 'Critic', stroke: '#3b73d1' },
];

/** Samples from fixed noise per label, redrawn each judged epoch, and a latent walk. */
export function ImageLiveView() {
  const { live, progress } = useStudio((s) => ({ live: s.imageLive, progress: s.progress }));
  if (!live && !progress) return null;
  return (
    <section className="panel" aria-labelledby="image-live-heading">
      <h2 id="image-live-heading">Live view</h2>
      {progress && (
        <>
          <p className="status" data-testid="image-losses">
            Losses at step {progress.step.toLocaleString('en-US')}: critic {progress.losses.discriminator.toFixed(3)}, generator {progress.losses.generator.toFixed(3)}
          </p>
          <LineChart label="Loss curves" xLabel="step" series={LOSS_SERIES} select={selectLosses} />
        </>
      )}
      {live ? (
        <>
          <p className="status" data-testid="image-epoch" data-epoch={live.epoch}>
            {progress ? `Samples at epoch ${progress.epoch.toFixed(1)}` : `Epoch ${live.epoch}`}
            {live.labelAccuracy !== null && ` · judged at epoch ${live.epoch}: ${percent(live.labelAccuracy)} read as their label`}
            {live.best.epoch > 0 && ` · kept: epoch ${live.best.epoch}`}
          </p>
          <ImageCanvas grid={live.grid} label="Generated samples, one row per label" testId="sample-grid" />
          <h3>Latent walk</h3>
          <ImageCanvas grid={live.interpolation} label="A walk between two generated images" testId="interpolation" />
        </>
      ) : (
        <p className="hint">The first samples appear after the first epoch.</p>
      )}
    </section>
  );
}
