import { describe, expect, it } from 'vitest';
import { InputError } from '../util/errors';
import { configProblems, DEFAULT_CONFIG, describeRange, SETTING_RANGES, settingProblem, validateConfig, type ModelConfig } from './config';

const refusal = (patch: Partial<ModelConfig>): string => {
  try {
    validateConfig({ ...DEFAULT_CONFIG, ...patch });
  } catch (err) {
    expect(err).toBeInstanceOf(InputError);
    return (err as Error).message;
  }
  throw new Error('the config was accepted');
};

describe('validateConfig', () => {
  it('accepts the defaults, the e2e tiny model and every bound that is allowed', () => {
    expect(configProblems(DEFAULT_CONFIG)).toEqual([]);
    expect(configProblems({ ...DEFAULT_CONFIG, batchSize: 20, pac: 2, embeddingDim: 8, generatorDims: [16], discriminatorDims: [16], epochs: 3 })).toEqual([]);
    const edges: Partial<ModelConfig> = { generatorLr: 0.1, discriminatorLr: 0.000001, beta1: 0, dropout: 0.9, embeddingDim: 1024, pac: 64, batchSize: 100_000, tau: 10, gradientPenalty: 0, seed: 0xffff_ffff };
    expect(configProblems({ ...DEFAULT_CONFIG, ...edges, generatorDims: Array<number>(8).fill(4096) })).toEqual([]);
  });

  it('names the setting, its range and the value it got', () => {
    expect(refusal({ generatorLr: 1000 })).toBe('Generator learning rate must be between 0.000001 and 0.1 (got 1000).');
    expect(refusal({ discriminatorLr: -1 })).toBe('Discriminator learning rate must be between 0.000001 and 0.1 (got -1).');
    expect(refusal({ dropout: 1 })).toBe('Discriminator dropout must be between 0 and 0.9 (got 1).');
    expect(refusal({ embeddingDim: 0 })).toBe('Noise dimension must be a whole number between 1 and 1,024 (got 0).');
    expect(refusal({ pac: 0 })).toBe('Pack size (PacGAN) must be a whole number between 1 and 64 (got 0).');
    expect(refusal({ beta2: 1 })).toBe('Adam beta 2 must be at least 0 and below 1 (got 1).');
    expect(refusal({ tau: 0 })).toBe('Gumbel-softmax temperature must be above 0 and at most 10 (got 0).');
    expect(refusal({ epochs: 2.5 })).toBe('Epochs must be a whole number between 1 and 100,000 (got 2.5).');
    expect(refusal({ seed: NaN })).toBe('Seed must be a whole number between 0 and 4,294,967,295 (got no number).');
  });

  it('refuses a pack larger than the batch', () => {
    expect(refusal({ pac: 50, batchSize: 40 })).toBe('Pack size (PacGAN) must be at most the batch size (pack 50, batch 40).');
  });

  it('refuses layer lists that are empty, too long or too wide', () => {
    expect(refusal({ generatorDims: [] })).toBe('Generator layers must be 1 to 8 widths, each a whole number from 1 to 4,096 (got none).');
    expect(refusal({ discriminatorDims: [256, 99_999] })).toMatch(/^Discriminator layers must be .* \(got 256, 99999\)\.$/);
    expect(refusal({ generatorDims: Array<number>(9).fill(16) })).toMatch(/^Generator layers must be 1 to 8 widths/);
  });

  it('lists every problem in one message, and leaves epochs "auto" alone', () => {
    const message = refusal({ generatorLr: 1000, dropout: 1, epochs: 'auto' });
    expect(message).toBe('Generator learning rate must be between 0.000001 and 0.1 (got 1000). Discriminator dropout must be between 0 and 0.9 (got 1).');
  });
});

describe('settingProblem', () => {
  it('checks one field against the settings it must agree with', () => {
    expect(settingProblem('pac', 10, DEFAULT_CONFIG)).toBeNull();
    expect(settingProblem('pac', 10, { ...DEFAULT_CONFIG, batchSize: 8 })).toMatch(/at most the batch size/);
    expect(settingProblem('batchSize', 10, { ...DEFAULT_CONFIG, pac: 20 })).toMatch(/at most the batch size \(pack 20, batch 10\)/);
    expect(settingProblem('batchSize', 5, DEFAULT_CONFIG)).toMatch(/^Batch size must be a whole number between 10 and 100,000/);
  });

  it('describes each range in words for the help beside its field', () => {
    expect(describeRange(SETTING_RANGES.generatorLr)).toBe('0.000001 to 0.1');
    expect(describeRange(SETTING_RANGES.pac)).toBe('Whole number, 1 to 64');
    expect(describeRange(SETTING_RANGES.beta1)).toBe('0 to under 1');
    expect(describeRange(SETTING_RANGES.tau)).toBe('Over 0, up to 10');
  });
});
