import { zipSync } from 'fflate';
import { describe, expect, it } from 'vitest';
import { InputError } from '../../util/errors';
import { scanImages } from './scan';
import { checkZipSize } from './sources';
import { declare, decodePngOnly, pngFiles, solidPng, zipOf } from './testImages';

const scanZip = (files: Record<string, Uint8Array>, name = 'photos.zip') => scanImages({ zip: zipOf(files), name }, decodePngOnly);

/** The message of the InputError `promise` rejects with. */
async function refusal(promise: Promise<unknown>): Promise<string> {
  const err = await promise.then(
    () => null,
    (e: unknown) => e,
  );
  expect(err).toBeInstanceOf(InputError);
  return (err as InputError).message;
}

const GIF = new TextEncoder().encode('GIF89a\x01\x00\x01\x00');
const text = (s: string) => new TextEncoder().encode(s);

describe('scanImages: bad input', () => {
  it('skips a damaged image with a note naming it, and refuses when no image reads', async () => {
    const good = pngFiles('a', 10);
    const cut = good['a/img0.png'].slice(0, 60);
    const scan = await scanZip({ ...good, 'a/broken.png': cut, 'a/fake.png': text('not a png at all') });
    expect(scan.summary.count).toBe(10);
    expect(scan.summary.notes).toEqual(['Skipped 2 images that could not be read (damaged, or not what the name says): a/broken.png, a/fake.png.']);
    expect(await refusal(scanZip({ 'a/broken.png': cut, 'a/fake.png': text('nope') }))).toBe(
      '"photos.zip" holds no image the studio can read. It holds 2 images that could not be read, damaged or not what the name says (a/broken.png, a/fake.png).',
    );
  });

  it('skips files of other kinds with a note, and lists the accepted types when nothing else is there', async () => {
    const scan = await scanZip({ ...pngFiles('a', 10), 'a/anim.gif': GIF, 'a/readme.txt': text('hello') });
    expect(scan.summary.notes).toEqual(['Skipped 2 files that are not PNG, JPEG or WebP (GIF: 1, other: 1): a/anim.gif, a/readme.txt.']);
    expect(await refusal(scanZip({ 'a.gif': GIF, 'b.gif': GIF }))).toBe(
      '"photos.zip" holds no image the studio can read. It holds 2 files of other kinds (GIF: 2): the studio reads PNG, JPEG or WebP, so convert them to PNG or JPEG.',
    );
    expect(await refusal(scanZip({}))).toBe('"photos.zip" holds no files. Choose a zip or a folder of PNG, JPEG or WebP images.');
  });

  it('refuses a whole zip that holds a traversal name, naming the entry', async () => {
    for (const name of ['../evil.png', 'a/../../evil.png', '/etc/evil.png', '..\\evil.png', 'C:/evil.png', 'a\\..\\..\\evil.png']) {
      const message = await refusal(scanZip({ ...pngFiles('a', 10), [name]: solidPng(2, 2, [0, 0, 0]) }));
      expect(message).toBe(
        `"photos.zip" holds an entry named ${JSON.stringify(name)} that points outside the zip's folder (a "zip slip" name); nothing was read. Zip the folder of images again from inside it.`,
      );
    }
    const files = [...Object.entries(pngFiles('a', 10)).map(([path, bytes]) => ({ path, bytes })), { path: 'a/../../x.png', bytes: solidPng(2, 2, [0, 0, 0]) }];
    expect(await refusal(scanImages({ files }, decodePngOnly))).toBe('The upload has a file named "a/../../x.png", which points outside its folder; nothing was read. Choose the folder itself.');
    // A Windows zipper's backslashes are separators, not a trick.
    expect((await scanZip(Object.fromEntries(Object.entries(pngFiles('a', 10)).map(([k, v]) => [k.replace('/', '\\'), v])))).labels).toEqual(['all']);
  });

  it('skips a zip inside the zip unopened, with a note', async () => {
    const inner = zipSync(pngFiles('x', 10));
    const scan = await scanZip({ ...pngFiles('a', 10), 'a/more.zip': inner, 'a/misnamed.png': inner });
    expect(scan.summary.count).toBe(10);
    expect(scan.summary.notes).toEqual([
      'Skipped 2 zips inside the upload (a/more.zip, a/misnamed.png): a zip within the upload is not opened. Unzip them and upload the folder instead.',
    ]);
  });

  it('refuses a zip over the size limit from its size alone, saying how large it is', () => {
    expect(() => checkZipSize('big.zip', 2_147_483_648)).toThrow(new InputError('"big.zip" is 2.1 GB; the studio reads zips up to 512 MB. Zip fewer or smaller images and try again.'));
    expect(() => checkZipSize('ok.zip', 512_000_000)).not.toThrow();
  });

  it('refuses declared sizes that make a bomb before inflating anything', async () => {
    const files = pngFiles('a', 20);
    const bomb = declare(zipOf(files), 'a/img3.png', 50_000_000, 1000);
    expect(await refusal(scanImages({ zip: bomb, name: 'photos.zip' }, decodePngOnly))).toBe(
      '"photos.zip" declares "a/img3.png" to inflate 50000 times its packed size (a zip bomb?). Nothing was loaded.',
    );
    // Each entry within the ratio, but all together over the limit (their data is never read).
    let huge = zipOf(files);
    for (const name of Object.keys(files)) huge = declare(huge, name, 60_000_000, 60_000);
    expect(await refusal(scanImages({ zip: huge, name: 'photos.zip' }, decodePngOnly))).toBe(
      '"photos.zip" would unpack to more than 1 GB (20 files); nothing was read. Zip fewer images.',
    );
  });

  it('reads no more of an entry than it declares, and skips one that lies or fails its checksum', async () => {
    const files = pngFiles('a', 11, 16);
    const liar = declare(zipOf(files), 'a/img1.png', 40);
    const scan = await scanImages({ zip: liar, name: 'photos.zip' }, decodePngOnly);
    expect(scan.summary.notes).toEqual(['Skipped 1 image that could not be read (damaged, or not what the name says): a/img1.png.']);
    const flipped = zipOf(files);
    flipped[80] ^= 0xff;
    const damaged = await scanImages({ zip: flipped, name: 'photos.zip' }, decodePngOnly);
    expect(damaged.summary.count).toBe(10);
  });

  it('skips an image whose header declares more pixels than the limit, without decoding it', async () => {
    const huge = solidPng(4, 4, [0, 0, 0]);
    new DataView(huge.buffer).setUint32(16, 10_000);
    new DataView(huge.buffer).setUint32(20, 8_000);
    let decoded = 0;
    const counting = async (b: Uint8Array, t: 'png' | 'jpeg' | 'webp', n: string) => (decoded++, decodePngOnly(b, t, n));
    const scan = await scanImages({ zip: zipOf({ ...pngFiles('a', 10), 'a/huge.png': huge }), name: 'photos.zip' }, counting);
    expect(decoded).toBe(10);
    expect(scan.summary.notes).toEqual(['Skipped 1 file too large to read (over 64 MB or 50 megapixels): a/huge.png. Scale it down to include it.']);
  });

  it('refuses a set of one image, saying how many it needs and why', async () => {
    expect(await refusal(scanZip({ 'cat.png': solidPng(4, 4, [1, 2, 3]) }))).toBe(
      '"photos.zip" has 1 image the studio can use; it needs at least 10: a model learns a set from many examples, and the quality checks keep some aside to compare against. Add more images.',
    );
    const files = [{ path: 'only.png', bytes: solidPng(4, 4, [1, 2, 3]) }];
    expect(await refusal(scanImages({ files }, decodePngOnly))).toMatch(/^The upload has 1 image the studio can use; it needs at least 10/);
  });

  it('leaves out a label with one image, with a note saying how to include it', async () => {
    const scan = await scanZip({ ...pngFiles('set/cats', 6), ...pngFiles('set/dogs', 6), 'set/owl/one.png': solidPng(4, 4, [9, 9, 9]) });
    expect(scan.labels).toEqual(['cats', 'dogs']);
    expect(scan.summary.count).toBe(12);
    expect(scan.summary.notes).toEqual([
      'Left out 1 label with a single image: "owl" (set/owl/one.png). Each label needs at least 2 images, one to learn from and one to check against; add images to that folder to include it.',
    ]);
  });

  it('says when images come in several sizes, and resizes them all', async () => {
    const scan = await scanZip({ ...pngFiles('a', 8, 28), ...pngFiles('b', 3, 32), 'b/wide.png': solidPng(64, 48, [0, 0, 0]) });
    expect(scan.summary.sizes).toEqual([
      { width: 28, height: 28, count: 8 },
      { width: 32, height: 32, count: 3 },
      { width: 64, height: 48, count: 1 },
    ]);
    expect(scan.summary.notes).toEqual(['The images come in 3 sizes (28×28: 8, 32×32: 3, 64×48: 1); each is resized to the working size.']);
  });

  it('refuses too many images or labels before decoding any', async () => {
    const bytes = solidPng(1, 1, [0, 0, 0]);
    let decoded = 0;
    const counting = async (b: Uint8Array, t: 'png' | 'jpeg' | 'webp', n: string) => (decoded++, decodePngOnly(b, t, n));
    const many = Array.from({ length: 20_001 }, (_, i) => ({ path: `set/a/${i}.png`, bytes }));
    expect(await refusal(scanImages({ files: many }, counting))).toBe(
      'The upload holds 20,001 files; the studio reads at most 20,000 images (they are all kept in the tab\'s memory). Choose fewer images, e.g. fewer per folder.',
    );
    const labels = Array.from({ length: 101 }, (_, i) => ({ path: `set/l${i}/x.png`, bytes }));
    expect(await refusal(scanImages({ files: labels }, counting))).toBe(
      'The upload has 101 folders of images, each a label; the studio learns at most 100 labels. Merge folders or choose fewer.',
    );
    expect(decoded).toBe(0);
  });

  it('passes on a decoder that cannot read a type at all', async () => {
    const noWebp = async () => {
      throw new InputError('WebP is read in the app; convert to PNG for the command line.');
    };
    const webp = new Uint8Array([...text('RIFF\x1a\x00\x00\x00WEBPVP8L\x0d\x00\x00\x00\x2f\x07\xc0\x01\x00'), ...new Array(12).fill(0)]);
    expect(await refusal(scanImages({ files: [{ path: 'a.webp', bytes: webp }] }, noWebp))).toBe(
      'The upload holds no image the studio can read. It holds 1 image the decoder turned down: WebP is read in the app; convert to PNG for the command line. (a.webp)',
    );
  });
});
