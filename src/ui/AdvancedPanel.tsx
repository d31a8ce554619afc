import type { ModelConfig } from '../core/model/config';
import { useStudio } from './StudioContext';

type NumberKey = { [K in keyof ModelConfig]: ModelConfig[K] extends number ? K : never }[keyof ModelConfig];

const FIELDS: { key: NumberKey; label: string; step: number; min: number }[] = [
  { key: 'batchSize', label: 'Batch size', step: 10, min: 10 },
  { key: 'pac', label: 'Pack size (PacGAN)', step: 1, min: 1 },
  { key: 'embeddingDim', label: 'Noise dimension', step: 1, min: 1 },
  { key: 'generatorLr', label: 'Generator learning rate', step: 0.0001, min: 0 },
  { key: 'discriminatorLr', label: 'Discriminator learning rate', step: 0.0001, min: 0 },
  { key: 'beta1', label: 'Adam beta 1', step: 0.05, min: 0 },
  { key: 'beta2', label: 'Adam beta 2', step: 0.01, min: 0 },
  { key: 'discriminatorSteps', label: 'Discriminator steps per generator step', step: 1, min: 1 },
  { key: 'gradientPenalty', label: 'Gradient penalty weight', step: 1, min: 0 },
  { key: 'penaltyEvery', label: 'Gradient penalty every N critic steps', step: 1, min: 1 },
  { key: 'tau', label: 'Gumbel-softmax temperature', step: 0.05, min: 0.01 },
  { key: 'dropout', label: 'Discriminator dropout', step: 0.05, min: 0 },
  { key: 'generatorAverage', label: 'Generator weight averaging (decay, 0 = off)', step: 0.001, min: 0 },
  { key: 'seed', label: 'Seed', step: 1, min: 0 },
];

type SwitchKey = { [K in keyof ModelConfig]: ModelConfig[K] extends boolean ? K : never }[keyof ModelConfig];

const SWITCHES: { key: SwitchKey; label: string }[] = [
  { key: 'conditionOnModes', label: 'Condition on continuous modes' },
  { key: 'deriveColumns', label: 'Write columns that follow another column from it' },
  { key: 'keepBest', label: 'Generate with the best epoch' },
];

const dims = (text: string) => text.split(/[,\s]+/).filter(Boolean).map(Number).filter((n) => Number.isInteger(n) && n > 0);

/** Every training setting, defaults from the CTGAN paper. */
export function AdvancedPanel() {
  const { config, busy, setConfig } = useStudio((s) => ({ config: s.config, busy: s.status !== 'idle', setConfig: s.setConfig }));
  return (
    <details className="advanced">
      <summary>Advanced</summary>
      <div className="grid">
        {FIELDS.map((f) => (
          <label key={f.key}>
            {f.label}
            <input
              type="number"
              aria-label={f.label}
              step={f.step}
              min={f.min}
              value={config[f.key]}
              disabled={busy}
              onChange={(e) => Number.isFinite(e.target.valueAsNumber) && setConfig({ [f.key]: e.target.valueAsNumber })}
            />
          </label>
        ))}
        {SWITCHES.map((f) => (
          <label key={f.key} className="check">
            <input type="checkbox" aria-label={f.label} checked={config[f.key]} disabled={busy} onChange={(e) => setConfig({ [f.key]: e.target.checked })} />
            {f.label}
          </label>
        ))}
        <label>
          Generator layers
          <input aria-label="Generator layers" defaultValue={config.generatorDims.join(', ')} disabled={busy} onBlur={(e) => dims(e.target.value).length && setConfig({ generatorDims: dims(e.target.value) })} />
        </label>
        <label>
          Discriminator layers
          <input aria-label="Discriminator layers" defaultValue={config.discriminatorDims.join(', ')} disabled={busy} onBlur={(e) => dims(e.target.value).length && setConfig({ discriminatorDims: dims(e.target.value) })} />
        </label>
      </div>
    </details>
  );
}
