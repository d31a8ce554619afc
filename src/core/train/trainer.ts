import * as tf from '@tensorflow/tfjs';
import { capabilitiesOf } from '../backend/capabilities';
import { requireKernels } from '../backend/kernels';
import { effectiveBatch, effectivePac, MIN_REFINE_ROWS, type ModelConfig } from '../model/config';
import { Discriminator } from '../model/discriminator';
import { FlatAdam } from '../model/flatAdam';
import { updateAverages } from '../model/fusedUpdates';
import { runsWgsl } from '../backend/wgsl';
import { deviceNormals } from '../model/deviceNormals';
import { Generator } from '../model/generator';
import { tableRows, type NormStats } from '../model/layers';
import { Refiner, type RefinerState } from '../model/refiner';
import { SpanOps } from '../model/spans';
import type { Layout } from '../transform/transformer';
import { Rng, type RngState } from '../util/rng';
import { Scratch } from '../util/scratch';
import { ConditionSampler, type FixedCondition, type SamplerState } from './condition';
import { applyScalarMaps, checkScalarMaps, fitScalarMaps, seedKnots, type ScalarMap, type SeedKnots } from './scalarMap';
import type { NamedValues, Steppable, StepLosses } from './loop';

const MAX_DEVICE_DRAW_WIDTH = 4096;
/** Rows whose batch-norm statistics rows generated under one fixed condition use: a mean to about 2 % of a unit's spread. */
const FREE_NORM_ROWS = 2048;
/**
 * Rows drawn per round of `calibrate`: ten per seed row, from 4,000 to 20,000 (a share of 10 %
 * reads within ±0.4 points at 20,000 rows; the seed's own share is no surer than its rows allow).
 */
const CALIBRATION_ROWS = { perSeedRow: 10, min: 4_000, max: 20_000 };
/**
 * Rounds of `calibrate`: two, or three with a refiner (a round's shares then answer a shift
 * less directly: it keeps rows by their values); more, up to `max`, while some share is still
 * off by more than `tolerance` beyond `noise` standard errors of the round's draw.
 */
const CALIBRATION_ROUNDS = { plain: 2, refined: 3, max: 6, tolerance: 0.005, noise: 3 };
/**
 * How far a logit moves for its error: the inverse of how far its share answered the last
 * move (a secant), within `least` to `most`; where that reads nothing (a move below
 * `smallest`, within a share's noise, or a share that moved the wrong way) the last step,
 * times `same` while the share stays on one side and `cross` when it crosses. Shares answer
 * shifts less than one for one where the generator's logits are peaked, through the refiner,
 * and through rules; more where shifts interact.
 */
const STEP = { same: 1.25, cross: 0.5, least: 0.125, most: 4, smallest: 0.25 };
/**
 * Calibration by category: rows per category and round (a share of 10 % reads within about ±2
 * points at 200, ±1.3 at 500), and the seed rows' weight of the overall share a category's
 * own is shrunk toward.
 */
const SLOT_CALIBRATION = { rounds: 2, perSlot: { min: 200, max: 500 }, shrinkRows: 10 };
const SLOT_CALIBRATION_NAME = 'calibration/slots';
/** A logit moves by at most this much (a share by at most e³ ≈ 20 times): a category the model all but never draws stays rare rather than flooding. */
const MAX_CALIBRATION = 3;
/** Added to a draw's seed for the rows drawn again with a category fixed (see `anchorRows`). */
const ANCHOR_SEED = 0x3c6ef372;

export type { NamedValues, StepLosses } from './loop';

/** A trainer's plain state; its tensors travel beside it as `NamedValues`. */
export interface TrainerState {
  batch: number;
  stepsPerEpoch: number;
  pac: number;
  rng: RngState;
  criticSteps: number;
  generatorSteps: number;
  sampler: SamplerState;
  /** Adam step counts; the moments are the tensors `optimiser/{generator,discriminator}/{m,v}`. */
  optimiserSteps: { generator: number; discriminator: number };
  /** Whether `kept/…` (the kept generator) and `average/…` (the averaged one) tensors are saved. */
  kept: boolean;
  average: boolean;
  /** Per encoded column, added to the generator's logits when generating (see `calibrate`); absent in models saved before it. */
  calibration?: number[] | null;
  /** Whether the `calibration/slots` tensor is saved: added when generating with a category fixed (see `calibrateSlots`); absent in models saved before it. */
  slotCalibration?: boolean;
  /** Per number column, how generated scalars map onto the seed's within each mode (see `calibrate`). */
  scalarMaps?: ScalarMap[] | null;
  /** The refiner's state; its weights are the tensors `refiner/…`. Null or absent: every generated row is kept. */
  refiner?: RefinerState | null;
  /** Category slots whose free rows are drawn again fixed to them (see `setAnchored`); absent in models saved before it. */
  anchored?: number[];
}

/** What `new CtganTrainer(…, saved)` restores from: the state and its tensors by name. */
export interface SavedTrainer {
  state: TrainerState;
  tensors: Map<string, Float32Array>;
}

/**
 * A conditional WGAN-GP with PacGAN critic over encoded rows (CTGAN). Owns the encoded
 * data on the device ([rows, width]), both networks and both optimizers. Needs the kernel
 * patches of `installKernels` (core/backend), which whoever starts the backend installs.
 */
export class CtganTrainer implements Steppable<TrainerState> {
  readonly batch: number;
  /** Rows the critic judges together: the configured pack, or 1 on a small table (see effectivePac). */
  readonly pac: number;
  readonly stepsPerEpoch: number;
  readonly sampler: ConditionSampler;
  /** Null in a trainer restored from a saved model: the seed's rows are not saved with it. */
  private readonly data: tf.Tensor2D | null;
  private readonly generator: Generator;
  private readonly discriminator: Discriminator;
  private readonly optG: FlatAdam;
  private readonly optD: FlatAdam;
  private readonly rng: Rng;
  private readonly spans: SpanOps;
  private criticSteps = 0;
  /** Generator weights kept for generation (the best epoch so far); null means the current ones. */
  private kept: tf.Tensor[] | null = null;
  /** Moving average of the generator's weights (Polyak averaging), or null when off. */
  private readonly average: tf.Variable[] | null;
  private generatorSteps = 0;
  private readonly scratch = new Scratch();
  /** Each encoded column's mean over the seed's rows: the share of its category or mode, for one-hot columns. Null with no rows. */
  private seedShares: Float64Array | null;
  private readonly seedRows: number;
  /** Added to the generator's logits when generating; null before `calibrate` (and while training). */
  private calibration: { values: Float32Array; tensor: tf.Tensor2D } | null = null;
  /** Added to the generator's logits by each row's condition slot, [condWidth, width]; null before `calibrate` (and while training). */
  private slotCalibration: { values: Float32Array; tensor: tf.Tensor2D } | null = null;
  /** Applied to generated rows on the host; null before `calibrate` (and while training). */
  private scalarMaps: ScalarMap[] | null = null;
  /** Slots whose free rows are drawn again fixed to them (see `setAnchored`). */
  private anchored: number[] = [];
  private seedKnots: SeedKnots[] | null;
  /** Thins generated rows toward the seed's (see Refiner); null before `refine` (and while training). */
  private refiner: { net: Refiner; state: RefinerState } | null = null;
  /**
   * Generated rows as the seed's rows are encoded (see TableTransformer.canonical): what the
   * refiner is trained on and scores. Set by whoever owns the transform; the rows as they are otherwise.
   */
  canonical: (rows: Float32Array, count: number, rng: Rng) => Float32Array = (rows) => rows;
  /**
   * Which generated rows generation writes (1) rather than drops for breaking a rule (0): the
   * rows whose category shares `calibrate` matches. Set by whoever owns the transform; every row otherwise.
   */
  written: (rows: Float32Array, count: number, rng: Rng, encoded: boolean) => { kept: Uint8Array; rows: Float32Array | null } | null = () => null;
  /**
   * Slots whose share `calibrate` reads in the rows as written (see TableTransformer.redrawnPoints),
   * not as drawn: a count's 4s out of range for their category, drawn again mostly as 1s,
   * left 1 in 47.8 % of written rows where the generator drew it in 46.1 %.
   */
  redrawn: readonly number[] = [];

  /**
   * Over `encoded` rows [rows, layout.width]; or, given `saved`, as the trainer it was saved
   * from: it generates the same rows, and trains on as it would have when given the same
   * encoded rows (a resumed run); with no rows (a bundle) it cannot train.
   */
  constructor(encoded: Float32Array, rows: number, private readonly layout: Layout, private readonly config: ModelConfig, saved?: SavedTrainer) {
    requireKernels();
    this.rng = new Rng(config.seed);
    this.pac = saved?.state.pac ?? effectivePac(config, rows);
    this.batch = saved?.state.batch ?? effectiveBatch(config, rows);
    this.stepsPerEpoch = saved?.state.stepsPerEpoch ?? Math.max(1, Math.floor(rows / this.batch));
    const conditions = layout.conditions.filter((c) => c.kind === 'category' || config.conditionOnModes);
    this.sampler = rows > 0 ? new ConditionSampler(encoded, rows, layout.width, conditions) : new ConditionSampler(saved!.state.sampler);
    this.data = rows > 0 ? tf.tensor2d(encoded, [rows, layout.width]) : null;
    this.seedShares = rows > 0 ? columnMeans(encoded, rows, layout.width) : null;
    this.seedRows = rows;
    this.seedKnots = rows > 0 ? seedKnots(encoded, rows, layout) : null;
    const condWidth = this.sampler.width;
    this.generator = new Generator(config.embeddingDim, condWidth, config.generatorDims, layout.width, this.rng);
    this.discriminator = new Discriminator(layout.width, condWidth, config.discriminatorDims, this.pac, config.dropout, this.rng);
    this.spans = new SpanOps(layout, conditions);
    this.optG = new FlatAdam(this.generator.variables, config.generatorLr, config.beta1, config.beta2);
    this.optD = new FlatAdam(this.discriminator.variables, config.discriminatorLr, config.beta1, config.beta2);
    this.average = config.generatorAverage > 0 ? this.generator.variables.map((v) => tf.variable(v, false)) : null;
    if (saved) this.restore(saved);
  }

  /** Deterministic names of the generator's weights, in `variables` order (the same for the same config). */
  get generatorNames(): string[] {
    return this.generator.names;
  }

  get discriminatorNames(): string[] {
    return this.discriminator.names;
  }

  /**
   * Everything that resumes this trainer or generates as it does, read off the device: both
   * networks, the kept and averaged generators, both optimisers' moments. Call between steps.
   */
  async save(): Promise<{ state: TrainerState; tensors: NamedValues[] }> {
    const tensors: NamedValues[] = [];
    const add = async (name: string, t: tf.Tensor) => tensors.push({ name, shape: t.shape, values: (await t.data()) as Float32Array });
    const gNames = this.generator.names;
    const dNames = this.discriminator.names;
    for (const [i, v] of this.generator.variables.entries()) await add(gNames[i], v);
    for (const [i, v] of this.discriminator.variables.entries()) await add(dNames[i], v);
    for (const [i, v] of (this.average ?? []).entries()) await add(`average/${gNames[i]}`, v);
    for (const [i, v] of (this.kept ?? []).entries()) await add(`kept/${gNames[i]}`, v);
    if (this.slotCalibration) await add(SLOT_CALIBRATION_NAME, this.slotCalibration.tensor);
    const rNames = this.refiner?.net.names ?? [];
    for (const [i, v] of (this.refiner?.net.variables ?? []).entries()) await add(rNames[i], v);
    const [g, d] = await Promise.all([this.optG.save(), this.optD.save()]);
    for (const [name, values] of [['optimiser/generator/m', g.m], ['optimiser/generator/v', g.v], ['optimiser/discriminator/m', d.m], ['optimiser/discriminator/v', d.v]] as const) {
      tensors.push({ name, shape: [values.length], values });
    }
    const state: TrainerState = {
      batch: this.batch,
      stepsPerEpoch: this.stepsPerEpoch,
      pac: this.pac,
      rng: this.rng.save(),
      criticSteps: this.criticSteps,
      generatorSteps: this.generatorSteps,
      sampler: this.sampler.toState(),
      optimiserSteps: { generator: g.steps, discriminator: d.steps },
      kept: this.kept !== null,
      average: this.average !== null,
      calibration: this.calibration ? [...this.calibration.values] : null,
      slotCalibration: this.slotCalibration !== null,
      scalarMaps: this.scalarMaps,
      refiner: this.refiner?.state ?? null,
      anchored: [...this.anchored],
    };
    return { state, tensors };
  }

  /**
   * Puts this trainer back to what `save` read (an in-memory checkpoint, so training can go
   * on after it diverged). The learning rates are not part of it: a lowered rate stays.
   */
  rollBack(saved: { state: TrainerState; tensors: NamedValues[] }): void {
    tf.dispose(this.kept ?? []);
    this.kept = null;
    this.restore({ state: saved.state, tensors: new Map(saved.tensors.map((t) => [t.name, t.values])) });
  }

  /** Halves both optimisers' learning rates; returns the new ones. */
  halveLearningRates(): { generatorLr: number; discriminatorLr: number } {
    this.optG.setLearningRate(this.optG.rate / 2);
    this.optD.setLearningRate(this.optD.rate / 2);
    return { generatorLr: this.optG.rate, discriminatorLr: this.optD.rate };
  }

  private restore({ state, tensors }: SavedTrainer): void {
    const take = (name: string, shape: number[]) => {
      const values = tensors.get(name);
      const size = shape.reduce((a, b) => a * b, 1);
      if (!values || values.length !== size) throw new Error(`The saved model has no weights "${name}" of shape [${shape}]: it was saved by another version or with other settings.`);
      return values;
    };
    const load = (names: string[], into: tf.Variable[], prefix = '') => into.forEach((v, i) => v.assign(tf.tensor(take(prefix + names[i], v.shape), v.shape)));
    const gNames = this.generator.names;
    if (state.average !== (this.average !== null)) throw new Error('The saved model and its settings disagree on generator averaging.');
    tf.tidy(() => {
      load(gNames, this.generator.variables);
      load(this.discriminator.names, this.discriminator.variables);
      if (this.average) load(gNames, this.average, 'average/');
    });
    this.kept = state.kept ? this.generator.variables.map((v, i) => tf.tensor(take(`kept/${gNames[i]}`, v.shape), v.shape)) : null;
    const sizeOf = (net: { variables: tf.Variable[] }) => [net.variables.reduce((s, v) => s + v.size, 0)];
    const moments = (net: string, size: number[]) => ({ m: take(`optimiser/${net}/m`, size), v: take(`optimiser/${net}/v`, size) });
    this.optG.restore({ steps: state.optimiserSteps.generator, ...moments('generator', sizeOf(this.generator)) });
    this.optD.restore({ steps: state.optimiserSteps.discriminator, ...moments('discriminator', sizeOf(this.discriminator)) });
    this.rng.restore(state.rng);
    this.setCalibration(state.calibration ? Float32Array.from(state.calibration) : null);
    this.setSlotCalibration(state.slotCalibration ? take(SLOT_CALIBRATION_NAME, [this.sampler.width, this.layout.width]) : null);
    this.scalarMaps = state.scalarMaps ? checkScalarMaps(state.scalarMaps, this.layout.width) : null;
    this.setRefiner(null);
    if (state.refiner) {
      const net = new Refiner(this.layout.width, new Rng(0), this.config.discriminatorDims);
      tf.tidy(() => net.variables.forEach((v, i) => v.assign(tf.tensor(take(net.names[i], v.shape), v.shape))));
      this.setRefiner({ net, state: state.refiner });
    }
    this.setAnchored(state.anchored ?? []);
    this.criticSteps = state.criticSteps;
    this.generatorSteps = state.generatorSteps;
  }

  step(): StepLosses {
    if (!this.data) throw new Error('A model restored from a file cannot train yet: training needs the seed table, which a saved model does not hold.');
    let discriminator: tf.Scalar | null = null;
    let penalty: tf.Scalar | null = null;
    for (let k = 0; k < Math.max(1, this.config.discriminatorSteps); k++) {
      discriminator?.dispose();
      penalty?.dispose();
      [discriminator, penalty] = this.criticStep();
    }
    const generator = this.generatorStep();
    this.updateAverage();
    return { discriminator: discriminator!, generator, penalty: penalty! };
  }

  /**
   * Generates `count` encoded rows, [count, width] row-major. Batches are large (kernel
   * launches, not arithmetic, bound small ones) but never smaller than a training batch, so
   * batch normalisation sees as many rows as in training.
   */
  async sample(count: number, seed: number, fixed?: FixedCondition, weights: 'kept' | 'average' | 'current' = 'kept'): Promise<Float32Array> {
    const rows = this.refiner ? await this.sampleRefined(count, seed, fixed, weights) : await this.sampleAll(count, seed, fixed, weights);
    if (!fixed && this.anchored.length && this.slotCalibration) await this.anchorRows(rows, count, seed, weights);
    // After the refiner, which was trained on the generator's own scalars.
    if (this.scalarMaps) applyScalarMaps(this.scalarMaps, rows, count, this.layout.width);
    return rows;
  }

  /** Rows drawn with each of `slots` fixed, `perSlot` of each in turn (see `drawAnchored`). */
  async sampleAnchored(slots: readonly number[], perSlot: number, seed: number): Promise<Float32Array> {
    return this.drawAnchored(eachRepeated(slots, perSlot), seed, 'kept');
  }

  /** A row fixed to each of `anchors`, its category written in: a fixed row's own category is not left to the generator's draw. */
  private async drawAnchored(anchors: Int32Array, seed: number, weights: 'kept' | 'average' | 'current'): Promise<Float32Array> {
    const rows = this.refiner ? await this.drawRefined(anchors, seed, weights) : await this.sampleAll(anchors.length, seed, undefined, weights, anchors);
    const width = this.layout.width;
    anchors.forEach((slot, r) => {
      const { span, column } = this.sampler.columnOf(slot);
      rows.fill(0, r * width + span.offset, r * width + span.offset + span.size);
      rows[r * width + column] = 1;
    });
    return rows;
  }

  /** As `drawAnchored`'s rows, through the refiner as generation with a category fixed draws them: slot by slot. */
  private async drawRefined(anchors: Int32Array, seed: number, weights: 'kept' | 'average' | 'current'): Promise<Float32Array> {
    const width = this.layout.width;
    const rows = new Float32Array(anchors.length * width);
    for (const slot of new Set(anchors)) {
      const at: number[] = [];
      anchors.forEach((g, r) => g === slot && at.push(r));
      const drawn = await this.sampleRefined(at.length, seed + slot, this.sampler.fixedAt(slot), weights);
      at.forEach((r, i) => rows.set(drawn.subarray(i * width, (i + 1) * width), r * width));
    }
    return rows;
  }

  /**
   * Free rows that came out holding an anchored category are drawn again with it fixed (see
   * `setAnchored`); the rarest such category a row holds wins.
   */
  private async anchorRows(rows: Float32Array, count: number, seed: number, weights: 'kept' | 'average' | 'current'): Promise<void> {
    const width = this.layout.width;
    const columns = this.anchored.map((g) => this.sampler.columnOf(g).column);
    const at: number[] = [];
    const slots: number[] = [];
    for (let r = 0; r < count; r++) {
      const i = columns.findIndex((c) => rows[r * width + c] === 1);
      if (i < 0) continue;
      at.push(r);
      slots.push(this.anchored[i]);
    }
    if (at.length === 0) return;
    const fresh = await this.drawAnchored(Int32Array.from(slots), seed + ANCHOR_SEED, weights);
    at.forEach((r, i) => rows.set(fresh.subarray(i * width, (i + 1) * width), r * width));
  }

  /**
   * Category slots whose free rows are drawn again with the category fixed: rare categories
   * whose numbers the generator misses when it writes them unasked (chosen by the model, see
   * `TabularModel.anchorRare`). Needs the calibration of fixed rows, so it is cleared with it.
   */
  setAnchored(slots: readonly number[]): void {
    const categories = new Set(this.sampler.categorySlots());
    this.anchored = slots.filter((g) => categories.has(g));
  }

  get anchoredSlots(): readonly number[] {
    return this.anchored;
  }

  /** `count` rows the refiner kept, of as many as it takes to draw. */
  private async sampleRefined(count: number, seed: number, fixed: FixedCondition | undefined, weights: 'kept' | 'average' | 'current'): Promise<Float32Array> {
    const { net, state } = this.refiner!;
    const width = this.layout.width;
    const out = new Float32Array(count * width);
    const rng = new Rng(seed + 0x2545f491);
    let [have, tried, kept] = [0, 0, 0];
    for (let round = 0; have < count; round++) {
      // Drawn in proportion to the share kept so far (at least a twentieth), so a chunk takes a round or two.
      const share = tried ? Math.max(0.05, kept / tried) : 0.5;
      const draw = Math.ceil((count - have) / share) + 16;
      const rows = await this.sampleAll(draw, seed + 7919 * round, fixed, weights);
      const keep = await net.accept(this.canonical(rows, draw, rng), draw, width, state, rng);
      for (let r = 0; r < draw && have < count; r++) {
        if (!keep[r]) continue;
        out.set(rows.subarray(r * width, (r + 1) * width), have * width);
        have++;
      }
      tried += draw;
      kept += keep.reduce((a, b) => a + b, 0);
    }
    return out;
  }

  /** Every generated row, as the generator draws it (no refiner, no scalar maps). */
  private async sampleAll(count: number, seed: number, fixed: FixedCondition | undefined, weights: 'kept' | 'average' | 'current', anchors?: Int32Array): Promise<Float32Array> {
    const source = weights === 'current' ? null : weights === 'kept' ? (this.kept ?? this.average) : this.average;
    const current = source ? this.swapGenerator(source) : null;
    try {
      return await this.sampleWithCurrent(count, seed, fixed, anchors);
    } finally {
      if (current) {
        tf.dispose(this.swapGenerator(current));
        tf.dispose(current);
      }
    }
  }

  /**
   * After training: shifts each category's and mode's logit so that generated rows hold each
   * as often as the seed does. A generator gets most shares nearly right and a few off by a
   * point or two (a count's zeros drawn in 10.5 % of rows where the seed has 9.4 %); adding
   * log(seed share / generated share) to a logit corrects its share and leaves how the columns
   * relate alone, as the shift is the same for every row. Rounds of rows from the kept
   * generator (CALIBRATION_ROUNDS; categories counted over the rows the rules keep); shares of
   * 0 in the seed are pushed down as far as the cap allows. The best round's rows also fit
   * each number column's scalar map within its modes (see `ScalarMap`): the shifts move rows
   * between modes a little and leave the generator's scalars as they are. Then rows generated
   * with a category fixed get shifts of their own (`calibrateSlots`).
   */
  async calibrate(seed: number): Promise<void> {
    if (!this.seedShares) return;
    this.anchored = [];
    // The refiner stays: shares are matched on the rows it keeps.
    this.setCalibration(null);
    this.setSlotCalibration(null);
    this.scalarMaps = null;
    const rounds = this.refiner ? CALIBRATION_ROUNDS.refined : CALIBRATION_ROUNDS.plain;
    const best = await this.matchShares(seed, new Float32Array(this.layout.width), rounds);
    const maps = fitScalarMaps(this.seedKnots!, best, this.calibrationRows(), this.layout).filter((m) => m.knots.some(Boolean));
    this.scalarMaps = maps.length ? maps : null;
    await this.calibrateSlots(seed + rounds);
  }

  /**
   * Matches the shares again once rare categories are anchored (see `setAnchored`), from the
   * shifts `calibrate` left: its rounds counted the rows the rules drop, and an anchored
   * category's rows, drawn with it fixed, are dropped far less (a roaming charge written
   * blank beside roaming, every such row dropped, shifted roaming from 4 % to 29 % of draws).
   */
  async rematchShares(seed: number): Promise<void> {
    if (!this.seedShares || !this.calibration || this.anchored.length === 0) return;
    await this.matchShares(seed, Float32Array.from(this.calibration.values), CALIBRATION_ROUNDS.plain);
  }

  /** Rounds of `calibrate`'s shifts from `bias` on; sets the best and returns the rows it drew with them. */
  private async matchShares(seed: number, bias: Float32Array, rounds: number): Promise<Float32Array> {
    const shares = this.seedShares!;
    const width = this.layout.width;
    const rows = this.calibrationRows();
    const { max, tolerance } = CALIBRATION_ROUNDS;
    const floor = 1 / rows;
    const rng = new Rng(seed + 0x51ed);
    this.setCalibration(bias);
    // Categories are counted over the rows generation writes, as rules drop some kinds of row
    // more than others; modes over every row drawn, as rules drop rows by their numbers, and
    // matching the modes of the rows kept would pile rows into the modes the rules cut.
    const category = new Uint8Array(width);
    for (const c of this.layout.conditions) if (c.kind === 'category') category.fill(1, c.offset, c.offset + c.size);
    const step = new Float32Array(width).fill(1);
    // Each logit's last error and move, for the secant (see STEP).
    const before = new Float32Array(width);
    const moved = new Float32Array(width);
    // The shifts whose rows came nearest the seed's shares: where shifts interact, rounds can
    // swing rather than settle, and the last shifts are then not the best.
    let best: { off: number; bias: Float32Array; sample: Float32Array } = { off: Infinity, bias, sample: new Float32Array(0) };
    for (let round = 0; round < max; round++) {
      const sample = await this.sample(rows, seed + round);
      const out = this.written(sample, rows, rng, this.redrawn.length > 0);
      const written = out?.kept;
      const [all, kept] = [columnMeans(sample, rows, width), written?.reduce((a, b) => a + b, 0) ?? rows];
      const drawn = written ? columnMeans(sample, rows, width, written).map((x, c) => (category[c] ? x : all[c])) : all;
      if (out?.rows) {
        const decoded = columnMeans(out.rows, rows, width);
        for (const c of this.redrawn) drawn[c] = decoded[c];
      }
      const used = Float32Array.from(bias);
      const slots = this.layout.spans.flatMap((span) => (span.activation === 'softmax' ? Array.from({ length: span.size }, (_, k) => span.start + k) : []));
      const errors = new Map(slots.map((c) => [c, Math.log((shares[c] + floor) / (drawn[c] + floor))]));
      const capped = (c: number) => Math.abs(bias[c]) >= MAX_CALIBRATION && Math.sign(errors.get(c)!) === Math.sign(bias[c]);
      let [worst, off] = [0, 0];
      for (const c of slots) {
        off += Math.abs(shares[c] - drawn[c]);
        // Off by more than the draw's own noise; a logit held at the cap cannot move its share further.
        const noise = CALIBRATION_ROUNDS.noise * Math.sqrt((shares[c] * (1 - shares[c])) / (category[c] ? kept : rows));
        if (!capped(c)) worst = Math.max(worst, Math.abs(shares[c] - drawn[c]) - noise);
      }
      const last = round === max - 1 || (round >= rounds - 1 && worst <= tolerance);
      for (const c of slots) {
        const error = errors.get(c)!;
        if (round > 0) step[c] = nextStep(step[c], moved[c], before[c], error);
        before[c] = error;
        // The last move is never drawn from: a secant read off a rare share's noise can step
        // far past it (a 2 % class shifted from 1.9 % to 3.7 %), so it moves one for one at most.
        const shift = Math.max(-MAX_CALIBRATION, Math.min(MAX_CALIBRATION, bias[c] + (last ? Math.min(1, step[c]) : step[c]) * error));
        moved[c] = shift - bias[c];
        bias[c] = shift;
      }
      this.setCalibration(bias);
      const improved = off < best.off;
      if (improved) best = { off, bias: used, sample };
      if (!last) continue;
      // Still improving: the last shifts go on from the best rows; otherwise back to those rows' shifts.
      if (!improved) bias.set(best.bias);
      break;
    }
    this.setCalibration(bias);
    return best.sample;
  }

  /**
   * For rows generated with a category fixed: per category, shifts each category's and mode's
   * logit so that rows given it hold the others as often as the seed's rows of that category do
   * (shrunk toward the seed's overall share where it has few rows). Free rows need no such
   * shift: each takes its condition at random and the shares over all of them are matched
   * above. Rows given one fixed category are another matter: the generator's answer to a
   * category alone goes too far for rare ones (docs/benchmarks.md, "Rows with a category
   * fixed"). Every category gets as many rows.
   */
  private async calibrateSlots(seed: number): Promise<void> {
    const width = this.layout.width;
    const condWidth = this.sampler.width;
    if (condWidth === 0 || !this.data || !this.seedShares) return;
    const encoded = (await this.data.data()) as Float32Array;
    const slots = this.sampler.categorySlots().filter((g) => this.sampler.rowsAt(g).length > 0);
    if (slots.length === 0) return;
    const { min, max } = SLOT_CALIBRATION.perSlot;
    const perSlot = Math.min(max, Math.max(min, Math.ceil(this.calibrationRows() / slots.length)));
    const k = SLOT_CALIBRATION.shrinkRows;
    const targets = slots.map((g) => {
      const rows = this.sampler.rowsAt(g);
      const picked = new Float32Array(rows.length * width);
      rows.forEach((r, i) => picked.set(encoded.subarray(r * width, (r + 1) * width), i * width));
      return columnMeans(picked, rows.length, width).map((m, c) => (m * rows.length + k * this.seedShares![c]) / (rows.length + k));
    });
    const table = new Float32Array(condWidth * width);
    const anchors = eachRepeated(slots, perSlot);
    const floor = 1 / perSlot;
    for (let round = 0; round < SLOT_CALIBRATION.rounds; round++) {
      const rows = await this.sampleAll(anchors.length, seed + round, undefined, 'kept', anchors);
      slots.forEach((g, i) => {
        const drawn = columnMeans(rows.subarray(i * perSlot * width, (i + 1) * perSlot * width), perSlot, width);
        for (const span of this.layout.spans) {
          if (span.activation !== 'softmax') continue;
          for (let c = span.start; c < span.start + span.size; c++) {
            const shift = table[g * width + c] + Math.log((targets[i][c] + floor) / (drawn[c] + floor));
            table[g * width + c] = Math.max(-MAX_CALIBRATION, Math.min(MAX_CALIBRATION, shift));
          }
        }
      });
      this.setSlotCalibration(table);
    }
  }

  private setSlotCalibration(values: Float32Array | null): void {
    this.slotCalibration?.tensor.dispose();
    this.slotCalibration = values ? { values: Float32Array.from(values), tensor: tf.tensor2d(values, [this.sampler.width, this.layout.width]) } : null;
  }

  /**
   * Before `calibrate`: trains the refiner on the seed's encoded rows against as many generated
   * rows as calibration draws. When it tells them apart no better than a guess, or the seed
   * has too few rows to tell its quirks from the model's (MIN_REFINE_ROWS), none is kept.
   */
  async refine(seed: number): Promise<void> {
    this.setRefiner(null);
    if (!this.data || this.seedRows < MIN_REFINE_ROWS) return;
    const rows = this.calibrationRows();
    const rng = new Rng(seed + 1);
    const fake = this.canonical(await this.sample(rows, seed), rows, rng);
    const real = (await this.data.data()) as Float32Array;
    const net = new Refiner(this.layout.width, rng, this.config.discriminatorDims);
    const state = await net.fit(real, fake, this.layout.width, rng);
    if (state) this.setRefiner({ net, state });
    else net.dispose();
  }

  /** Rows drawn per round of `calibrate`, and to train the refiner on. */
  private calibrationRows(): number {
    const { perSeedRow, min, max } = CALIBRATION_ROWS;
    return Math.min(max, Math.max(min, perSeedRow * this.seedRows));
  }

  /**
   * The rows whose shares and number shapes calibration matches: every row of the seed, its
   * validation slice's too, rather than the rows trained on alone. A slice of 96 rows held back
   * from 640 left a count's 1s at 47.1 % of the rows trained on against 46.1 % of the seed, and
   * generated rows matched the 47.1.
   */
  matchSeed(encoded: Float32Array, rows: number): void {
    if (rows === 0 || !this.seedShares) return;
    this.seedShares = columnMeans(encoded, rows, this.layout.width);
    this.seedKnots = seedKnots(encoded, rows, this.layout);
  }

  /** What the refiner learned, or null when there is none. */
  get refinerState(): RefinerState | null {
    return this.refiner?.state ?? null;
  }

  /** Generation goes back to the generator's own shares and scalars, every row kept (training judges the model as it is). */
  clearCalibration(): void {
    this.anchored = [];
    this.setCalibration(null);
    this.setSlotCalibration(null);
    this.scalarMaps = null;
    this.setRefiner(null);
  }

  private setRefiner(refiner: { net: Refiner; state: RefinerState } | null): void {
    this.refiner?.net.dispose();
    this.refiner = refiner;
  }

  private setCalibration(values: Float32Array | null): void {
    this.calibration?.tensor.dispose();
    this.calibration = values ? { values: Float32Array.from(values), tensor: tf.tensor2d(values, [1, values.length]) } : null;
  }

  /** Keeps the generator's present weights (averaged, when averaging) as the ones `sample` uses from now on. */
  keepGenerator(): void {
    tf.dispose(this.kept ?? []);
    this.kept = (this.average ?? this.generator.variables).map((v) => tf.clone(v));
  }

  /**
   * GAN weights orbit an equilibrium rather than settle on it; their running mean sits nearer.
   * The decay warms up as (1 + t) / (10 + t) so early steps are not dominated by the start.
   */
  private updateAverage(): void {
    if (!this.average) return;
    const t = ++this.generatorSteps;
    const decay = Math.min(this.config.generatorAverage, (1 + t) / (10 + t));
    updateAverages(this.average, this.generator.variables, decay);
  }

  /** Puts `weights` into the generator; returns copies of what was there (the caller owns them). */
  private swapGenerator(weights: tf.Tensor[]): tf.Tensor[] {
    const variables = this.generator.variables;
    const previous = variables.map((v) => tf.clone(v));
    variables.forEach((v, i) => v.assign(weights[i]));
    return previous;
  }

  /**
   * On GPU backends one batch is queued before the last one is read back, so the host makes
   * the next batch's conditions while the device works and reads; on CPU backends a batch is
   * computed when queued, so there is nothing to overlap and the host draw keeps its order.
   */
  private async sampleWithCurrent(count: number, seed: number, fixed?: FixedCondition, anchors?: Int32Array): Promise<Float32Array> {
    const rng = new Rng(seed);
    const width = this.layout.width;
    const out = new Float32Array(count * width);
    const batch = Math.max(this.batch, Math.min(capabilitiesOf(tf.getBackend()).generationBatch, count));
    const onDevice = this.drawsOnDevice();
    // Fixed rows share one condition, so their norms read a free batch's statistics (see Generator.normStats).
    const stats = fixed || anchors ? this.freeNormStats(new Rng(seed + 0x9e3779b9)) : undefined;
    const queued: { rows: tf.Tensor2D; values: Promise<tf.TypedArray>; done: number }[] = [];
    const collect = async () => {
      const { rows, values, done } = queued.shift()!;
      const data = (await values.finally(() => rows.dispose())) as Float32Array;
      if (!onDevice) this.spans.sampleOnHost(data, batch, rng);
      out.set(data.subarray(0, Math.min(batch, count - done) * width), done * width);
    };
    try {
      for (let done = 0; done < count; done += batch) {
        const slots = anchors ? Int32Array.from({ length: batch }, (_, i) => anchors[Math.min(done + i, count - 1)]) : undefined;
        const rows = this.generateBatch(batch, rng, onDevice, fixed, stats, slots);
        queued.push({ rows, values: rows.data(), done });
        if (queued.length > (onDevice ? 1 : 0)) await collect();
      }
      while (queued.length) await collect();
    } finally {
      tf.dispose(stats?.flatMap((s) => [s.mean, s.variance]) ?? []);
      // Only after a failure: batches still queued are read to the end, then freed.
      for (const { rows, values } of queued) void values.then(() => rows.dispose(), () => rows.dispose());
    }
    return out;
  }

  /** One batch of raw rows, or of drawn rows when `onDevice`; noise is made on the GPU where it can be. */
  private generateBatch(batch: number, rng: Rng, onDevice: boolean, fixed?: FixedCondition, stats?: NormStats[], anchors?: Int32Array): tf.Tensor2D {
    const conds = anchors ?? this.sampler.generation(batch, rng, fixed).slots;
    return tf.tidy(() => {
      const slots = this.slotTensor(conds);
      const logits = this.generator.apply(this.generationNoise(batch, rng), slots, stats);
      // Scalars' entries are 0: only categories and modes move.
      let raw = this.calibration ? tf.add<tf.Tensor2D>(logits, this.calibration.tensor) : logits;
      if (this.slotCalibration && slots && (fixed || anchors)) raw = tf.add(raw, tableRows(this.slotCalibration.tensor, slots));
      if (!onDevice) return raw;
      const spans = this.spans.softmaxSpanCount;
      return this.spans.drawOnDevice(raw, tf.tensor2d(rng.uniforms(batch * spans), [batch, spans]));
    });
  }

  /** The generator's batch-norm statistics over FREE_NORM_ROWS rows drawn with the seed's own mix of conditions. */
  private freeNormStats(rng: Rng): NormStats[] {
    const conds = this.sampler.generation(FREE_NORM_ROWS, rng);
    const flat = tf.tidy(() => this.generator.normStats(this.generationNoise(FREE_NORM_ROWS, rng), this.slotTensor(conds.slots)).flatMap((s) => [s.mean, s.variance]));
    return Array.from({ length: flat.length / 2 }, (_, i) => ({ mean: flat[2 * i], variance: flat[2 * i + 1] }));
  }

  /** Noise for generation, made on the GPU where it can be. */
  private generationNoise(rows: number, rng: Rng): tf.Tensor2D {
    return runsWgsl() ? deviceNormals(rows, this.config.embeddingDim, rng.bits(), rng.bits()) : this.noise(rows, rng);
  }

  /**
   * Categories are drawn on the device on GPU backends, where the host's loop over every
   * logit would otherwise bound generation; on CPU backends the loop is cheaper than the
   * extra [width, width] product. Very wide rows stay on the host: that matrix grows as width².
   */
  private drawsOnDevice(): boolean {
    return capabilitiesOf(tf.getBackend()).gpu && this.spans.softmaxSpanCount > 0 && this.layout.width <= MAX_DEVICE_DRAW_WIDTH;
  }

  dispose(): void {
    this.data?.dispose();
    this.generator.dispose();
    this.discriminator.dispose();
    this.optG.dispose();
    this.optD.dispose();
    this.spans.dispose();
    tf.dispose(this.kept ?? []);
    tf.dispose(this.average ?? []);
    this.calibration?.tensor.dispose();
    this.slotCalibration?.tensor.dispose();
    this.refiner?.net.dispose();
  }

  private criticStep(): [tf.Scalar, tf.Scalar] {
    const conds = this.sampler.training(this.batch, this.rng);
    return tf.tidy(() => {
      const fake = this.spans.activate(this.generator.apply(this.noise(this.batch, this.rng), this.slotTensor(conds.slots)), this.config.tau, this.rng);
      const real = tf.gather(this.data!, tf.tensor1d(conds.rows, 'int32')) as tf.Tensor2D;
      const packedSlots = this.discriminator.packSlots(conds.slots);
      const packed = this.slotTensor(packedSlots);
      // Fake and real packs go through the critic as one batch: half the kernels, wider products.
      const both = tf.concat([fake, real], 0) as tf.Tensor2D;
      const bothPacked = this.slotTensor(Int32Array.from([...packedSlots, ...packedSlots]));
      // Lazy regularisation: the penalty on one critic step in `penaltyEvery`, weighted up to match.
      const every = Math.max(1, Math.floor(this.config.penaltyEvery));
      const penalise = this.criticSteps++ % every === 0;
      let penalty: tf.Scalar | null = null;
      const loss = this.optD.minimize(() => {
        const [scoreFake, scoreReal] = tf.split(this.discriminator.apply(both, bothPacked, this.rng), 2, 0).map((s) => tf.mean(s));
        const p = tf.keep(penalise ? (tf.mul(this.gradientPenalty(real, fake, packed), every) as tf.Scalar) : tf.scalar(0));
        penalty = p;
        return tf.add(tf.sub(scoreFake, scoreReal), p) as tf.Scalar;
      });
      return [loss, penalty!];
    });
  }

  private generatorStep(): tf.Scalar {
    const conds = this.sampler.training(this.batch, this.rng);
    return tf.tidy(() => {
      const noise = this.noise(this.batch, this.rng);
      const slots = this.slotTensor(conds.slots);
      const packed = this.slotTensor(this.discriminator.packSlots(conds.slots));
      return this.optG.minimize(() => {
        const raw = this.generator.apply(noise, slots);
        const fake = this.spans.activate(raw, this.config.tau, this.rng);
        const loss = tf.neg(tf.mean(this.discriminator.apply(fake, packed, this.rng)));
        // Each condition has one active column, so the loss needs no per-column mask.
        return (slots ? tf.add(loss, this.spans.conditionLoss(raw, conds.slots)) : loss) as tf.Scalar;
      });
    });
  }

  /**
   * ‖∇ₓD(x̂)‖ per pack pushed towards 1 at rows between real and fake packs (WGAN-GP). The
   * condition is the same on both sides, so only the rows are interpolated and differentiated.
   */
  private gradientPenalty(real: tf.Tensor2D, fake: tf.Tensor2D, packed: tf.Tensor1D | null): tf.Scalar {
    const { gradientPenalty } = this.config;
    const pac = this.pac;
    const width = real.shape[1];
    const packs = this.batch / pac;
    const alpha = tf.tensor3d(this.rng.uniforms(packs), [packs, 1, 1]);
    const real3 = tf.reshape(real, [packs, pac, width]);
    const fake3 = tf.reshape(fake, [packs, pac, width]);
    const mixed = tf.reshape(tf.add(fake3, tf.mul(alpha, tf.sub(real3, fake3))), [this.batch, width]) as tf.Tensor2D;
    const grads = tf.grad((x: tf.Tensor) => tf.sum(this.discriminator.apply(x as tf.Tensor2D, packed, this.rng)))(mixed);
    // sqrt(sum of squares) rather than tf.norm: its Pow kernel is ten times slower than Square on WASM.
    const norms = tf.sqrt(tf.add(tf.sum(tf.square(tf.reshape(grads, [packs, pac * width])), 1), 1e-12));
    return tf.mul(tf.mean(tf.square(tf.sub(norms, 1))), gradientPenalty) as tf.Scalar;
  }

  /** Generator noise [rows, embeddingDim], drawn by our seeded generator. */
  private noise(rows: number, rng: Rng): tf.Tensor2D {
    const n = rows * this.config.embeddingDim;
    return tf.tensor2d(rng.normals(n, this.scratch.take('noise', n)), [rows, this.config.embeddingDim]);
  }

  private slotTensor(slots: Int32Array): tf.Tensor1D | null {
    return this.sampler.width > 0 ? tf.tensor1d(slots, 'int32') : null;
  }
}

/** Each of `slots` `times` times in turn: a block of rows per slot. */
function eachRepeated(slots: readonly number[], times: number): Int32Array {
  return Int32Array.from({ length: slots.length * times }, (_, i) => slots[Math.floor(i / times)]);
}

/** A logit's next calibration step, from its last step and move and its error before and after (see STEP). */
function nextStep(last: number, moved: number, before: number, error: number): number {
  const answered = (before - error) / moved;
  const next = Math.abs(moved) > STEP.smallest && answered > 0 ? 1 / answered : last * (error * before < 0 ? STEP.cross : STEP.same);
  return Math.min(STEP.most, Math.max(STEP.least, next));
}

/** Each column's mean over `rows` row-major rows of `width`, or over those `only` marks. */
function columnMeans(values: Float32Array, rows: number, width: number, only?: Uint8Array | null): Float64Array {
  const sums = new Float64Array(width);
  let counted = 0;
  for (let r = 0; r < rows; r++) {
    if (only && !only[r]) continue;
    counted++;
    for (let c = 0; c < width; c++) sums[c] += values[r * width + c];
  }
  return sums.map((x) => x / Math.max(1, counted));
}
