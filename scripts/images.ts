// `npm run bench:images [-- --set digits|emoji|all|none] [--seed S] [--epochs N] [--out FILE] [--live] [--seconds N] [--no-build]`
// Drives the image studio's session as the app does (default settings, tfjs WASM under Node,
// one thread): 2,000 drawn grey 32 × 32 digits in 10 labels, zipped as a user would upload
// them, and the app's emoji sample at the session's default choices. Times the judging
// classifier, each judged epoch and the whole run, takes the report's figures against the
// issue's targets, prints one table and writes bench/results/images.json (or FILE), with the
// machine's load. `--live` also measures the live grid in the built app in Chromium (imageLive.ts).
import * as tf from '@tensorflow/tfjs';
import { execFileSync } from 'node:child_process';
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { cpus, loadavg } from 'node:os';
import { dirname } from 'node:path';
import { parseArgs } from 'node:util';
import { decodeImageNode } from '../src/cli/decodeImage';
import { startNodeBackend } from '../src/core/backend/node';
import { kidScale, LABEL_SHARE_OK } from '../src/core/metrics/images/imageFigures';
import { ImageSession } from '../src/core/session/imageSession';
import { digitsZip, measureImageLive, type LiveResult } from './imageLive';

/** The budget for reaching the label-accuracy target, in seconds of training. */
const TARGET_SECONDS = 600;
const DIGITS = 2000;

interface EpochRow {
  epoch: number;
  /** Seconds since training began, at the end of this epoch's judging. */
  at: number;
  /** Seconds since the previous judged epoch (training and judging). */
  seconds: number;
  labelAccuracy: number | null;
  score: number | null;
  kept: number;
  /** The machine's 1-minute load average at this epoch's end (this run counts about 1 of it). */
  load: number;
}

interface SetResult {
  set: string;
  images: number;
  labels: number;
  choices: { size: number; channels: number; fit: string };
  plan: { epochs: number; stepsPerEpoch: number; batch: number; trainingImages: number; heldOut: number };
  seconds: { classifier: number; prepare: number; training: number; report: number };
  msPerStep: number;
  epochs: EpochRow[];
  recoveries: { cause: string; epoch: number; at: number }[];
  outcome: { epochs: number; converged: boolean };
  /** The first judged epoch whose live label accuracy reached 0.85 of real held-out accuracy. */
  reachedTarget: { epoch: number; at: number } | null;
  report: {
    realAccuracy: number | null;
    syntheticAccuracy: number | null;
    accuracyRatio: number | null;
    kid: { synthetic: number; syntheticStd: number; floor: number; floorStd: number; ratio: number } | null;
    diversity: number | null;
    memorisation: { pixels: { synthetic: number; heldOut: number }; features: { synthetic: number; heldOut: number } } | null;
    verdicts: string[];
    serious: string[];
  };
  targets: { labelAccuracy: boolean; kid: boolean; memorisation: boolean };
  /** 1-minute load averages: before, the mean and highest over the judged epochs, after. */
  load: { before: number[]; mean: number; max: number; after: number[] };
}

const { values } = parseArgs({
  options: {
    set: { type: 'string', default: 'all' },
    seed: { type: 'string', default: '1' },
    epochs: { type: 'string' },
    out: { type: 'string', default: 'bench/results/images.json' },
    live: { type: 'boolean', default: false },
    seconds: { type: 'string', default: '60' },
    'no-build': { type: 'boolean', default: false },
  },
});

async function runSet(set: string, zip: Uint8Array, name: string, seed: number, epochs: number | 'auto'): Promise<SetResult> {
  const before = loadavg();
  const session = await ImageSession.open(name, { zip, name }, decodeImageNode, undefined, seed);
  try {
    const view = session.view();
    const plan = await session.prepare(epochs);
    log(`${set}: ${view.count} images, ${view.labels.length} labels, ${view.choices.size} px ${view.choices.channels === 1 ? 'grey' : 'colour'}; classifier etc. ${plan.preprocessSeconds.toFixed(1)} s; ${plan.epochs} epochs × ${plan.stepsPerEpoch} steps (batch ${plan.batch})`);
    const rows: EpochRow[] = [];
    const recoveries: SetResult['recoveries'] = [];
    let stepsPerSecond = 0;
    const t0 = performance.now();
    let last = t0;
    const outcome = await session.train({
      readEvery: 10,
      onProgress: (p) => (stepsPerSecond = p.stepsPerSecond),
      onEpoch: (v) => {
        const now = performance.now();
        const row = { epoch: v.epoch, at: (now - t0) / 1000, seconds: (now - last) / 1000, labelAccuracy: v.labelAccuracy, score: v.score, kept: v.best.epoch, load: loadavg()[0] };
        last = now;
        rows.push(row);
        log(`  epoch ${row.epoch} at ${row.at.toFixed(0)} s (+${row.seconds.toFixed(1)} s): label accuracy ${fmt(row.labelAccuracy)}, score ${fmt(row.score)}, kept ${row.kept}, load ${row.load.toFixed(2)}`);
      },
      onRecover: (r) => {
        recoveries.push({ cause: r.cause, epoch: r.epoch, at: (performance.now() - t0) / 1000 });
        log(`  recovered at epoch ${r.epoch} (${r.cause}); rates ${r.generatorLr} / ${r.discriminatorLr}`);
      },
    });
    const training = (performance.now() - t0) / 1000;
    const r0 = performance.now();
    const { report } = await session.buildReport();
    const reportSeconds = (performance.now() - r0) / 1000;
    const real = report.classifier.heldOutAccuracy;
    const synth = accuracyOf(report);
    const ratio = report.figures.find((f) => f.key === 'labelAccuracy')?.value ?? null;
    const kid = report.kid && {
      synthetic: report.kid.synthetic.mean,
      syntheticStd: report.kid.synthetic.std,
      floor: report.kid.realFloor.mean,
      floorStd: report.kid.realFloor.std,
      ratio: Math.max(0, report.kid.synthetic.mean) / kidScale(report.kid.realFloor),
    };
    const m = report.memorisation;
    const memorisation = m && {
      pixels: { synthetic: m.pixels.syntheticRate, heldOut: m.pixels.heldOutRate },
      features: { synthetic: m.features.syntheticRate, heldOut: m.features.heldOutRate },
    };
    const reached = real === null ? undefined : rows.find((r) => r.labelAccuracy !== null && r.labelAccuracy >= LABEL_SHARE_OK * real);
    const loads = rows.map((r) => r.load);
    const { size, channels, fit } = view.choices;
    return {
      set,
      images: view.count,
      labels: view.labels.length,
      choices: { size, channels, fit },
      plan: { epochs: plan.epochs, stepsPerEpoch: plan.stepsPerEpoch, batch: plan.batch, trainingImages: plan.trainingRows, heldOut: plan.validationRows },
      seconds: { classifier: report.classifier.trainSeconds, prepare: plan.preprocessSeconds, training, report: reportSeconds },
      msPerStep: stepsPerSecond > 0 ? 1000 / stepsPerSecond : 0,
      epochs: rows,
      recoveries,
      outcome: { epochs: outcome.epochs, converged: outcome.converged },
      reachedTarget: reached ? { epoch: reached.epoch, at: reached.at } : null,
      report: {
        realAccuracy: real,
        syntheticAccuracy: synth,
        accuracyRatio: ratio,
        kid,
        diversity: report.diversity?.ratio ?? null,
        memorisation,
        verdicts: report.verdicts,
        serious: report.serious,
      },
      targets: {
        // The report's images come from the kept generator after the whole run; the run must also fit the budget.
        labelAccuracy: ratio !== null && ratio >= LABEL_SHARE_OK && (reached?.at ?? Infinity) <= TARGET_SECONDS,
        kid: kid !== null && kid.ratio <= 2,
        memorisation: m !== null && m.pixels.syntheticRate <= m.pixels.heldOutRate && m.features.syntheticRate <= m.features.heldOutRate,
      },
      load: { before, mean: loads.reduce((a, b) => a + b, 0) / loads.length, max: Math.max(...loads), after: loadavg() },
    };
  } finally {
    session.dispose();
  }
}

/** Generated images' overall label accuracy, from the per-label figures weighted by images generated. */
function accuracyOf(report: Awaited<ReturnType<ImageSession['buildReport']>>['report']): number | null {
  let hit = 0;
  let n = 0;
  for (const l of report.labels) {
    if (l.synthetic === null) continue;
    hit += l.synthetic * l.generated;
    n += l.generated;
  }
  return n ? hit / n : null;
}

const fmt = (x: number | null | undefined, d = 3) => (x === null || x === undefined ? '–' : x.toFixed(d));
const pct = (x: number) => `${(100 * x).toFixed(1)} %`;
const log = (line: string) => console.error(line);

function print(results: SetResult[]): void {
  const header = ['set', 'images', 'px', 'classifier s', 'ms/step', 'epochs', 'train s', '≥0.85× at', 'label acc synth / real (×)', 'KID synth / floor (×)', 'diversity', 'close px synth / held', 'close feat synth / held', 'roll-backs'];
  const rows = results.map((r) => {
    const { report: p } = r;
    return [
      r.set,
      String(r.images),
      `${r.choices.size}${r.choices.channels === 1 ? ' grey' : ' colour'}`,
      r.seconds.classifier.toFixed(0),
      r.msPerStep.toFixed(0),
      `${r.outcome.epochs}/${r.plan.epochs}${r.outcome.converged ? ' (early)' : ''}`,
      r.seconds.training.toFixed(0),
      r.reachedTarget ? `ep ${r.reachedTarget.epoch}, ${r.reachedTarget.at.toFixed(0)} s` : 'never',
      `${fmt(p.syntheticAccuracy)} / ${fmt(p.realAccuracy)} (${fmt(p.accuracyRatio, 2)})`,
      p.kid ? `${p.kid.synthetic.toFixed(4)} / ${p.kid.floor.toFixed(4)} (${p.kid.ratio.toFixed(2)})` : '–',
      fmt(p.diversity, 2),
      p.memorisation ? `${pct(p.memorisation.pixels.synthetic)} / ${pct(p.memorisation.pixels.heldOut)}` : '–',
      p.memorisation ? `${pct(p.memorisation.features.synthetic)} / ${pct(p.memorisation.features.heldOut)}` : '–',
      String(r.recoveries.length),
    ];
  });
  const widths = header.map((h, c) => Math.max(h.length, ...rows.map((row) => row[c].length)));
  const line = (cells: string[]) => `| ${cells.map((c, i) => c.padEnd(widths[i])).join(' | ')} |`;
  console.log([line(header), line(widths.map((w) => '-'.repeat(w))), ...rows.map(line)].join('\n'));
}

async function main(): Promise<void> {
  const seed = Number(values.seed);
  const epochs = values.epochs === undefined ? 'auto' : Number(values.epochs);
  const sets = values.set === 'all' ? ['digits', 'emoji'] : values.set === 'none' ? [] : values.set!.split(',');
  const load = { start: loadavg() };
  // The code this run loaded (dirty: with uncommitted changes).
  const commit = execFileSync('git', ['describe', '--always', '--dirty']).toString().trim();
  const backend = await startNodeBackend('wasm');
  const results: SetResult[] = [];
  for (const set of sets) {
    if (set === 'digits') results.push(await runSet(set, digitsZip(DIGITS, 32, seed), 'digits.zip', seed, epochs));
    else if (set === 'emoji') results.push(await runSet(set, readFileSync('public/samples/emoji.zip'), 'emoji.zip', seed, epochs));
    else throw new Error(`--set takes digits, emoji, all or none, not "${set}"`);
  }
  if (results.length) print(results);
  const machine = { cpu: cpus()[0]?.model, cores: cpus().length, node: process.version, backend, tensorsLeft: tf.memory().numTensors };
  const write = (live: LiveResult | { error: string } | null) => {
    mkdirSync(dirname(values.out!), { recursive: true });
    const record = { date: new Date().toISOString(), commit, machine, load: { ...load, end: loadavg() }, seed, epochs, results, live };
    writeFileSync(values.out!, `${JSON.stringify(record, null, 2)}\n`);
    log(`wrote ${values.out}`);
  };
  // Written before the browser starts, so a failure there loses no training figures.
  write(null);
  if (!values.live) return;
  try {
    const live = await measureImageLive({ seconds: Number(values.seconds), build: !values['no-build'], seed });
    console.log(`live grid: ${live.gridChangesPerSecond.toFixed(2)} changes/s over ${live.seconds.toFixed(0)} s; ${live.longTasks.training} long tasks while training (${live.longTasks.total} from Train on)`);
    write(live);
  } catch (err) {
    write({ error: (err as Error).message });
    throw err;
  }
}

main().catch((err: unknown) => {
  console.error(err);
  process.exit(1);
});
