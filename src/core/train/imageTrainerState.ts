import * as tf from '@tensorflow/tfjs';
import type { AdamState } from '../model/flatAdam';
import type { NamedValues } from './loop';

// How an image trainer's tensors are named when saved: its networks under their own names
// (`generator/…`, `critic/…`), the generator copies under `average/…` and `kept/…`, and
// the optimisers' flat moments under `optimiser/{generator,critic}/{m,v}`.

interface Named {
  names: string[];
  variables: tf.Variable[];
}

/** The tensors of an image trainer, by part. */
export interface TrainerParts {
  generator: Named;
  critic: Named;
  /** The spectral norms' power-iteration vectors. */
  criticState: Named;
  average: tf.Variable[] | null;
  kept: tf.Tensor[] | null;
}

/** An optimiser's flat moments, without its step count. */
type Moments = Omit<AdamState, 'steps'>;

/** Every tensor of `parts` and both optimisers' moments, read off the device. */
export async function savedTensors(parts: TrainerParts, optimisers: { generator: AdamState; critic: AdamState }): Promise<NamedValues[]> {
  const out: NamedValues[] = [];
  const add = async (name: string, t: tf.Tensor) => out.push({ name, shape: t.shape, values: (await t.data()) as Float32Array });
  const gNames = parts.generator.names;
  for (const { names, variables } of [parts.generator, parts.critic, parts.criticState]) {
    for (const [i, v] of variables.entries()) await add(names[i], v);
  }
  for (const [i, v] of (parts.average ?? []).entries()) await add(`average/${gNames[i]}`, v);
  for (const [i, v] of (parts.kept ?? []).entries()) await add(`kept/${gNames[i]}`, v);
  for (const net of ['generator', 'critic'] as const) {
    const { m, v } = optimisers[net];
    out.push({ name: `optimiser/${net}/m`, shape: [m.length], values: m }, { name: `optimiser/${net}/v`, shape: [v.length], values: v });
  }
  return out;
}

/**
 * Assigns saved values to every variable of `parts` (the caller has disposed any kept copy);
 * returns the kept generator as new tensors the caller owns (when `kept`), and the moments.
 */
export function restoreTensors(
  parts: TrainerParts,
  tensors: Map<string, Float32Array>,
  kept: boolean,
): { kept: tf.Tensor[] | null; optimisers: { generator: Moments; critic: Moments } } {
  const take = (name: string, shape: number[]) => {
    const values = tensors.get(name);
    const size = shape.reduce((a, b) => a * b, 1);
    if (!values || values.length !== size) {
      throw new Error(`The saved model has no weights "${name}" of shape [${shape}]: it was saved by another version or with other settings.`);
    }
    return values;
  };
  const load = ({ names, variables }: Named, prefix = '') => variables.forEach((v, i) => v.assign(tf.tensor(take(prefix + names[i], v.shape), v.shape)));
  const gNames = parts.generator.names;
  tf.tidy(() => {
    for (const part of [parts.generator, parts.critic, parts.criticState]) load(part);
    if (parts.average) load({ names: gNames, variables: parts.average }, 'average/');
  });
  const generator = parts.generator.variables;
  const keptCopy = kept ? generator.map((v, i) => tf.tensor(take(`kept/${gNames[i]}`, v.shape), v.shape)) : null;
  const moments = (net: string, vars: tf.Variable[]) => {
    const size = [vars.reduce((s, v) => s + v.size, 0)];
    return { m: take(`optimiser/${net}/m`, size), v: take(`optimiser/${net}/v`, size) };
  };
  return { kept: keptCopy, optimisers: { generator: moments('generator', generator), critic: moments('critic', parts.critic.variables) } };
}
