import { describe, expect, it } from 'vitest';
import { inferSchema } from '../data/schema';
import { tableFromColumns } from '../data/table';
import { columnShapes } from './fidelity';
import { missingShare, reportColumns } from './reportColumns';

describe('reportColumns', () => {
  it('gives each column its missing shares and both distributions over the real values', () => {
    const real = tableFromColumns(['city'], [['Oslo', null, 'Lima', 'Oslo']]);
    const synth = tableFromColumns(['city'], [[null, null, 'Oslo', 'Pune']]);
    const schema = inferSchema(real).map((c) => ({ ...c, kind: 'categorical' as const }));
    const [city] = reportColumns(real, synth, schema, columnShapes(real, synth, schema).columns);
    expect(city.missing).toEqual({ real: 0.25, synthetic: 0.5 });
    // Real shares: Oslo 2/4, then the missing cell and Lima 1/4 each; Pune is not a real value.
    expect(city.distribution.labels).toEqual(['Oslo', '(missing)', 'Lima']);
    expect(city.distribution.real).toEqual([0.5, 0.25, 0.25]);
    expect(city.distribution.synth).toEqual([0.25, 0.5, 0]);
    // TVD: |0.5 − 0.25| + |0.25 − 0.5| + |0.25 − 0| + |0 − 0.25| = 1, halved.
    expect(city).toMatchObject({ metric: 'TVD', score: 0.5, flag: 'bad' });
    expect(missingShare([])).toBe(0);
  });
});
