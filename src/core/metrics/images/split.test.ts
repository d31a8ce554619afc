import { describe, expect, it } from 'vitest';
import { drawShapes } from './drawShapes';
import { patchInto } from './patchNet';
import { rotateInto } from './rotations';
import { splitImages, subsetImages } from './split';

describe('splitImages', () => {
  it('holds out a fifth of each label, the same way for the same seed', () => {
    const set = drawShapes({ perLabel: 23, size: 16, shapes: ['dot', 'ring', 'plus'] });
    const a = splitImages(set, 0.2, 4);
    const b = splitImages(set, 0.2, 4);
    expect(a.heldOutIndices).toEqual(b.heldOutIndices);
    expect(splitImages(set, 0.2, 5).heldOutIndices).not.toEqual(a.heldOutIndices);
    for (let label = 0; label < 3; label++) {
      expect(a.heldOut.labelOf.filter((l) => l === label).length).toBe(5);
      expect(a.train.labelOf.filter((l) => l === label).length).toBe(18);
    }
    // Every image lands on exactly one side, with its own pixels and name.
    expect(new Set([...a.trainIndices, ...a.heldOutIndices]).size).toBe(set.count);
    const i = a.heldOutIndices[2];
    expect(a.heldOut.names[2]).toBe(set.names[i]);
    expect(a.heldOut.pixels.subarray(2 * 256, 3 * 256)).toEqual(set.pixels.subarray(i * 256, (i + 1) * 256));
  });

  it('holds out one of a small label and none of a label with one image', () => {
    // Labels alternate: even images are dots, odd ones rings.
    const set = drawShapes({ perLabel: 3, size: 16, shapes: ['dot', 'ring'] });
    const small = subsetImages(set, [0, 1, 2, 4, 5]); // 3 dots, 2 rings
    const lone = subsetImages(set, [0, 2, 4, 1]); // 3 dots, 1 ring
    const split = splitImages(small, 0.2, 1);
    expect([...split.heldOut.labelOf].sort()).toEqual([0, 1]);
    const loneSplit = splitImages(lone, 0.2, 1);
    expect([...loneSplit.heldOut.labelOf]).toEqual([0]);
    expect([...loneSplit.train.labelOf].filter((l) => l === 1)).toEqual([1]);
  });
});

describe('image permutations', () => {
  const image = Float32Array.from({ length: 8 * 8 * 2 }, (_, i) => i);

  it('turns an image a quarter clockwise, and back after four turns', () => {
    const once = new Float32Array(image.length);
    rotateInto(image, 8, 2, 1, once, 0);
    // Clockwise: the top-left pixel of the result is the bottom-left of the source.
    expect([once[0], once[1]]).toEqual([image[7 * 16], image[7 * 16 + 1]]);
    let turned = image;
    for (let q = 0; q < 4; q++) {
      const next = new Float32Array(image.length);
      rotateInto(turned, 8, 2, 1, next, 0);
      turned = next;
    }
    expect(turned).toEqual(image);
  });

  it('cuts an image into 4×4 patches, each a run of 16 pixels', () => {
    const out = new Float32Array(image.length);
    patchInto(image, 8, 2, out, 0);
    expect([...out].sort((a, b) => a - b)).toEqual([...image]);
    // The second patch (top row, right) starts at pixel (0, 4); its second row at (1, 4).
    expect(out[32]).toBe(image[4 * 2]);
    expect(out[32 + 8]).toBe(image[(8 + 4) * 2]);
  });
});
