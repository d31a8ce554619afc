// `npm run images:draw -- --count 2000 --size 32 --out images.zip` (or `--folder dir/`) [--seed S]
// Writes the repo's drawn digits (src/core/data/images/drawnDigits.ts) as PNGs in one folder per label:
// a zip (with manifest.csv), or a folder of label folders, for trying the image studio.
import { mkdirSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { parseArgs } from 'node:util';
import { drawDigits } from '../src/core/data/images/drawnDigits';
import { IMAGE_SIZES, type ImageSize } from '../src/core/data/images/imageSet';
import { imageZip, imageZipFiles } from '../src/core/export/imageZip';

const { values } = parseArgs({
  options: {
    count: { type: 'string', default: '2000' },
    size: { type: 'string', default: '32' },
    seed: { type: 'string', default: '1' },
    out: { type: 'string' },
    folder: { type: 'string' },
  },
});
const count = Number(values.count);
const size = Number(values.size) as ImageSize;
if (!Number.isInteger(count) || count < 1) throw new Error('--count must be a whole number of images');
if (!IMAGE_SIZES.includes(size)) throw new Error(`--size must be one of ${IMAGE_SIZES.join(', ')}`);
if (!values.out === !values.folder) throw new Error('give one of --out FILE.zip or --folder DIR');

const set = drawDigits(count, size, Number(values.seed));
if (values.out) {
  mkdirSync(dirname(values.out), { recursive: true });
  writeFileSync(values.out, imageZip(set.pixels, set.labelOf, set.labels, size, 1));
  console.log(`wrote ${count} digits at ${size} px to ${values.out}`);
} else {
  // A folder holds only the images: a manifest beside them would be read as one more file.
  for (const file of imageZipFiles(set.pixels, set.labelOf, set.labels, size, 1)) {
    if (file.name === 'manifest.csv') continue;
    const path = join(values.folder!, file.name);
    mkdirSync(dirname(path), { recursive: true });
    writeFileSync(path, file.bytes);
  }
  console.log(`wrote ${count} digits at ${size} px into ${values.folder}`);
}
