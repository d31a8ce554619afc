import type { BenchResult } from '../src/bench/benchmark';

const f = (x: number | null | undefined, digits = 2) => (x === null || x === undefined ? '–' : x.toFixed(digits));

/** One row per backend: the figures of the CTGAN comparison table. */
export function printTable(results: (BenchResult & { longTasks: number | null })[]): void {
  const rows = results.map((r) => [
    r.backend,
    r.adapter,
    f(r.preprocessSeconds),
    f(r.secondsPerEpoch),
    `${r.epochs}`,
    r.timeToQuality === null ? 'not reached' : f(r.timeToQuality, 1),
    Math.round(r.generationRowsPerSecond).toLocaleString('en-US'),
    `${r.peakTensors}`,
    r.gpuWork ? `${f(r.gpuWork.perStep.dispatches, 0)} / ${f(r.gpuWork.perStep.allocations, 0)} / ${f(r.gpuWork.perBatch.dispatches, 0)}` : '–',
    r.longTasks === null ? '–' : `${r.longTasks}`,
    f(r.quality.columnShapes, 3),
    f(r.quality.pairTrends, 3),
    r.quality.efficacy ? `${f(r.quality.efficacy.synthF1, 3)} / ${f(r.quality.efficacy.realF1, 3)} (${f(r.quality.efficacy.ratio)}×)` : '–',
    r.quality.efficacy ? `${f(r.quality.efficacy.synthAuc, 3)} / ${f(r.quality.efficacy.realAuc, 3)}` : '–',
    `${Math.round(r.quality.exactCopies * r.rows.train)}`,
    `${f(r.quality.dcr.synthetic, 3)} / ${f(r.quality.dcr.holdout, 3)}`,
  ]);
  const header = ['backend', 'adapter', 'prep s', 's/epoch', 'epochs', 'time to 0.86 s', 'gen rows/s', 'peak tensors', 'dispatches a step / buffers a step / dispatches a batch', 'long tasks', 'shapes', 'pairs', 'TSTR F1 synth / real', 'TSTR AUC synth / real', 'copies', 'DCR synth / holdout'];
  const widths = header.map((h, c) => Math.max(h.length, ...rows.map((r) => r[c].length)));
  const line = (cells: string[]) => `| ${cells.map((c, i) => c.padEnd(widths[i])).join(' | ')} |`;
  console.log([line(header), line(widths.map((w) => '-'.repeat(w))), ...rows.map(line)].join('\n'));
}
