import type { BackendChoice } from '../worker/protocol';
import { useStudio } from './StudioContext';

const LABELS: Record<BackendChoice, string> = { auto: 'Auto', webgpu: 'WebGPU', webgl: 'WebGL', wasm: 'WebAssembly', cpu: 'CPU (plain JavaScript)' };

/** Which tfjs backend the worker uses, and what it runs on. */
export function BackendPicker() {
  const { choice, backend, adapter, note, busy, working, timing, chooseBackend, timeBackends } = useStudio((s) => ({
    choice: s.backendChoice,
    backend: s.backend,
    adapter: s.adapter,
    note: s.backendNote,
    busy: s.status !== 'idle',
    // Timing holds the worker for tens of seconds without a GPU, so it waits for the worker to be idle.
    working: s.status !== 'idle' || s.loading !== null || s.generating !== null || s.backend === null,
    timing: s.backendTiming,
    chooseBackend: s.chooseBackend,
    timeBackends: s.timeBackends,
  }));
  return (
    <div className="backend">
      <label>
        Backend{' '}
        <select aria-label="Backend" value={choice} disabled={busy || timing} onChange={(e) => chooseBackend(e.target.value as BackendChoice)}>
          {(Object.keys(LABELS) as BackendChoice[]).map((b) => (
            <option key={b} value={b}>
              {LABELS[b]}
            </option>
          ))}
        </select>
      </label>
      <span className="status" data-testid="backend-status" aria-live="polite">
        {backend ? `Using ${backend} · ${adapter}` : 'Starting…'}
      </span>
      <button type="button" disabled={working || timing} onClick={timeBackends}>
        Time backends
      </button>
      {timing ? <span className="note">Timing every backend…</span> : note && <span className="note">{note}</span>}
    </div>
  );
}
