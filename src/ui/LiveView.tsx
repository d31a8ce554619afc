import type { StudioState } from '../state/types';
import { BarChart } from './charts/BarChart';
import { LineChart } from './charts/LineChart';
import { RowsTable } from './RowsTable';
import { useStudio } from './StudioContext';
import { useStaggered } from './useStaggered';

const selectLosses = (s: StudioState) => [s.losses.step, s.losses.generator, s.losses.discriminator, s.losses.penalty];
const selectFidelity = (s: StudioState) => [s.fidelity.epoch, s.fidelity.score, s.fidelity.pairs];
const LOSS_SERIES = [
  { label: 'Generator', stroke: '#d9534f' },
  { label: 'Discriminator', stroke: '#3b73d1' },
  { label: 'Gradient penalty', stroke: '#999' },
];
const FIDELITY_SERIES = [
  { label: 'Column shapes', stroke: '#2a9d55' },
  { label: 'Pair trends', stroke: '#8e5bd0' },
];

/** Loss curves, fidelity per epoch, real-vs-synthetic columns and fresh rows, all updating while training. */
export function LiveView() {
  const { started, latest, heldBack } = useStudio((s) => ({ started: s.run !== null || s.latest !== null, latest: s.latest, heldBack: s.run?.validationRows ?? 0 }));
  const shown = useStaggered(latest?.distributions.length ?? 0, 1);
  // The line charts mount a frame apart and after the render that starts the view: together they
  // made one long task as training started.
  const lines = useStaggered(started ? 2 : 0, 1);
  if (!started) return null;
  return (
    <section className="panel" aria-labelledby="live-heading">
      <h2 id="live-heading">Live view</h2>
      <div className="charts">
        <div>
          <h3>Losses</h3>
          {lines > 0 && <LineChart label="Loss curves" xLabel="step" series={LOSS_SERIES} select={selectLosses} />}
        </div>
        <div>
          <h3>
            Fidelity <span data-testid="fidelity-score">{latest ? latest.fidelity.toFixed(3) : '–'}</span>
          </h3>
          {lines > 1 && <LineChart label="Fidelity per epoch" xLabel="epoch" series={FIDELITY_SERIES} select={selectFidelity} yRange={[0, 1]} />}
          {latest && latest.best.epoch > 0 && (
            <p className="status" data-testid="best-epoch">
              Generation uses epoch {latest.best.epoch}, the best so far on shapes and pair trends ({latest.best.score.toFixed(3)}).
            </p>
          )}
        </div>
      </div>
      {latest && (
        <>
          <h3>Real vs synthetic, epoch {latest.epoch}</h3>
          {heldBack > 0 && (
            <p className="hint" data-testid="live-real">
              Real: the {heldBack.toLocaleString()} rows held back to judge each epoch, which the model never trains on. The quality report judges the final rows, more of them
              (and, for a small table, against all your rows), so its figures differ.
            </p>
          )}
          <div className="columns-grid">
            {latest.distributions.slice(0, shown).map((d) => {
              const score = latest.columns.find((c) => c.name === d.name);
              return (
                <div key={d.name} className="column-chart">
                  <h4>
                    {d.name} <span className="score">{score ? `${score.metric === 'KS' ? '1−KS' : '1−TVD'} ${score.score.toFixed(2)}` : ''}</span>
                  </h4>
                  <BarChart
                    label={`Real and synthetic ${d.name}`}
                    categories={d.labels}
                    series={[
                      { label: 'Real', values: d.real, fill: 'rgba(59,115,209,0.8)' },
                      { label: 'Synthetic', values: d.synth, fill: 'rgba(217,83,79,0.8)' },
                    ]}
                  />
                </div>
              );
            })}
          </div>
          <h3>Fresh synthetic rows</h3>
          <RowsTable label="Fresh synthetic rows" names={latest.preview.names} rows={latest.preview.rows} />
        </>
      )}
    </section>
  );
}
