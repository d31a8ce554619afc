import { describe, expect, it } from 'vitest';
import { DEFAULT_CONFIG } from '../core/model/config';
import { PRIOR_PROBE_MS, tablePlan } from './estimate';
import { speedKey } from './reduce';

describe('the time estimate before Train', () => {
  const plan = (speed: Record<string, number>, probeMs: Record<string, number>, backend = 'wasm') => tablePlan(DEFAULT_CONFIG, 1000, speed, probeMs, backend);
  const prior = plan({}, {}).estimate;

  it("scales the prior by the square root of this machine's probe step against the prior's, within bounds", () => {
    const reference = PRIOR_PROBE_MS.wasm;
    expect(reference).toBeGreaterThan(0);
    expect(plan({}, { wasm: 2.25 * reference }).estimate).toBeCloseTo(1.5 * prior, 6);
    expect(plan({}, { wasm: 1.5 * reference }).basis).toMatch(/probe step timed here/);
    // A probe disturbed by other work moves the estimate at most threefold; a quick machine's, to a fifth.
    expect(plan({}, { wasm: 20 * reference }).estimate).toBeCloseTo(3 * prior, 6);
    expect(plan({}, { wasm: 0.01 * reference }).estimate).toBeCloseTo(0.2 * prior, 6);
    // Another backend's probe says nothing of this one.
    expect(plan({}, { webgl: 1.5 * reference }).estimate).toBeCloseTo(prior, 6);
  });

  it("reads the prior sitting's own runs back at its probe (drop to done, docs/benchmarks.md)", () => {
    const at = (rows: number) => tablePlan(DEFAULT_CONFIG, rows, {}, { wasm: PRIOR_PROBE_MS.wasm }, 'wasm').estimate;
    expect(at(1000) / 51.2).toBeCloseTo(1, 1);
    expect(at(32_561) / 355.8).toBeCloseTo(1, 1);
  });

  it('uses the steps timed on this page once a run has been', () => {
    const { steps } = plan({}, {});
    const batch = 85;
    const timed = plan({ [speedKey('wasm', batch)]: 0.05 }, { wasm: 3 * PRIOR_PROBE_MS.wasm });
    expect(timed.basis).toMatch(/timed on this page/);
    expect(timed.estimate).toBeCloseTo(steps * 0.05, 6);
  });
});
