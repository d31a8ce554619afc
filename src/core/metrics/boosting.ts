import type { Rng } from '../util/rng';
import { MAX_BINS, type FeatureMatrix } from './bins';

/** Gradient-boosted trees for a binary label, on the logistic loss. */
export interface BoostingOptions {
  rounds: number;
  learningRate: number;
  /** Tree depth: 4 gives at most 16 leaves, enough for three-way interactions. */
  maxDepth: number;
  /** Fewest (sampled) rows a leaf may hold. */
  minLeafRows: number;
  /** L2 penalty on leaf values: a leaf's value is −G / (H + l2). */
  l2: number;
  /** Share of rows each tree is grown on, drawn afresh per round. */
  subsample: number;
  /** Added to a category's hessian when categories are ordered for a split, so rare ones do not lead. */
  categorySmoothing: number;
}

export const BOOSTING_DEFAULTS: BoostingOptions = {
  rounds: 100,
  learningRate: 0.1,
  maxDepth: 4,
  minLeafRows: 20,
  l2: 1,
  subsample: 0.8,
  categorySmoothing: 10,
};

/** A tree node: a leaf when `feature` is −1; otherwise rows whose bin has goesLeft[bin] = 1 go to `left`. */
interface TreeNode {
  feature: number;
  goesLeft: Uint8Array | null;
  left: number;
  right: number;
  value: number;
}

export interface BoostingModel {
  /** Log-odds every row starts from: that of the training labels. */
  base: number;
  trees: TreeNode[][];
}

/**
 * Fits boosted trees to `y` (0 or 1 per row of `x`). Each round grows one depth-limited tree on
 * the gradient and hessian of the logistic loss, histogram by histogram: a node sums gradients
 * per bin, its larger child's sums are the parent's minus the smaller child's. A split sends a
 * set of bins left: for numbers a run of low bins with the missing bin on either side, for
 * categories a prefix of the categories ordered by G / (H + smoothing) at that node (Fisher's
 * optimal two-way grouping, as LightGBM does), which one-hot splits in a shallow tree could not
 * reach. Deterministic for a seeded `rng`.
 */
export function fitBoosting(x: FeatureMatrix, y: Uint8Array, options: Partial<BoostingOptions>, rng: Rng): BoostingModel {
  const o = { ...BOOSTING_DEFAULTS, ...options };
  const rows = x.rows;
  let positives = 0;
  for (const v of y) positives += v;
  const share = Math.min(Math.max(positives / Math.max(rows, 1), 1e-6), 1 - 1e-6);
  const base = Math.log(share / (1 - share));
  const score = new Float64Array(rows).fill(base);
  const grad = new Float64Array(rows);
  const hess = new Float64Array(rows);
  const order = new Int32Array(rows);
  const trees: TreeNode[][] = [];
  const grower = new Grower(x, grad, hess, order, o);
  for (let round = 0; round < o.rounds; round++) {
    let sampled = 0;
    for (let r = 0; r < rows; r++) {
      const p = 1 / (1 + Math.exp(-score[r]));
      grad[r] = p - y[r];
      hess[r] = Math.max(p * (1 - p), 1e-12);
      if (o.subsample >= 1 || rng.next() < o.subsample) order[sampled++] = r;
    }
    const tree = grower.grow(sampled);
    trees.push(tree);
    for (let r = 0; r < rows; r++) score[r] += leafValue(tree, x, r);
  }
  return { base, trees };
}

/** Probability of label 1 for each row of `x`, which must be binned like the training rows. */
export function predictBoosting(model: BoostingModel, x: FeatureMatrix): Float64Array {
  const out = new Float64Array(x.rows);
  for (let r = 0; r < x.rows; r++) {
    let z = model.base;
    for (const tree of model.trees) z += leafValue(tree, x, r);
    out[r] = 1 / (1 + Math.exp(-z));
  }
  return out;
}

function leafValue(tree: TreeNode[], x: FeatureMatrix, r: number): number {
  const width = x.features.length;
  let node = tree[0];
  while (node.feature >= 0) node = tree[node.goesLeft![x.bins[r * width + node.feature]] ? node.left : node.right];
  return node.value;
}

const SLOTS = 3; // per bin: gradient sum, hessian sum, rows

/** Grows one tree on rows order[0..n), partitioning `order` in place as it splits. */
class Grower {
  private readonly width: number;
  private nodes: TreeNode[] = [];

  constructor(
    private readonly x: FeatureMatrix,
    private readonly grad: Float64Array,
    private readonly hess: Float64Array,
    private readonly order: Int32Array,
    private readonly o: BoostingOptions,
  ) {
    this.width = x.features.length;
  }

  grow(n: number): TreeNode[] {
    this.nodes = [];
    this.node(0, n, 0, this.histogram(0, n));
    return this.nodes;
  }

  private node(start: number, end: number, depth: number, hist: Float64Array): number {
    const at = this.nodes.length;
    let g = 0;
    let h = 0;
    // Every row falls in one bin of feature 0, so its bins sum to the node's totals.
    for (let b = 0; b < MAX_BINS; b++) {
      g += hist[b * SLOTS];
      h += hist[b * SLOTS + 1];
    }
    this.nodes.push({ feature: -1, goesLeft: null, left: -1, right: -1, value: (-this.o.learningRate * g) / (h + this.o.l2) });
    const rows = end - start;
    if (depth >= this.o.maxDepth || rows < 2 * this.o.minLeafRows || this.width === 0) return at;
    const split = this.bestSplit(hist, g, h, rows);
    if (!split) return at;
    const mid = this.partition(start, end, split.feature, split.goesLeft);
    // Build the smaller child's histogram; the larger one's is what is left of the parent's.
    const leftSmaller = mid - start <= end - mid;
    const small = leftSmaller ? this.histogram(start, mid) : this.histogram(mid, end);
    for (let k = 0; k < hist.length; k++) hist[k] -= small[k];
    const [leftHist, rightHist] = leftSmaller ? [small, hist] : [hist, small];
    const node = this.nodes[at];
    node.feature = split.feature;
    node.goesLeft = split.goesLeft;
    node.left = this.node(start, mid, depth + 1, leftHist);
    node.right = this.node(mid, end, depth + 1, rightHist);
    return at;
  }

  private histogram(start: number, end: number): Float64Array {
    const { width, grad, hess, order } = this;
    const bins = this.x.bins;
    const hist = new Float64Array(width * MAX_BINS * SLOTS);
    for (let i = start; i < end; i++) {
      const r = order[i];
      const g = grad[r];
      const h = hess[r];
      const row = r * width;
      for (let f = 0; f < width; f++) {
        const k = (f * MAX_BINS + bins[row + f]) * SLOTS;
        hist[k] += g;
        hist[k + 1] += h;
        hist[k + 2]++;
      }
    }
    return hist;
  }

  /** The split of largest gain over every feature, or null when none gains or leaves enough rows each side. */
  private bestSplit(hist: Float64Array, g: number, h: number, rows: number): { feature: number; goesLeft: Uint8Array } | null {
    const { l2, minLeafRows, categorySmoothing } = this.o;
    const parent = (g * g) / (h + l2);
    let best = 1e-9;
    let bestFeature = -1;
    let bestOrder: number[] = [];
    let bestCut = 0;
    for (let f = 0; f < this.width; f++) {
      const feature = this.x.features[f];
      const at = f * MAX_BINS * SLOTS;
      const count = (b: number) => hist[at + b * SLOTS + 2];
      const missing = feature.bins - 1;
      const orders: number[][] = [];
      if (feature.kind === 'ordered') {
        const values = Array.from({ length: missing }, (_, b) => b).filter((b) => count(b) > 0);
        if (count(missing) > 0) orders.push([...values, missing], [missing, ...values]);
        else orders.push(values);
      } else {
        const present = Array.from({ length: feature.bins }, (_, b) => b).filter((b) => count(b) > 0);
        const ratio = (b: number) => hist[at + b * SLOTS] / (hist[at + b * SLOTS + 1] + categorySmoothing);
        orders.push(present.sort((a, b) => ratio(a) - ratio(b) || a - b));
      }
      for (const order of orders) {
        let gl = 0;
        let hl = 0;
        let nl = 0;
        for (let cut = 1; cut < order.length; cut++) {
          const k = at + order[cut - 1] * SLOTS;
          gl += hist[k];
          hl += hist[k + 1];
          nl += hist[k + 2];
          if (nl < minLeafRows) continue;
          if (rows - nl < minLeafRows) break;
          const gr = g - gl;
          const hr = h - hl;
          const gain = (gl * gl) / (hl + l2) + (gr * gr) / (hr + l2) - parent;
          if (gain > best) {
            best = gain;
            bestFeature = f;
            bestOrder = order;
            bestCut = cut;
          }
        }
      }
    }
    if (bestFeature < 0) return null;
    const goesLeft = new Uint8Array(MAX_BINS);
    for (let i = 0; i < bestCut; i++) goesLeft[bestOrder[i]] = 1;
    return { feature: bestFeature, goesLeft };
  }

  /** Puts the rows that go left first in order[start..end); returns where the right ones begin. */
  private partition(start: number, end: number, feature: number, goesLeft: Uint8Array): number {
    const { order, width } = this;
    const bins = this.x.bins;
    let i = start;
    let j = end - 1;
    while (i <= j) {
      if (goesLeft[bins[order[i] * width + feature]]) i++;
      else {
        const t = order[i];
        order[i] = order[j];
        order[j--] = t;
      }
    }
    return i;
  }
}
