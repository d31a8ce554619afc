/** Everything that shapes a tabular model and its training; defaults follow the CTGAN paper. */
export interface ModelConfig {
  embeddingDim: number;
  generatorDims: number[];
  discriminatorDims: number[];
  /** Rows the critic sees together (PacGAN). The batch size must be a multiple. */
  pac: number;
  batchSize: number;
  epochs: number;
  generatorLr: number;
  discriminatorLr: number;
  beta1: number;
  beta2: number;
  discriminatorSteps: number;
  gradientPenalty: number;
  /** Apply the gradient penalty on one critic step in this many (lazy regularisation); 1 = every step. */
  penaltyEvery: number;
  /** Gumbel-softmax temperature for discrete outputs. */
  tau: number;
  dropout: number;
  /** Also condition on the mode of continuous columns (as CTAB-GAN does), not only on categories. */
  conditionOnModes: boolean;
  /** Write a column another categorical column determines in the seed from that column, rather than model it. */
  deriveColumns: boolean;
  /**
   * Sample from an exponential moving average of the generator's weights, with at most this
   * decay per step (warmed up from 0.1); 0 samples the raw weights.
   */
  generatorAverage: number;
  /** Generate with the generator of the latest epoch whose fidelity is within a hair of the best, not simply the last one. */
  keepBest: boolean;
  seed: number;
}

export const DEFAULT_CONFIG: ModelConfig = {
  embeddingDim: 128,
  generatorDims: [256, 256],
  discriminatorDims: [256, 256],
  pac: 5,
  batchSize: 500,
  epochs: 300,
  generatorLr: 1e-4,
  discriminatorLr: 2e-4,
  beta1: 0.5,
  beta2: 0.9,
  discriminatorSteps: 1,
  gradientPenalty: 10,
  penaltyEvery: 2,
  tau: 0.2,
  dropout: 0.5,
  conditionOnModes: true,
  deriveColumns: true,
  generatorAverage: 0.999,
  keepBest: true,
  seed: 42,
};

/** The batch is rounded down to a multiple of the pack size and kept within the data. */
export function effectiveBatch(config: ModelConfig, rows: number): number {
  const pac = Math.max(1, Math.floor(config.pac));
  const wanted = Math.min(config.batchSize, Math.max(pac, rows));
  return Math.max(pac, Math.floor(wanted / pac) * pac);
}
