import type { ImageChoices } from '../core/data/images/imageSet';
import type { FromWorker } from '../worker/protocol';
import { MAX_GENERATED_ROWS } from '../core/util/limits';
import type { StudioState } from './types';

const MAX_LOSS_POINTS = 5000;

/** Where a measured step time is kept: by backend and batch for tables, by working size for images. */
export function speedKey(backend: string | null, of: number | ImageChoices | undefined): string {
  return typeof of === 'object' ? `${backend}:images${of.size}x${of.channels}` : `${backend}:${of}`;
}

/** How each worker message changes the studio's state: a pure function, so tests need no worker. */
export function reduce(state: StudioState, message: FromWorker): Partial<StudioState> {
  switch (message.type) {
    case 'backend':
      return { backend: message.backend, adapter: message.adapter, backendNote: message.note ?? null, backendTiming: false };
    case 'probe':
      return { probeMs: { ...state.probeMs, [message.backend]: message.ms } };
    case 'loading':
      return { loading: { name: message.name, share: message.share } };
    case 'loaded':
      return {
        loading: null,
        error: null,
        fileName: message.name,
        bundle: null,
        kept: null,
        autosave: null,
        rowCount: message.rows,
        // As many rows as the seed, the size a user most often wants back.
        genRows: Math.min(MAX_GENERATED_ROWS, Math.max(1, message.rows)),
        columns: message.columns,
        rules: [],
        encoding: message.encoding ?? null,
        renamed: message.renamed ?? [],
        trainedEpochs: 0,
        modelReady: false,
        progress: null,
        recovered: null,
        run: null,
        choices: [],
        latest: null,
        generated: null,
        condition: null,
        report: null,
        reportTarget: null,
        losses: { step: [], discriminator: [], generator: [], penalty: [] },
        fidelity: { epoch: [], score: [], pairs: [] },
        images: null,
        imageLive: null,
        imageReport: null,
      };
    case 'imagesLoaded':
      // Everything a new table resets; the studio now works on these images.
      return {
        ...reduce(state, { type: 'loaded', name: message.seed.name, rows: message.seed.count, columns: [] }),
        images: message.seed,
        imageLabel: null,
        modelReady: message.seed.loaded,
      };
    case 'imageEpoch':
      return { imageLive: message.view };
    case 'imageGrid':
      return state.imageLive ? { imageLive: { ...state.imageLive, ...message.view } } : {};
    case 'imageReport':
      return { imageReport: message.report };
    case 'modelLoaded':
      // Everything a new table resets, with no table: the bundle's model is ready to generate.
      return {
        ...reduce(state, { type: 'loaded', name: message.source, rows: 0, columns: [] }),
        fileName: null,
        bundle: { name: message.name, source: message.source, rows: message.rows, columns: message.columns },
        trainedEpochs: message.epochs,
        modelReady: true,
        stoppedEarly: false,
        converged: false,
        refinedKeep: null,
        choices: message.choices,
      };
    case 'schema':
      return { columns: message.columns, error: null };
    case 'rules':
      return { rules: message.rules };
    case 'error':
      return {
        error: { task: message.task, message: message.message },
        loading: message.task === 'load' ? null : state.loading,
        status: message.task === 'train' || message.task === 'project' ? 'idle' : state.status,
        generating: message.task === 'generate' ? null : state.generating,
        exporting: message.task === 'export' ? null : state.exporting,
        reportBusy: message.task === 'report' ? false : state.reportBusy,
        backendTiming: message.task === 'backend' ? false : state.backendTiming,
      };
    case 'trainStarted':
      return {
        // A resumed run starts here, with no Train click before it.
        status: state.status === 'idle' ? 'training' : state.status,
        trainedEpochs: message.resumedFrom,
        run: { epochs: message.epochs, validationRows: message.validationRows, stepsPerEpoch: message.stepsPerEpoch, batch: message.batch, preprocessSeconds: message.preprocessSeconds, trainingRows: message.trainingRows, derived: message.derived, keys: message.keys, lines: message.lines, scaled: message.scaled, resumedFrom: message.resumedFrom },
        losses: { step: [], discriminator: [], generator: [], penalty: [] },
        fidelity: { epoch: [], score: [], pairs: [] },
        recovered: null,
        generated: null,
        latest: null,
        modelReady: false,
        choices: [],
        report: null,
        reportTarget: null,
        imageLive: null,
        imageReport: null,
      };
    case 'progress': {
      const { losses } = state;
      const p = message.progress;
      const speed = state.backend ? { ...state.speed, [speedKey(state.backend, state.images?.choices ?? state.run?.batch)]: 1 / p.stepsPerSecond } : state.speed;
      const keep = (xs: number[], x: number) => [...(xs.length >= MAX_LOSS_POINTS ? xs.slice(1) : xs), x];
      return {
        progress: p,
        speed,
        losses: {
          step: keep(losses.step, p.step),
          discriminator: keep(losses.discriminator, p.losses.discriminator),
          generator: keep(losses.generator, p.losses.generator),
          penalty: keep(losses.penalty, p.losses.penalty),
        },
      };
    }
    case 'epoch':
      return {
        latest: message.report,
        fidelity: {
          epoch: [...state.fidelity.epoch, message.report.epoch],
          score: [...state.fidelity.score, message.report.fidelity],
          pairs: [...state.fidelity.pairs, message.report.pairTrends],
        },
      };
    case 'recovered':
      return { recovered: { cause: message.cause, epoch: message.epoch, generatorLr: message.generatorLr, discriminatorLr: message.discriminatorLr } };
    case 'trainEnded':
      return { status: 'idle', trainedEpochs: message.epochs, modelReady: true, stoppedEarly: message.stopped, converged: message.converged, refinedKeep: message.refinedKeep, choices: message.choices };
    case 'generateProgress':
      return { generating: { done: message.done, total: message.total } };
    case 'generated':
      return { generating: null, generated: { rows: message.rows, seconds: message.seconds, preview: message.preview } };
    case 'file':
      return { exporting: null };
    case 'report':
      return { report: message.report, reportTarget: message.report.usefulness?.target ?? null, reportBusy: false };
    case 'project':
      // Nothing kept any more (forgotten): the autosave line goes too.
      return message.project ? { kept: message.project } : { kept: null, autosave: null };
    case 'autosaved':
      return { autosave: { epoch: message.epoch, ms: message.ms, bytes: message.bytes } };
    case 'autosaveFailed':
      return { autosave: { failed: message.message } };
  }
}
