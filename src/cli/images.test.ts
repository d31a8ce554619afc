import { unzipSync, zipSync } from 'fflate';
import { execFile } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { describe, expect, it } from 'vitest';
import { drawDigits } from '../core/data/images/drawnDigits';
import { imageAt } from '../core/data/images/imageSet';
import { decodePng, encodePng } from '../core/data/images/png';

const run = promisify(execFile);
const TSX = join(process.cwd(), 'node_modules', '.bin', 'tsx');
const SYNTH = join(process.cwd(), 'src', 'cli', 'synth.ts');

/** A folder of drawn digits, one subfolder per label, as a user would have it. */
function digitsFolder(dir: string, count: number): string {
  const set = drawDigits(count, 16, 4);
  const root = join(dir, 'digits');
  for (let i = 0; i < set.count; i++) {
    const label = set.labels[set.labelOf[i]];
    mkdirSync(join(root, label), { recursive: true });
    const grey = Uint8Array.from(imageAt(set, i), (v) => Math.round((v + 1) * 127.5));
    writeFileSync(join(root, label, `${i}.png`), encodePng(grey, 16, 16, 1));
  }
  return root;
}

describe('npm run synth on images', () => {
  it('trains on a folder of labelled images and writes a zip of PNGs with a manifest', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'synth-images-'));
    const out = join(dir, 'synth.zip');
    const report = join(dir, 'report.json');
    const { stderr } = await run(TSX, [SYNTH, '--input', digitsFolder(dir, 40), '--out', out, '--rows', '24', '--epochs', '2', '--report', report]);
    expect(stderr).toMatch(/read 40 images in 10 labels/);
    expect(stderr).toMatch(/epoch 2\/2/);
    expect(stderr).toMatch(/wrote 24 images/);
    const entries = unzipSync(readFileSync(out));
    const manifest = new TextDecoder().decode(entries['manifest.csv']).trim().split(/\r?\n/);
    expect(manifest).toHaveLength(25);
    for (const line of manifest.slice(1)) {
      const [file, label] = line.split(',');
      expect(file.startsWith(`${label}/`)).toBe(true);
      const image = decodePng(entries[file]);
      expect([image.width, image.height]).toEqual([16, 16]);
    }
    const judged = JSON.parse(readFileSync(report, 'utf8')) as { figures: unknown[]; verdicts: string[] };
    expect(judged.figures.length).toBeGreaterThan(0);
    expect(judged.verdicts.length).toBeGreaterThan(0);
  }, 120_000);

  it('names a damaged image it skipped, and refuses a zip with a name that leaves its folder', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'synth-images-'));
    const folder = digitsFolder(dir, 20);
    writeFileSync(join(folder, '3', 'broken.png'), new TextEncoder().encode('\x89PNG\r\n\x1a\n not really a png'));
    const { stderr } = await run(TSX, [SYNTH, '--input', folder, '--out', join(dir, 'out.zip'), '--rows', '5', '--epochs', '1']);
    expect(stderr).toMatch(/Skipped 1 image that could not be read.*digits\/3\/broken\.png/);
    const evil = join(dir, 'evil.zip');
    writeFileSync(evil, zipSync({ 'a/one.png': encodePng(new Uint8Array(64), 8, 8, 1), '../evil.png': encodePng(new Uint8Array(64), 8, 8, 1) }));
    const refused = run(TSX, [SYNTH, '--input', evil, '--out', join(dir, 'evil-out.zip')]);
    await expect(refused).rejects.toMatchObject({ code: 2, stderr: expect.stringMatching(/"\.\.\/evil\.png".*zip slip/) });
  }, 120_000);

  it('refuses a folder of images written as a table', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'synth-images-'));
    const folder = digitsFolder(dir, 20);
    await expect(run(TSX, [SYNTH, '--input', folder, '--out', join(dir, 'out.csv')])).rejects.toMatchObject({ stderr: expect.stringMatching(/is a folder, read as images.*--out must end in \.zip/) });
  });
});

describe('an image model bundle', () => {
  it('is saved after training and generates the same images from --model', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'synth-images-'));
    const bundle = join(dir, 'digits.mitosis.zip');
    const first = join(dir, 'first.zip');
    await run(TSX, [SYNTH, '--input', digitsFolder(dir, 30), '--out', first, '--rows', '12', '--epochs', '1', '--save-model', bundle]);
    const again = join(dir, 'again.zip');
    const { stderr } = await run(TSX, [SYNTH, '--model', bundle, '--out', again, '--rows', '12']);
    expect(stderr).toMatch(/an image model trained on \d+ images of digits \(10 labels\)/);
    const [a, b] = [first, again].map((p) => unzipSync(readFileSync(p)));
    expect(Object.keys(b).sort()).toEqual(Object.keys(a).sort());
    for (const name of Object.keys(a)) expect(Buffer.from(b[name]).equals(Buffer.from(a[name])), name).toBe(true);
    await expect(run(TSX, [SYNTH, '--model', bundle, '--out', join(dir, 'x.csv')])).rejects.toMatchObject({ stderr: expect.stringMatching(/holds a model of images.*--out must end in \.zip/) });
  }, 120_000);
});
