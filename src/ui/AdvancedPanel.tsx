import { useEffect, useId, useState } from 'react';
import {
  describeRange,
  effectiveBatch,
  effectivePac,
  LAYER_LIMITS,
  layersProblem,
  SETTING_RANGES,
  settingProblem,
  type ModelConfig,
  type NumberSetting,
} from '../core/model/config';
import { validationRows } from '../core/train/budget';
import { useStudio } from './StudioContext';

// The ranges and labels come from the core, which refuses the same values when training starts.
const FIELDS: { key: NumberSetting; step: number }[] = [
  { key: 'batchSize', step: 10 },
  { key: 'pac', step: 1 },
  { key: 'embeddingDim', step: 1 },
  // A step of the range's lower bound: the browser counts steps from `min`, and a coarser one would snap 0.0001 to 0.000101.
  { key: 'generatorLr', step: 0.000001 },
  { key: 'discriminatorLr', step: 0.000001 },
  { key: 'beta1', step: 0.05 },
  { key: 'beta2', step: 0.01 },
  { key: 'discriminatorSteps', step: 1 },
  { key: 'gradientPenalty', step: 1 },
  { key: 'penaltyEvery', step: 1 },
  { key: 'tau', step: 0.05 },
  { key: 'dropout', step: 0.05 },
  { key: 'generatorAverage', step: 0.001 },
  { key: 'seed', step: 1 },
];

type SwitchKey = { [K in keyof ModelConfig]: ModelConfig[K] extends boolean ? K : never }[keyof ModelConfig];

const SWITCHES: { key: SwitchKey; label: string }[] = [
  { key: 'conditionOnModes', label: 'Condition on continuous modes' },
  { key: 'deriveColumns', label: 'Write columns that follow another column from it' },
  { key: 'keepBest', label: 'Generate with the best epoch' },
  { key: 'withinSeedRange', label: "Keep values within the seed's range" },
  { key: 'withinCategoryRange', label: "Keep numbers within their category's range" },
  { key: 'calibrateShares', label: "Match the seed's category shares and number spreads after training" },
  { key: 'refineRows', label: 'Refine generated rows with a classifier after training' },
  { key: 'earlyStop', label: 'Stop early when the held-back rows stop improving' },
];

/** A typed number; an empty field is no number (NaN), which no range admits. */
const numberOf = (text: string) => (text.trim() === '' ? NaN : Number(text));
const widthsOf = (text: string) => text.split(/[,\s]+/).filter(Boolean).map(Number);

interface FieldProps {
  config: ModelConfig;
  disabled: boolean;
  setConfig(patch: Partial<ModelConfig>): void;
}

/** Every training setting, defaults from the CTGAN paper. */
export function AdvancedPanel() {
  const { config, busy, setConfig, rows, images, trained } = useStudio((s) => ({
    config: s.config,
    busy: s.status !== 'idle',
    setConfig: s.setConfig,
    rows: s.rowCount,
    images: s.images !== null,
    trained: s.modelReady,
  }));
  const props = { config, disabled: busy, setConfig };
  const notes = images ? {} : tableNotes(config, rows);
  return (
    <details className="advanced">
      <summary>Advanced</summary>
      {/* Generation reads what the run fitted (its kept epoch, shares, spreads): a change here cannot reach the model trained already. */}
      {trained && <p className="hint">Changes here apply when you next press Train; the model you have keeps the settings it was trained with.</p>}
      <div className="grid">
        {FIELDS.map((f) => (
          <NumberField key={f.key} setting={f.key} step={f.step} note={notes[f.key]} {...props} />
        ))}
        {SWITCHES.map((f) => (
          <label key={f.key} className="check">
            <input type="checkbox" aria-label={f.label} checked={config[f.key]} disabled={busy} onChange={(e) => setConfig({ [f.key]: e.target.checked })} />
            {f.label}
          </label>
        ))}
        <LayersField label="Generator layers" setting="generatorDims" {...props} />
        <LayersField label="Discriminator layers" setting="discriminatorDims" {...props} />
      </div>
    </details>
  );
}

/**
 * What a small table trains at in place of the configured batch and pack (see effectiveBatch),
 * so the panel does not show 250 while training takes 50.
 */
function tableNotes(config: ModelConfig, rows: number): Partial<Record<NumberSetting, string>> {
  if (rows <= 0) return {};
  const training = rows - validationRows(rows);
  const batch = effectiveBatch(config, training);
  const pac = effectivePac(config, training);
  const notes: Partial<Record<NumberSetting, string>> = {};
  const size = `your ${rows.toLocaleString('en-US')} rows`;
  if (batch !== config.batchSize) notes.batchSize = `Training uses ${batch} for ${size}, so an epoch has at least 10 steps.`;
  if (pac !== config.pac) notes.pac = `Training uses ${pac} for ${size}: the batch is small.`;
  return notes;
}

/**
 * A number setting with its range beside it. Only a value in range reaches the config; one out of
 * range stays in the field with a message saying what training uses meanwhile, so the user's
 * typing is neither lost nor silently trained on.
 */
function NumberField({ setting, step, note, config, disabled, setConfig }: FieldProps & { setting: NumberSetting; step: number; note?: string }) {
  const range = SETTING_RANGES[setting];
  const id = useId();
  // What the user typed, until the field loses focus in range (then it shows the config again).
  const [typed, setTyped] = useState<string | null>(null);
  const value = typed === null ? config[setting] : numberOf(typed);
  const problem = typed === null ? null : settingProblem(setting, value, config);
  const change = (text: string) => {
    setTyped(text);
    const next = numberOf(text);
    if (!settingProblem(setting, next, config)) setConfig({ [setting]: next });
  };
  // A pack size refused for the batch it exceeded is taken once the batch grows past it.
  useEffect(() => {
    if (typed !== null && !problem && value !== config[setting]) setConfig({ [setting]: value });
  }, [typed, problem, value, config, setting, setConfig]);
  return (
    <div className="field">
      <label>
        {range.label}
        <input
          type="number"
          aria-label={range.label}
          aria-describedby={problem ? `${id}-help ${id}-error` : `${id}-help`}
          aria-invalid={problem ? true : undefined}
          step={step}
          min={range.min}
          max={range.max}
          value={typed ?? config[setting]}
          disabled={disabled}
          onChange={(e) => change(e.target.value)}
          onBlur={() => !problem && setTyped(null)}
        />
      </label>
      <span className="help" id={`${id}-help`}>
        {describeRange(range)}
        {note && <span className="field-note"> {note}</span>}
      </span>
      {problem && (
        <span className="field-error" id={`${id}-error`} role="alert">
          {problem} Training uses {config[setting]} until it is fixed.
        </span>
      )}
    </div>
  );
}

/** Hidden layer widths, typed as "256, 256"; taken when every width is in range. */
function LayersField({ label, setting, config, disabled, setConfig }: FieldProps & { label: string; setting: 'generatorDims' | 'discriminatorDims' }) {
  const id = useId();
  const [typed, setTyped] = useState(() => config[setting].join(', '));
  const problem = layersProblem(label, widthsOf(typed), typed.trim());
  const change = (text: string) => {
    setTyped(text);
    const widths = widthsOf(text);
    if (!layersProblem(label, widths)) setConfig({ [setting]: widths });
  };
  return (
    <div className="field">
      <label>
        {label}
        <input
          aria-label={label}
          aria-describedby={problem ? `${id}-help ${id}-error` : `${id}-help`}
          aria-invalid={problem ? true : undefined}
          value={typed}
          disabled={disabled}
          onChange={(e) => change(e.target.value)}
        />
      </label>
      <span className="help" id={`${id}-help`}>
        Widths such as 256, 256: 1 to {LAYER_LIMITS.layers} layers of 1 to {LAYER_LIMITS.width.toLocaleString('en-US')}
      </span>
      {problem && (
        <span className="field-error" id={`${id}-error`} role="alert">
          {problem} Training uses {config[setting].join(', ')} until it is fixed.
        </span>
      )}
    </div>
  );
}
