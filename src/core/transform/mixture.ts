import type { Rng } from '../util/rng';

/** A one-dimensional Gaussian mixture; modes are sorted by mean. */
export interface Mixture {
  weights: number[];
  means: number[];
  stds: number[];
}

export interface MixtureOptions {
  maxModes: number;
  /** Modes whose weight falls below this are dropped after the fit. */
  minWeight: number;
  /** Fit on at most this many values: the mixture of a 1-D column needs few. */
  maxSamples: number;
  iterations: number;
}

export const DEFAULT_MIXTURE: MixtureOptions = { maxModes: 10, minWeight: 0.005, maxSamples: 3000, iterations: 300 };

// Small concentration on the weights: the variational posterior then empties the
// components the data does not need, which is how the number of modes is chosen.
const WEIGHT_PRIOR = 1e-3;
// A column whose spread is this many times its interquartile spread is measured from its
// quartiles instead: one 1e9 among ages made the standard unit so wide that every age fell
// in one mode with a deviation of 1e5, and synthetic ages came out in the tens of thousands.
const OUTLIER_SPREAD = 10;

const MAX_UNITS = 1e6;

/** A unit for a column with no interquartile spread whose variance overflowed: its widest deviation, in MAX_UNITS. */
function widest(x: Float64Array, centre: number): number {
  let most = 0;
  for (const v of x) most = Math.max(most, Math.abs(v / MAX_UNITS - centre / MAX_UNITS));
  return most || 1;
}

/**
 * Variational Bayesian Gaussian mixture (Bishop, PRML §10.2) in one dimension,
 * with a symmetric Dirichlet prior on the weights and a Gauss-Wishart prior on each mode.
 */
export function fitMixture(values: ArrayLike<number>, rng: Rng, options: MixtureOptions = DEFAULT_MIXTURE): Mixture {
  const sample = subsample(values, options.maxSamples, rng);
  const n = sample.length;
  // Equal values have equal responsibilities, so each distinct value is fitted once with its
  // count as weight: the same fit, 40× faster on a column of ages.
  const { x, counts } = distinct(sample);
  const d = x.length;
  let mean = 0;
  for (let i = 0; i < d; i++) mean += counts[i] * x[i];
  mean /= n;
  let variance = 0;
  for (let i = 0; i < d; i++) variance += counts[i] * (x[i] - mean) ** 2;
  variance /= n;
  const iqr = (quantile(x, counts, Math.floor(0.75 * n)) - quantile(x, counts, Math.floor(0.25 * n))) / 1.349;
  // Values near ±1e308 overflow the variance to Infinity: such a column is measured from its quartiles too.
  const spread = Math.sqrt(variance);
  const robust = (iqr > 0 && !(spread <= OUTLIER_SPREAD * iqr)) || !Number.isFinite(mean);
  if (robust) mean = quantile(x, counts, Math.floor(n / 2));
  const scale = robust ? iqr || widest(x, mean) : spread || 1;
  // Work in standard units so the priors mean the same for every column; a value beyond
  // MAX_UNITS of them is fitted at that bound, since squaring it would overflow the fit.
  const z = x.map((v) => Math.max(-MAX_UNITS, Math.min(MAX_UNITS, (v - mean) / scale)));
  const k = Math.min(options.maxModes, n);
  const resp = initialResponsibilities(z, counts, n, k, rng);

  const beta0 = 1;
  const m0 = 0;
  const nu0 = 1;
  // A weak prior on each mode's variance (in standard units), so narrow modes keep their width.
  const w0inv = 0.01;
  const alpha = new Float64Array(k);
  const beta = new Float64Array(k);
  const m = new Float64Array(k);
  const nu = new Float64Array(k);
  const w = new Float64Array(k);
  const logRho = new Float64Array(k);
  const constant = new Float64Array(k);
  const precision = new Float64Array(k);

  for (let iter = 0; iter < options.iterations; iter++) {
    for (let j = 0; j < k; j++) {
      let nk = 1e-10;
      let sx = 0;
      for (let i = 0; i < d; i++) {
        nk += counts[i] * resp[i * k + j];
        sx += counts[i] * resp[i * k + j] * z[i];
      }
      const xbar = sx / nk;
      let sk = 0;
      for (let i = 0; i < d; i++) sk += counts[i] * resp[i * k + j] * (z[i] - xbar) ** 2;
      alpha[j] = WEIGHT_PRIOR + nk;
      beta[j] = beta0 + nk;
      m[j] = (beta0 * m0 + nk * xbar) / beta[j];
      nu[j] = nu0 + nk;
      w[j] = 1 / (w0inv + sk + ((beta0 * nk) / (beta0 + nk)) * (xbar - m0) ** 2);
    }
    let alphaSum = 0;
    for (let j = 0; j < k; j++) alphaSum += alpha[j];
    const digammaSum = digamma(alphaSum);
    for (let j = 0; j < k; j++) {
      const eLogPi = digamma(alpha[j]) - digammaSum;
      const eLogLambda = digamma(nu[j] / 2) + Math.LN2 + Math.log(w[j]);
      constant[j] = eLogPi + 0.5 * eLogLambda - 0.5 / beta[j];
      precision[j] = 0.5 * nu[j] * w[j];
    }
    let moved = 0;
    for (let i = 0; i < d; i++) {
      let max = -Infinity;
      for (let j = 0; j < k; j++) {
        logRho[j] = constant[j] - precision[j] * (z[i] - m[j]) ** 2;
        if (logRho[j] > max) max = logRho[j];
      }
      let sum = 0;
      for (let j = 0; j < k; j++) sum += logRho[j] = Math.exp(logRho[j] - max);
      for (let j = 0; j < k; j++) {
        const r = logRho[j] / sum;
        moved = Math.max(moved, Math.abs(r - resp[i * k + j]));
        resp[i * k + j] = r;
      }
    }
    if (moved < 1e-3) break;
  }

  let alphaSum = 0;
  for (let j = 0; j < k; j++) alphaSum += alpha[j];
  const modes: { weight: number; mean: number; std: number }[] = [];
  for (let j = 0; j < k; j++) {
    const weight = alpha[j] / alphaSum;
    if (weight < options.minWeight) continue;
    const std = Math.sqrt(1 / (nu[j] * w[j]));
    modes.push({ weight, mean: mean + m[j] * scale, std: Math.max(std * scale, 1e-6 * scale) });
  }
  modes.sort((a, b) => a.mean - b.mean);
  const total = modes.reduce((s, mo) => s + mo.weight, 0);
  return {
    weights: modes.map((mo) => mo.weight / total),
    means: modes.map((mo) => mo.mean),
    stds: modes.map((mo) => mo.std),
  };
}

function subsample(values: ArrayLike<number>, max: number, rng: Rng): Float64Array {
  if (values.length <= max) return Float64Array.from(values);
  const out = new Float64Array(max);
  for (let i = 0; i < max; i++) out[i] = values[rng.int(values.length)];
  return out;
}

/** Sorted distinct values and how often each occurs. */
function distinct(values: Float64Array): { x: Float64Array; counts: Float64Array } {
  const sorted = Float64Array.from(values).sort();
  const x: number[] = [];
  const counts: number[] = [];
  for (const v of sorted) {
    if (x.length && x[x.length - 1] === v) counts[counts.length - 1]++;
    else {
      x.push(v);
      counts.push(1);
    }
  }
  return { x: Float64Array.from(x), counts: Float64Array.from(counts) };
}

/**
 * Hard k-means assignments from spread-out starting centres (quantiles of the sample), as
 * one-hot responsibilities. `z` is sorted and distinct; `counts` weigh it and sum to `n`.
 */
function initialResponsibilities(z: Float64Array, counts: Float64Array, n: number, k: number, rng: Rng): Float64Array {
  const centres = Array.from({ length: k }, (_, j) => quantile(z, counts, Math.floor(((j + 0.5) / k) * n)) + 1e-3 * rng.normal());
  const assign = new Int32Array(z.length);
  for (let iter = 0; iter < 10; iter++) {
    for (let i = 0; i < z.length; i++) {
      let best = 0;
      for (let j = 1; j < k; j++) if (Math.abs(z[i] - centres[j]) < Math.abs(z[i] - centres[best])) best = j;
      assign[i] = best;
    }
    const sums = new Float64Array(k);
    const weights = new Float64Array(k);
    for (let i = 0; i < z.length; i++) {
      sums[assign[i]] += counts[i] * z[i];
      weights[assign[i]] += counts[i];
    }
    for (let j = 0; j < k; j++) if (weights[j] > 0) centres[j] = sums[j] / weights[j];
  }
  const resp = new Float64Array(z.length * k);
  for (let i = 0; i < z.length; i++) resp[i * k + assign[i]] = 1;
  return resp;
}

/** The `rank`-th smallest value (from 0) of the sample that `z` and `counts` describe. */
function quantile(z: Float64Array, counts: Float64Array, rank: number): number {
  let seen = 0;
  for (let i = 0; i < z.length; i++) {
    seen += counts[i];
    if (seen > rank) return z[i];
  }
  return z[z.length - 1];
}

function digamma(x: number): number {
  let result = 0;
  while (x < 6) {
    result -= 1 / x;
    x += 1;
  }
  const f = 1 / (x * x);
  return result + Math.log(x) - 0.5 / x - f * (1 / 12 - f * (1 / 120 - f * (1 / 252 - f * (1 / 240 - f / 132))));
}
