import * as tf from '@tensorflow/tfjs';
import { unzipSync, zipSync } from 'fflate';
import { beforeAll, describe, expect, it } from 'vitest';
import { installKernels } from '../backend/kernels';
import { drawDigits } from '../data/images/drawnDigits';
import { imageAt } from '../data/images/imageSet';
import { decodePng, encodePng } from '../data/images/png';
import { decodePngOnly } from '../data/images/testImages';
import { ImageSession } from './imageSession';

/** The drawn digits as a user's zip: one folder of PNGs per label. */
function digitsZip(count: number): Uint8Array {
  const set = drawDigits(count, 16, 5);
  const files: Record<string, Uint8Array> = {};
  for (let i = 0; i < set.count; i++) {
    const grey = Uint8Array.from(imageAt(set, i), (v) => Math.round((v + 1) * 127.5));
    files[`digits/${set.labels[set.labelOf[i]]}/${i}.png`] = encodePng(grey, 16, 16, 1);
  }
  return zipSync(files);
}

describe('ImageSession', () => {
  beforeAll(async () => {
    await tf.setBackend('cpu');
    installKernels();
  });

  it('reads a zip of labelled images, trains, judges and writes a zip of PNGs with a manifest', async () => {
    const session = await ImageSession.open('digits.zip', { zip: digitsZip(60), name: 'digits.zip' }, decodePngOnly);
    const tensors = tf.memory().numTensors;
    try {
      const view = session.setChoices({ size: 16, channels: 1, fit: 'crop' });
      expect(view.count).toBe(60);
      expect(view.labels.map((l) => l.label)).toEqual(['0', '1', '2', '3', '4', '5', '6', '7', '8', '9']);
      expect(view.seed.rowLabels).toHaveLength(10);
      const plan = await session.prepare(2, { generatorWidth: 16, criticWidth: 8, noiseDim: 8, embeddingDim: 4, batchSize: 16 });
      expect(plan.trainingRows + plan.validationRows).toBe(60);
      const epochs: number[] = [];
      const outcome = await session.train({ onEpoch: (v) => epochs.push(v.epoch) });
      expect(outcome.epochs).toBe(2);
      expect(epochs[0]).toBe(0);
      const { report, closest } = await session.buildReport();
      expect(report.figures.length).toBeGreaterThan(0);
      expect(closest?.cols).toBe(Math.min(8, 2 * report.closestPairs.length));
      expect(new Set(report.closestPairs.map((p) => p.training)).size).toBe(report.closestPairs.length);

      const file = await session.exportImages(25, null);
      const entries = unzipSync(file.parts[0] as Uint8Array);
      const pngs = Object.keys(entries).filter((n) => n.endsWith('.png'));
      expect(pngs).toHaveLength(25);
      const manifest = new TextDecoder().decode(entries['manifest.csv']).trim().split(/\r?\n/);
      expect(manifest[0]).toBe('file,label');
      expect(manifest).toHaveLength(26);
      for (const line of manifest.slice(1)) {
        const [path, label] = line.split(',');
        expect(path.startsWith(`${label}/`)).toBe(true);
        expect(entries[path]).toBeDefined();
      }
      const first = decodePng(entries[pngs[0]]);
      expect([first.width, first.height]).toEqual([16, 16]);

      const threes = await session.exportImages(5, '3');
      expect(Object.keys(unzipSync(threes.parts[0] as Uint8Array)).filter((n) => n.endsWith('.png')).every((n) => n.startsWith('3/'))).toBe(true);
      await expect(session.exportImages(5, 'owl')).rejects.toThrow('"owl" is not a label');
    } finally {
      session.dispose();
    }
    expect(tf.memory().numTensors).toBe(tensors);
  }, 120_000);
});
