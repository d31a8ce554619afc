import * as tf from '@tensorflow/tfjs';
import { capabilitiesOf } from '../backend/capabilities';
import { runsWgsl } from '../backend/wgsl';
import { fusedConditionLoss, fusedSpanActivate, spanLayout } from './fusedSpans';
import type { ConditionSpan, Layout } from '../transform/transformer';
import type { Rng } from '../util/rng';
import { Scratch } from '../util/scratch';

// Logits are shifted so each span's largest is 0 before exp. Scalar columns belong to no span
// and are not shifted: this bound keeps their (unused) exp finite.
const CLIP = 60;

/**
 * Output activations and the condition loss over all spans at once. A per-span slice,
 * softmax and concat costs ~10 kernels a span; with a [width, spans] indicator matrix the
 * span sums become two matrix products, so the whole row takes a fixed ~15 kernels.
 * Owns its constant tensors; `dispose` frees them.
 */
export class SpanOps {
  /** [width, softmaxSpans]: 1 where a column belongs to a softmax span. */
  private readonly segments: tf.Tensor2D;
  private readonly segmentsT: tf.Tensor2D;
  /** Where each softmax span starts and how wide it is. */
  private readonly softmaxSpans: { start: number; size: number }[];
  /**
   * [softmaxSpans × widest span] int32: each span's columns, its last repeated to the widest
   * span's size (a repeat leaves a maximum as it is), so one gather lays the spans out as
   * [spans, widest, batch] and one reduction takes every span's maximum.
   */
  private readonly spanColumns: tf.Tensor1D;
  private readonly widestSpan: number;
  /** [1, width]: 1 on tanh columns, 0 on softmax columns; and its complement. */
  private readonly tanhMask: tf.Tensor2D;
  private readonly softMask: tf.Tensor2D;
  /** The column of the row that each slot of the conditional vector stands for. */
  private readonly placement: Int32Array;
  private readonly scratch = new Scratch();
  /** What `drawOnDevice` needs, made on its first use: generation on CPU backends never does. */
  private drawing: { running: tf.Tensor2D; last: tf.Tensor2D; places: tf.Tensor2D } | null = null;
  /** `spanLayout` for the fused activation, made on its first use (in a step's tidy, so kept). */
  private layoutTensor: tf.Tensor1D | null = null;
  /**
   * Logits minus their span's largest, clipped, with the gradient passed through unchanged.
   * Softmax is shift-invariant, so the shift's own gradient is zero and is not computed; a
   * logit clipped at −CLIP has a share below e⁻⁶⁰, and a scalar column's is masked out. Shifting
   * by the span's mean instead let two strong categories of a wide span (native-country) both
   * clip at +CLIP: the softmax the critic saw split them evenly while generation picked one.
   */
  private readonly centreByMax: (logits: tf.Tensor2D) => tf.Tensor2D;

  /** `conditions` are the blocks the conditional vector covers, in its order. */
  constructor(private readonly layout: Layout, conditions: ConditionSpan[]) {
    const condWidth = conditions.reduce((w, d) => w + d.size, 0);
    const softmax = layout.spans.filter((s) => s.activation === 'softmax');
    const segments = new Float32Array(layout.width * softmax.length);
    const tanh = new Float32Array(layout.width);
    softmax.forEach((s, k) => {
      for (let c = s.start; c < s.start + s.size; c++) segments[c * softmax.length + k] = 1;
    });
    for (const s of layout.spans) if (s.activation === 'tanh') for (let c = s.start; c < s.start + s.size; c++) tanh[c] = 1;
    this.segments = tf.tensor2d(segments, [layout.width, softmax.length]);
    this.segmentsT = tf.transpose(this.segments);
    this.softmaxSpans = softmax.map((s) => ({ start: s.start, size: s.size }));
    this.widestSpan = softmax.reduce((w, s) => Math.max(w, s.size), 0);
    const columns = new Int32Array(softmax.length * this.widestSpan);
    softmax.forEach((s, k) => {
      for (let j = 0; j < this.widestSpan; j++) columns[k * this.widestSpan + j] = s.start + Math.min(j, s.size - 1);
    });
    this.spanColumns = tf.tensor1d(columns, 'int32');
    this.centreByMax = tf.customGrad<tf.Tensor2D>((x) => {
      const logits = x as tf.Tensor2D;
      const shifted = this.softmaxSpans.length ? tf.sub(logits, this.spanMax(logits)) : logits;
      return { value: tf.clipByValue(shifted, -CLIP, CLIP) as tf.Tensor2D, gradFunc: (dy) => dy };
    });
    this.tanhMask = tf.tensor2d(tanh, [1, layout.width]);
    this.softMask = tf.tensor2d(tanh.map((t) => 1 - t), [1, layout.width]);
    this.placement = new Int32Array(condWidth);
    let at = 0;
    for (const d of conditions) for (let j = 0; j < d.size; j++) this.placement[at++] = d.offset + j;
  }

  /** tanh on scalar columns, Gumbel-softmax (temperature `tau`) within each one-hot span: [batch, width]. */
  activate(raw: tf.Tensor2D, tau: number, rng: Rng): tf.Tensor2D {
    // Gumbel noise is drawn here, not by tfjs: its generator, and WASM's scalar log, are slower
    // than the whole softmax.
    const n = raw.shape[0] * raw.shape[1];
    const gumbel = tf.tensor2d(rng.gumbels(n, this.scratch.take('gumbel', n)), raw.shape);
    return this.activateWith(raw, gumbel, tau);
  }

  /** `activate` with the Gumbel draws given: one WGSL program each way on WebGPU (`fused`), tfjs ops elsewhere. */
  activateWith(raw: tf.Tensor2D, gumbel: tf.Tensor2D, tau: number, fused = runsWgsl()): tf.Tensor2D {
    if (fused) return fusedSpanActivate(raw, gumbel, this.spanLayoutTensor(), tau);
    return this.withScalars(raw, this.spanSoftmax(tf.div(tf.add(raw, gumbel), tau)));
  }

  /**
   * What `activate` then an argmax per span gives, done on the host for generation: tanh on
   * scalars, and per one-hot span a category drawn from softmax(logits) (argmax of logits plus
   * Gumbel noise is such a draw), written as a one-hot. `values` is raw [rows, width], in place.
   */
  sampleOnHost(values: Float32Array, rows: number, rng: Rng): void {
    const { width, spans } = this.layout;
    for (let r = 0; r < rows; r++) {
      const row = r * width;
      for (const s of spans) {
        const start = row + s.start;
        if (s.activation === 'tanh') {
          for (let c = start; c < start + s.size; c++) values[c] = Math.tanh(values[c]);
          continue;
        }
        const end = start + s.size;
        let max = -Infinity;
        for (let c = start; c < end; c++) if (values[c] > max) max = values[c];
        let total = 0;
        for (let c = start; c < end; c++) total += values[c] = Math.exp(values[c] - max);
        const chosen = rng.draw(values, start, end, total);
        values.fill(0, start, end);
        values[chosen] = 1;
      }
    }
  }

  /**
   * `sampleOnHost` on the device, for GPU backends, where that per-row loop on the host and not
   * the generator bounds generation. Per span, the category drawn is the one whose running share
   * first exceeds a uniform draw; the count of columns whose running sum stays below the
   * threshold is its place in the span, so exactly one column per span is set whatever the
   * rounding. `uniforms`: [rows, softmax spans], each in [0, 1).
   */
  drawOnDevice(raw: tf.Tensor2D, uniforms: tf.Tensor2D): tf.Tensor2D {
    const { running, last, places } = (this.drawing ??= this.drawingConstants());
    // Scalar columns' rows of `running` are zero, so their (finite, clipped) weights add nothing.
    const sums = tf.matMul(tf.exp(this.centreByMax(raw)), running);
    const thresholds = tf.matMul(tf.mul(uniforms, tf.matMul(sums, last)), this.segmentsT);
    const place = tf.matMul(tf.cast(tf.less(sums, thresholds), 'float32'), this.segments);
    return this.withScalars(raw, tf.cast(tf.equal(tf.matMul(place, this.segmentsT), places), 'float32') as tf.Tensor2D);
  }

  /** Softmax spans a row has: how many uniforms `drawOnDevice` takes per row. */
  get softmaxSpanCount(): number {
    return this.softmaxSpans.length;
  }

  /**
   * Mean over the batch of the cross-entropy between each row's logits on its conditioned
   * span and the condition (CTGAN's generator loss term). `slots` holds each row's active
   * slot of the conditional vector.
   */
  conditionLoss(raw: tf.Tensor2D, slots: Int32Array, fused = runsWgsl()): tf.Scalar {
    if (fused) {
      const columns = this.scratch.take('targets', slots.length);
      slots.forEach((s, r) => (columns[r] = this.placement[s]));
      return fusedConditionLoss(raw, tf.tensor1d(columns), this.spanLayoutTensor());
    }
    // Built here: tfjs's WASM OneHot writes integer bits into a float32 output.
    const { width } = this.layout;
    const target = this.scratch.zeros('target', slots.length * width);
    slots.forEach((s, r) => (target[r * width + this.placement[s]] = 1));
    const centred = this.centreByMax(raw);
    const logSums = tf.matMul(tf.log(tf.matMul(tf.exp(centred), this.segments)), this.segmentsT);
    const picked = tf.mul(tf.tensor2d(target, raw.shape), tf.sub(centred, logSums));
    return tf.div(tf.neg(tf.sum(picked)), raw.shape[0]) as tf.Scalar;
  }

  private spanLayoutTensor(): tf.Tensor1D {
    return (this.layoutTensor ??= tf.keep(tf.tensor1d(spanLayout(this.layout.width, this.softmaxSpans))));
  }

  dispose(): void {
    tf.dispose([this.segments, this.segmentsT, this.tanhMask, this.softMask, this.spanColumns]);
    if (this.drawing) tf.dispose(Object.values(this.drawing));
    this.layoutTensor?.dispose();
  }

  /**
   * [width, width] with 1 where both columns share a span and the row's column comes first
   * (running sums within spans as one product); [width, spans] with 1 at each span's last
   * column (its total); [1, width] each column's place in its span, −1 on scalar columns.
   */
  private drawingConstants(): { running: tf.Tensor2D; last: tf.Tensor2D; places: tf.Tensor2D } {
    const { width } = this.layout;
    const spans = this.softmaxSpans;
    const running = new Float32Array(width * width);
    const last = new Float32Array(width * spans.length);
    const places = new Float32Array(width).fill(-1);
    spans.forEach(({ start, size }, k) => {
      for (let i = 0; i < size; i++) {
        places[start + i] = i;
        for (let j = i; j < size; j++) running[(start + i) * width + start + j] = 1;
      }
      last[(start + size - 1) * spans.length + k] = 1;
    });
    // Kept: the first call comes from inside a generation step's tidy.
    return {
      running: tf.keep(tf.tensor2d(running, [width, width])),
      last: tf.keep(tf.tensor2d(last, [width, spans.length])),
      places: tf.keep(tf.tensor2d(places, [1, width])),
    };
  }

  /** tanh of `raw` on scalar columns, `spans` on one-hot columns. */
  private withScalars(raw: tf.Tensor2D, spans: tf.Tensor2D): tf.Tensor2D {
    // tanh(x) = 2σ(2x) − 1: WASM's tanh is a scalar loop (1.7 ms on [500, 183]); its sigmoid is vectorised.
    const scalars = tf.sub(tf.mul(tf.sigmoid(tf.mul(raw, 2)), 2), 1);
    return tf.add(tf.mul(scalars, this.tanhMask), tf.mul(spans, this.softMask));
  }

  private spanSoftmax(logits: tf.Tensor2D): tf.Tensor2D {
    const e = tf.exp(this.centreByMax(logits));
    // tanh columns belong to no span: their sum is 0, so 1 is added there to keep the division finite.
    const sums = tf.add(tf.matMul(tf.matMul(e, this.segments), this.segmentsT), this.tanhMask);
    return tf.div(e, sums) as tf.Tensor2D;
  }

  /**
   * Each softmax span's largest logit on all of its columns, 0 on scalar columns: [batch, width].
   * Five kernels whatever the number of spans: a slice and a max per span took two a span, three
   * times a step (about 50 of a step's 930 kernels on a 1,000-row table of nine columns). The
   * gather runs on rows, as copyKernels' WASM gather does (in Chromium, tfjs's own gather along
   * another axis then fails: "wasmGather is not a function").
   */
  private spanMax(logits: tf.Tensor2D): tf.Tensor2D {
    const columns = tf.gather(tf.transpose(logits), this.spanColumns);
    const maxes = tf.max(tf.reshape(columns, [this.softmaxSpans.length, this.widestSpan, -1]), 1);
    // WASM runs a product with transposeA as a scalar loop (0.65 ms here at a batch of 250);
    // after an explicit transpose it runs in XNNPACK, its packed constant kept between calls.
    if (!capabilitiesOf(tf.getBackend()).explicitTranspose) return tf.matMul(maxes, this.segmentsT, true, false);
    return tf.matMul(tf.transpose(maxes), this.segmentsT);
  }
}
