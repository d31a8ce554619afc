/**
 * Writes `image` (size × size × channels, row-major) turned by `quarters` quarter turns
 * clockwise into `out` at `at`. The classifier's task when a seed has one label: telling
 * which way up an image is needs the same strokes and shapes that tell labels apart, so its
 * features still describe the images.
 */
export function rotateInto(image: Float32Array, size: number, channels: number, quarters: number, out: Float32Array, at: number): void {
  const q = ((quarters % 4) + 4) % 4;
  const last = size - 1;
  for (let y = 0; y < size; y++) {
    for (let x = 0; x < size; x++) {
      // Source pixel of target (y, x) for each turn.
      let sy = y;
      let sx = x;
      if (q === 1) [sy, sx] = [last - x, y];
      else if (q === 2) [sy, sx] = [last - y, last - x];
      else if (q === 3) [sy, sx] = [x, last - y];
      const from = (sy * size + sx) * channels;
      const to = at + (y * size + x) * channels;
      for (let c = 0; c < channels; c++) out[to + c] = image[from + c];
    }
  }
}
