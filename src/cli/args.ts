import { InputError } from '../core/data/table';

export interface SynthArgs {
  input: string;
  out: string;
  rows?: number;
  epochs: number;
  seed: number;
  backend: 'wasm' | 'cpu' | 'webgpu';
  batch?: number;
}

export const USAGE = 'usage: npm run synth -- --input data.csv --out synth.csv [--rows N] [--epochs E] [--seed S] [--backend wasm|cpu|webgpu] [--batch B]';

export function parseArgs(argv: string[]): SynthArgs {
  const map = new Map<string, string>();
  for (let i = 0; i < argv.length; i++) {
    const key = argv[i];
    if (!key.startsWith('--')) throw new InputError(`Unexpected argument "${key}".\n${USAGE}`);
    const value = argv[i + 1];
    if (value === undefined || value.startsWith('--')) throw new InputError(`${key} needs a value.\n${USAGE}`);
    map.set(key.slice(2), value);
    i++;
  }
  const input = map.get('input');
  const out = map.get('out');
  if (!input || !out) throw new InputError(`--input and --out are required.\n${USAGE}`);
  const backend = map.get('backend') ?? 'wasm';
  if (backend !== 'wasm' && backend !== 'cpu' && backend !== 'webgpu') throw new InputError(`--backend must be wasm, cpu or webgpu, not "${backend}".`);
  return {
    input,
    out,
    rows: optionalInt(map, 'rows', 1),
    epochs: optionalInt(map, 'epochs', 1) ?? 10,
    seed: optionalInt(map, 'seed', 0) ?? 42,
    backend,
    batch: optionalInt(map, 'batch', 1),
  };
}

function optionalInt(map: Map<string, string>, key: string, min: number): number | undefined {
  const text = map.get(key);
  if (text === undefined) return undefined;
  const n = Number(text);
  if (!Number.isInteger(n) || n < min) throw new InputError(`--${key} must be a whole number of at least ${min}, not "${text}".`);
  return n;
}
