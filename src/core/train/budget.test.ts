import { describe, expect, it } from 'vitest';
import { DEFAULT_CONFIG } from '../model/config';
import { MIN_REFINE_ROWS } from '../model/config';
import { defaultSteps, patienceSteps, plannedEpochs, refineSteps, stepCost, validationRows } from './budget';

describe('the default training length', () => {
  it('gives a small table more steps per row and caps a large one', () => {
    expect(defaultSteps(40, 50)).toBe(1600);
    expect(defaultSteps(1000, 85)).toBe(1600);
    expect(defaultSteps(1500, 127)).toBe(2400);
    expect(defaultSteps(32_561, 500)).toBe(2900);
  });

  it('caps the work rather than the steps, so a smaller batch buys more of them', () => {
    expect(defaultSteps(32_561, 250)).toBe(4715);
    expect(defaultSteps(32_561, 250) * stepCost(250)).toBeCloseTo(defaultSteps(32_561, 500) * stepCost(500), -1);
    expect(stepCost(500)).toBe(1);
  });

  it('holds back 15 % of a table of 500 rows or more, at most 2,000 rows', () => {
    expect(validationRows(499)).toBe(0);
    expect(validationRows(1000)).toBe(150);
    expect(validationRows(32_561)).toBe(2000);
  });

  it('turns steps into epochs at the batch the table trains on, and keeps a number the user typed', () => {
    // 400 rows: a batch of 50, 8 steps an epoch, 1,600 steps.
    expect(plannedEpochs(DEFAULT_CONFIG, 400)).toBe(200);
    // Adult: 30,561 training rows at a batch of 250 is 122 steps an epoch.
    expect(plannedEpochs(DEFAULT_CONFIG, 32_561)).toBe(39);
    expect(plannedEpochs({ ...DEFAULT_CONFIG, epochs: 7 }, 32_561)).toBe(7);
  });

  it('waits a quarter of the run, and at least 600 steps, before stopping early', () => {
    expect(patienceSteps(4000)).toBe(1000);
    expect(patienceSteps(1000)).toBe(600);
  });

  it('counts refining the rows in the wait only where it runs', () => {
    expect(refineSteps(DEFAULT_CONFIG, MIN_REFINE_ROWS)).toBeGreaterThan(0);
    expect(refineSteps(DEFAULT_CONFIG, MIN_REFINE_ROWS - 1)).toBe(0);
    expect(refineSteps({ ...DEFAULT_CONFIG, refineRows: false }, 30_000)).toBe(0);
  });
});
