// `npm run images:sample` writes public/samples/emoji.zip, the image studio's Try a sample:
// Twemoji graphics (CC-BY 4.0) from the emoji-datasource-twitter package (a devDependency),
// 64 px PNGs as the package ships them, in one folder per group of look-alike emoji, and
// public/samples/emoji-LICENSE.txt with the attribution the licence asks for.
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { writeZip, type ZipInput } from '../src/core/data/zip';

interface Emoji {
  short_name: string;
  image: string;
  subcategory: string;
  sort_order: number;
  has_img_twitter: boolean;
}

/** Each label and the Unicode subcategories it is drawn from: groups that look alike. */
const GROUPS: Record<string, string[]> = {
  faces: ['face-smiling', 'face-affection', 'face-tongue', 'face-hand', 'face-neutral-skeptical', 'face-sleepy', 'face-concerned'],
  mammals: ['animal-mammal'],
  birds: ['animal-bird'],
  fruit: ['food-fruit'],
  plants: ['plant-flower', 'plant-other'],
  vehicles: ['transport-ground'],
  hearts: ['heart'],
  flags: ['country-flag'],
  clothes: ['clothing'],
  clocks: ['time'],
};
const PER_LABEL = 24;
const OUT = 'public/samples/emoji.zip';

const require = createRequire(import.meta.url);
const root = dirname(require.resolve('emoji-datasource-twitter/package.json'));
const { version } = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8')) as { version: string };
const emoji = (JSON.parse(readFileSync(join(root, 'emoji.json'), 'utf8')) as Emoji[]).filter((e) => e.has_img_twitter).sort((a, b) => a.sort_order - b.sort_order);

const files: ZipInput[] = [];
for (const [label, subcategories] of Object.entries(GROUPS)) {
  const group = emoji.filter((e) => subcategories.includes(e.subcategory));
  // Spread over the group rather than its first few, which are often near-copies (clock faces by the hour).
  const picked = Array.from({ length: Math.min(PER_LABEL, group.length) }, (_, i) => group[Math.floor((i * group.length) / Math.min(PER_LABEL, group.length))]);
  for (const e of picked) files.push({ name: `${label}/${e.short_name}.png`, bytes: readFileSync(join(root, 'img/twitter/64', e.image)), compress: true });
  console.log(`${label}: ${picked.length} of ${group.length}`);
}
mkdirSync(dirname(OUT), { recursive: true });
const zip = writeZip(files);
writeFileSync(OUT, zip);
writeFileSync(
  'public/samples/emoji-LICENSE.txt',
  `The images in emoji.zip are Twemoji graphics.

Twemoji: Copyright 2019 Twitter, Inc and other contributors; maintained since at
https://github.com/jdecked/twemoji by its contributors.
Graphics licensed under CC-BY 4.0: https://creativecommons.org/licenses/by/4.0/

Taken from the npm package emoji-datasource-twitter ${version}
(https://github.com/iamcal/emoji-data, MIT licence, Copyright (c) 2013 Cal Henderson),
which ships the Twemoji graphics as 64 px PNGs.

Changes: ${files.length} of those PNGs were chosen and put in one folder per group of
Unicode subcategories; the folder names (${Object.keys(GROUPS).join(', ')})
are Mitosis Studio's. The images themselves are unchanged. scripts/imageSample.ts
makes the selection.
`,
);
console.log(`wrote ${files.length} images to ${OUT} (${(zip.length / 1e3).toFixed(0)} kB)`);
