import * as tf from '@tensorflow/tfjs';
import { beforeAll, describe, expect, it } from 'vitest';
import { installKernels } from '../backend/kernels';
import { tableFromColumns, type Table } from '../data/table';
import { DEFAULT_CONFIG, type ModelConfig } from '../model/config';
import { Session } from './session';

const tiny: ModelConfig = { ...DEFAULT_CONFIG, embeddingDim: 8, generatorDims: [16], discriminatorDims: [16], batchSize: 20, pac: 2, seed: 5, epochs: 2 };

// Visits whose end never comes before their start, in two cities.
function visits(rows: number): Table {
  const cols: string[][] = [[], [], [], []];
  for (let i = 0; i < rows; i++) {
    const start = (i * 7) % 30;
    cols[0].push(['Oslo', 'Lima'][i % 2]);
    cols[1].push(String(start));
    cols[2].push(String(start + 1 + (i % 5)));
    cols[3].push(i % 3 ? 'yes' : 'no');
  }
  return tableFromColumns(['city', 'start', 'end', 'paid'], cols);
}

function text(parts: (string | ArrayBuffer | Uint8Array)[]): string {
  return parts.map((p) => (typeof p === 'string' ? p : new TextDecoder().decode(p))).join('');
}

describe('Session: the one pipeline from seed to files', () => {
  beforeAll(async () => {
    await tf.setBackend('cpu');
    installKernels();
  });

  it('finds the seed rules, keeps the user changes and refuses a rule the seed breaks', () => {
    const s = Session.fromTable('visits.csv', visits(60));
    expect(s.rules.map((r) => r.text)).toContain('end ≥ start');
    s.changeRules({ type: 'keepRule', text: 'end ≥ start', keep: false });
    expect(s.keptRules().some((r) => r.kind === 'order')).toBe(false);
    // Excluding a column finds the rules again, but the unticked one stays unticked.
    s.setColumn('paid', { include: false });
    expect(s.rules.find((r) => r.text === 'end ≥ start')?.keep).toBe(false);
    expect(() => s.changeRules({ type: 'addRule', rule: { kind: 'order', low: 'end', high: 'start' } })).toThrow(/start/);
    expect(s.columns().find((c) => c.name === 'paid')?.include).toBe(false);
  });

  it('trains, reports, generates rows that keep the rules, and exports them; a saved bundle generates on from them', async () => {
    const s = Session.fromTable('visits.csv', visits(80));
    const plan = s.prepare(tiny);
    expect(plan).toMatchObject({ epochs: 2, trainingRows: 80, validationRows: 0 });
    const views: number[] = [];
    const outcome = await s.train({ fromStart: true, onEpoch: (v) => views.push(v.epoch) });
    expect(outcome).toMatchObject({ stopped: false, converged: false, epochs: 2 });
    // Short epochs are judged every few; the untrained generator and the last epoch always.
    expect([views[0], views.at(-1)]).toEqual([0, 2]);
    const report = await s.buildReport();
    expect(report.rows.synthetic).toBe(80);
    expect(report.rules).toEqual([expect.objectContaining({ rule: 'end ≥ start', breaks: 0 })]);
    // Too few rows to judge: the report stays the model's; then it judges the first rows generated.
    await s.generate(50);
    expect(await s.reportOnGenerated()).toBeNull();
    await s.generate(120);
    const judged = await s.reportOnGenerated();
    expect(judged?.rows.synthetic).toBe(80);
    expect(judged?.rows.note).toMatch(/^These are the first 80 of the 120 rows you generated\./);
    const done = await s.generate(50);
    expect(done.preview.rows).toHaveLength(20);
    const csv = text(s.exportRows('csv').parts).trim().split('\n');
    expect(csv).toHaveLength(51);
    for (const line of csv.slice(1)) {
      const [, start, end] = line.split(',');
      expect(Number(end)).toBeGreaterThanOrEqual(Number(start));
    }
    const file = await s.saveModel();
    expect(file.name).toBe('visits.mitosis.zip');
    const loaded = Session.fromBundle(file.name, file.bytes);
    expect(loaded.loadedFrom).toMatchObject({ name: 'visits.mitosis.zip', source: 'visits.csv', sourceRows: 80, epochs: 2, seed: 5 });
    await loaded.generate(50);
    // A loaded model goes on from the saved run's rows ("generate more" gives new ones), the same way each time it is loaded.
    const more = text(loaded.exportRows('csv').parts);
    expect(more).not.toBe(csv.join('\n') + '\n');
    const again = Session.fromBundle(file.name, file.bytes);
    await again.generate(50);
    expect(text(again.exportRows('csv').parts)).toBe(more);
    again.dispose();
    expect(() => loaded.setColumn('city', { include: false })).toThrow(/without its seed data/);
    s.dispose();
    loaded.dispose();
  });

  it('numbers IDs on from the last call, so two calls share no ID and no run of rows', async () => {
    const seed = visits(60);
    const s = Session.fromTable('visits.csv', tableFromColumns(['visit', ...seed.names], [seed.columns[0].map((_, i) => `V-${100 + i}`), ...seed.columns]));
    s.prepare(tiny);
    await s.train();
    const batch = async () => {
      await s.generate(40);
      return text(s.exportRows('csv').parts).trim().split('\n').slice(1);
    };
    const [first, second] = [await batch(), await batch()];
    const ids = (lines: string[]) => lines.map((l) => l.split(',')[0]);
    expect([ids(first)[0], ids(first).at(-1), ids(second)[0], ids(second).at(-1)]).toEqual(['V-160', 'V-199', 'V-200', 'V-239']);
    const rest = (lines: string[]) => lines.map((l) => l.slice(l.indexOf(',') + 1)).join('\n');
    expect(rest(second)).not.toBe(rest(first));
    s.dispose();
  });

  it('keeps the trained model when new settings are refused, and streams rows it does not keep', async () => {
    const s = Session.fromTable('visits.csv', visits(40));
    s.prepare({ ...tiny, epochs: 1 });
    await s.train();
    expect(() => s.prepare({ ...tiny, batchSize: -1 })).toThrow();
    expect(s.model?.epochs).toBe(1);
    let streamed = 0;
    await s.generate(30, { keep: false, onChunk: (chunk) => (streamed += chunk.rowCount) });
    expect(streamed).toBe(30);
    expect(() => s.exportRows('csv')).toThrow(/Generate rows before/);
    await expect(s.generate(0)).rejects.toThrow(/whole number between 1 and/);
    s.dispose();
  });
});
