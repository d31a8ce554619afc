import { fromJsonNumber, toJsonNumber, type JsonNumber } from '../util/json';

/**
 * What the kept generator is chosen on. Shapes alone peak within a few epochs while the
 * columns' joint behaviour still improves, so pair trends count as much. `links`, where the
 * seed has strong links (see `linkScore`), counts as much again: pair trends average every
 * pair, and one lost link among dozens barely moves them, while calibration after training
 * mends shapes but no link. On a reviewer's 600-row clinic table the epoch kept on shapes and
 * pairs alone (48 of 141) wrote the wrong fee for its appointment type in 47 % of rows.
 */
export function selectionScore(shapes: number, pairs: number, links: number | null = null): number {
  return links === null ? (shapes + pairs) / 2 : (shapes + pairs + links) / 3;
}

/**
 * How far below the best score so far an epoch may score and still become the kept one. Past
 * the plateau the score moves by about this much from epoch to epoch while what it does not
 * see (how well the columns predict one another) keeps improving, so among near-ties the
 * longer-trained generator wins. On Adult (seed 26) this kept epoch 100 rather than 80:
 * train-on-synthetic F1 0.96× rather than 0.91× of train-on-real.
 */
export const SELECTION_MARGIN = 0.002;

/**
 * The margin a table's run keeps epochs by. Within the default length, detection still rises
 * at the last epoch on every bench table; at 0.002 Adult (seed 26) kept an earlier epoch, with
 * detection 0.496 against the last one's 0.553 (docs/benchmarks.md, "Which epoch to keep").
 */
export const TABLE_SELECTION_MARGIN = 0.005;

/** How far the score must rise to count as a gain for early stopping. */
const SCORE_GAIN_MARGIN = 0.002;

/**
 * How far a detection score must rise to count as a gain. The quick judge (1,000 rows, 3 folds)
 * moves by about this much between two draws of the same generator.
 */
export const DETECTION_MARGIN = 0.02;

/**
 * When a rising figure last gained: a gain is a rise of more than `margin` over its value at the
 * gain before, so a slow steady rise counts once it adds up (measured against the best so far, a
 * rise smaller than the margin at each judgement would never count).
 */
class Gains {
  at = 0;
  base = -Infinity;

  constructor(private readonly margin: number) {}

  offer(epoch: number, value: number): void {
    if (value > this.base + this.margin) [this.at, this.base] = [epoch, value];
  }
}

/** Which epoch's generator to generate with: the latest within the margin of the best score so far. */
export class EpochSelection {
  kept = { epoch: 0, score: -Infinity };
  private top = -Infinity;
  private readonly scoreGains = new Gains(SCORE_GAIN_MARGIN);
  private readonly detectionGains = new Gains(DETECTION_MARGIN);

  /** `margin`: how far below the best score an epoch may score and still be kept. */
  constructor(private readonly margin = SELECTION_MARGIN) {}

  /** The best score offered so far (-Infinity before any). */
  get best(): number {
    return this.top;
  }

  /** Records an epoch's score; true when that epoch's generator should now be kept. */
  offer(epoch: number, score: number): boolean {
    this.scoreGains.offer(epoch, score);
    this.top = Math.max(this.top, score);
    if (score < this.top - this.margin) return false;
    this.kept = { epoch, score };
    return true;
  }

  /**
   * Records a detection score (how hard rows are to tell from the seed's). It chooses no epoch,
   * being too noisy to rank near-ties, but while it still rises training is not over.
   */
  offerDetection(epoch: number, score: number): void {
    this.detectionGains.offer(epoch, score);
  }

  /** The last epoch at which the score or detection gained: early stopping counts from here. */
  get lastGain(): number {
    return Math.max(this.scoreGains.at, this.detectionGains.at);
  }

  /** The selection so far as plain data (scores are -Infinity before any epoch, hence JSON numbers). */
  toState(): SelectionState {
    const [score, found] = [this.scoreGains, this.detectionGains];
    return {
      kept: { epoch: this.kept.epoch, score: toJsonNumber(this.kept.score) },
      improvedAt: score.at,
      top: toJsonNumber(this.top),
      gainBase: toJsonNumber(score.base),
      detection: { improvedAt: found.at, base: toJsonNumber(found.base) },
    };
  }

  restore(state: SelectionState): void {
    this.kept = { epoch: state.kept.epoch, score: fromJsonNumber(state.kept.score) };
    this.top = fromJsonNumber(state.top);
    // Models saved before gains were counted this way, or detection judged, lack these fields.
    [this.scoreGains.at, this.scoreGains.base] = [state.improvedAt, state.gainBase === undefined ? this.top : fromJsonNumber(state.gainBase)];
    [this.detectionGains.at, this.detectionGains.base] = state.detection ? [state.detection.improvedAt, fromJsonNumber(state.detection.base)] : [0, -Infinity];
  }
}

export interface SelectionState {
  kept: { epoch: number; score: JsonNumber };
  /** The last epoch the score gained at, and (`gainBase`) its value then. */
  improvedAt: number;
  top: JsonNumber;
  gainBase?: JsonNumber;
  detection?: { improvedAt: number; base: JsonNumber };
}
