import { useEffect, useState } from 'react';
import { imagePlan, tablePlan } from '../state/estimate';
import { AdvancedPanel } from './AdvancedPanel';
import { useStudio } from './StudioContext';

function formatSeconds(s: number): string {
  if (!Number.isFinite(s)) return '…';
  if (s < 60) return `${Math.round(s)} s`;
  return `${Math.floor(s / 60)} min ${Math.round(s % 60)} s`;
}

// Long enough to swallow the second click of a double click, so Train is not followed by Pause.
const SETTLE_MS = 400;

/** True for a moment after `status` changes. */
function useSettling(status: string): boolean {
  const [settled, setSettled] = useState(status);
  useEffect(() => {
    const id = setTimeout(() => setSettled(status), SETTLE_MS);
    return () => clearTimeout(id);
  }, [status]);
  return settled !== status;
}

/** Train / Pause / Resume / Stop, and how far along training is. */
export function TrainPanel() {
  const s = useStudio((st) => ({
    hasData: st.fileName !== null,
    images: st.images,
    rowCount: st.rowCount,
    status: st.status,
    config: st.config,
    backend: st.backend,
    speed: st.speed,
    probeMs: st.probeMs,
    converged: st.converged,
    refinedKeep: st.refinedKeep,
    progress: st.progress,
    recovered: st.recovered,
    run: st.run,
    stoppedEarly: st.stoppedEarly,
    setConfig: st.setConfig,
    train: st.train,
    pause: st.pause,
    resume: st.resume,
    stop: st.stop,
  }));
  const settling = useSettling(s.status);
  if (!s.hasData) return null;
  const auto = s.config.epochs === 'auto';
  const { epochs, steps, estimate, basis } = s.images ? imagePlan(s.images, s.config.epochs, s.speed, s.backend) : tablePlan(s.config, s.rowCount, s.speed, s.probeMs, s.backend);
  const p = s.progress;
  const primary =
    s.status === 'idle'
      ? { label: 'Train', onClick: s.train, className: 'primary' }
      : s.status === 'training'
        ? { label: 'Pause', onClick: s.pause }
        : s.status === 'paused'
          ? { label: 'Resume', onClick: s.resume }
          : { label: 'Stopping…' };
  return (
    <section className="panel" aria-labelledby="train-heading">
      <h2 id="train-heading">3. Train</h2>
      <div className="row">
        <label>
          Epochs{' '}
          <input
            type="number"
            aria-label="Epochs"
            min={1}
            value={epochs}
            disabled={s.status !== 'idle'}
            onChange={(e) => e.target.valueAsNumber >= 1 && s.setConfig({ epochs: Math.floor(e.target.valueAsNumber) })}
          />
        </label>
        {!auto && (
          <button type="button" disabled={s.status !== 'idle'} onClick={() => s.setConfig({ epochs: 'auto' })}>
            Auto length
          </button>
        )}
        {/* One button that turns Train into Pause and Resume, so focus stays on it and pressing
            Train removes no element: removing the focused one cost 20 ms of that click. */}
        <button
          type="button"
          className={primary.className}
          onClick={settling ? undefined : primary.onClick}
          disabled={!primary.onClick}
          // aria-disabled, not disabled: a disabled button drops focus, and keyboard users would lose their place.
          aria-disabled={settling || undefined}
        >
          {primary.label}
        </button>
        {(s.status === 'training' || s.status === 'paused') && (
          <button type="button" onClick={s.stop}>
            Stop
          </button>
        )}
      </div>
      {s.status === 'idle' && (
        <p className="hint" data-testid="train-estimate" title={basis}>
          {auto ? `Length set from your ${s.rowCount.toLocaleString('en-US')} ${s.images ? 'images' : 'rows'}: ` : 'Your length: '}
          {epochs.toLocaleString('en-US')} epochs, {steps.toLocaleString('en-US')} steps, about {formatSeconds(estimate)} on {s.backend ?? 'this backend'}
          {!s.images && s.config.earlyStop ? '; it stops sooner once its rows stop improving (their scores and a real-against-synthetic check).' : '.'}
        </p>
      )}
      {!s.images && <AdvancedPanel />}
      {(s.status !== 'idle' || p) && (
        <div className="progress" data-testid="train-progress">
          <progress aria-label="Training progress" value={p ? p.step : 0} max={p ? p.totalSteps : 1} />
          <span>
            {s.status === 'idle' && p ? (s.stoppedEarly ? 'Stopped · ' : s.converged ? 'Finished early: no gain on the held-back rows · ' : 'Finished · ') : s.status === 'paused' ? 'Paused · ' : s.status === 'stopping' ? 'Stopping · ' : ''}
            {/* Time left only while it runs: a paused, stopping or ended run has none to count down. */}
            {p ? `epoch ${p.epoch.toFixed(1)} / ${p.epochs} · ${p.stepsPerSecond.toFixed(2)} steps/s${s.status === 'training' ? ` · ${formatSeconds(p.secondsLeft)} left` : ''}` : 'Preparing…'}
            {s.recovered && ` · Recovered at epoch ${s.recovered.epoch}: ${s.recovered.cause === 'nan' ? 'losses became NaN' : 'the rows suddenly got much worse'}; learning rates halved.`}
            {s.run && ` · batch ${s.run.batch}, ${s.run.stepsPerEpoch} steps/epoch, preprocessing ${s.run.preprocessSeconds.toFixed(2)} s`}
            {s.images && s.run && ` · training on ${s.run.trainingRows.toLocaleString('en-US')} images, ${s.run.validationRows.toLocaleString('en-US')} held back to judge them`}
            {!s.images && s.run && s.run.trainingRows < s.rowCount && ` · training on ${s.run.trainingRows.toLocaleString('en-US')} of ${s.rowCount.toLocaleString('en-US')} rows`}
            {!s.images && s.run && s.run.validationRows > 0 && `, ${s.run.validationRows.toLocaleString('en-US')} held back to judge each epoch`}
            {s.status === 'idle' && s.refinedKeep !== null && ` · refined: a classifier keeps ${Math.round(100 * s.refinedKeep)} % of drawn rows, fewer of those least like yours`}
          </span>
          {s.run && s.run.derived.length > 0 && (
            <p className="hint" data-testid="derived-columns">
              Written from the column they follow in your data, so every row agrees:{' '}
              {s.run.derived.map((d) => `${d.name} (follows ${d.source})`).join(', ')}.
            </p>
          )}
          {s.run && s.run.keys.length > 0 && (
            <p className="hint" data-testid="key-columns">
              IDs repeated over rows in your data get fresh values, each on about as many rows as yours hold:{' '}
              {s.run.keys.map((k) => `${k.name} (about ${k.perKey.toFixed(1)} rows each${k.fixed.length ? `, each of one ${k.fixed.join(' and one ')}` : ''}${k.distinct ? `, none with a ${k.distinct} twice` : ''}${k.within ? `, each holding whole ${k.within}s` : ''}${k.spaced ? `, their ${k.spaced}s as far apart as yours` : ''}${k.aged ? `, ${k.aged.join(' and ')} counted in years from one date each` : ''}${k.running ? k.running.map((x) => `, ${x.column} running on by ${x.plus}${x.restart ? ` from the start of each ${x.restart}` : ''}`).join('') : ''}${k.carried ? k.carried.map((x) => `, ${x.column} carried from the last row's ${x.from}`).join('') : ''})`).join(', ')}.
            </p>
          )}
          {s.run && s.run.scaled.length > 0 && (
            <p className="hint" data-testid="scaled-columns">
              Modelled apart for each value of the column that explains them, so each group keeps its own average and spread:{' '}
              {s.run.scaled.map((d) => `${d.name} (by ${d.by})`).join(', ')}.
            </p>
          )}
          {s.run && s.run.lines.length > 0 && (
            <p className="hint" data-testid="line-columns">
              Written from the column they rise and fall with in your data (nearly in proportion), plus a modelled difference, so the two stay linked:{' '}
              {s.run.lines.map((d) => `${d.name} (from ${d.from})`).join(', ')}.
            </p>
          )}
        </div>
      )}
    </section>
  );
}
