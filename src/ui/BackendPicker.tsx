import type { BackendChoice } from '../worker/protocol';
import { useStudio } from './StudioContext';

const LABELS: Record<BackendChoice, string> = { auto: 'Auto (fastest here)', webgpu: 'WebGPU', webgl: 'WebGL', wasm: 'WebAssembly', cpu: 'CPU (plain JavaScript)' };

/** Which tfjs backend the worker uses, and what it runs on. */
export function BackendPicker() {
  const { choice, backend, adapter, note, busy, chooseBackend } = useStudio((s) => ({
    choice: s.backendChoice,
    backend: s.backend,
    adapter: s.adapter,
    note: s.backendNote,
    busy: s.status !== 'idle',
    chooseBackend: s.chooseBackend,
  }));
  return (
    <div className="backend">
      <label>
        Backend{' '}
        <select aria-label="Backend" value={choice} disabled={busy} onChange={(e) => chooseBackend(e.target.value as BackendChoice)}>
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
      {note && <span className="note">{note}</span>}
    </div>
  );
}
