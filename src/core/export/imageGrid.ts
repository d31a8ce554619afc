/** Images tiled into one RGBA picture, ready for a canvas: `cols × rows` tiles of `tile` pixels. */
export interface ImageGrid {
  width: number;
  height: number;
  tile: number;
  cols: number;
  rows: number;
  rgba: Uint8ClampedArray<ArrayBuffer>;
  /** What each row of tiles shows (a label), when rows mean something. */
  rowLabels: string[];
}

/** Pixels between tiles, so neighbouring images read as separate. */
const GAP = 1;

/**
 * Tiles `count` NHWC images (values in [-1, 1], `channels` 1 or 3) into one RGBA picture of
 * `cols` tiles a row, scaled up `zoom` times (nearest neighbour; by default 4× at 16 px, 2× at 32).
 */
export function tileImages(
  pixels: Float32Array,
  count: number,
  size: number,
  channels: number,
  cols: number,
  options: { zoom?: number; rowLabels?: string[] } = {},
): ImageGrid {
  // Small images drawn larger, so a 16-pixel image is not a speck.
  const zoom = options.zoom ?? (size <= 16 ? 4 : size <= 32 ? 2 : 1);
  const tile = size * zoom;
  const rows = Math.max(1, Math.ceil(count / cols));
  const width = cols * (tile + GAP) - GAP;
  const height = rows * (tile + GAP) - GAP;
  const rgba = new Uint8ClampedArray(width * height * 4);
  const per = size * size * channels;
  for (let i = 0; i < count; i++) {
    const x0 = (i % cols) * (tile + GAP);
    const y0 = Math.floor(i / cols) * (tile + GAP);
    for (let y = 0; y < tile; y++) {
      for (let x = 0; x < tile; x++) {
        const src = i * per + (Math.floor(y / zoom) * size + Math.floor(x / zoom)) * channels;
        const dst = ((y0 + y) * width + x0 + x) * 4;
        for (let c = 0; c < 3; c++) rgba[dst + c] = Math.round((pixels[src + (channels === 3 ? c : 0)] + 1) * 127.5);
        rgba[dst + 3] = 255;
      }
    }
  }
  return { width, height, tile, cols, rows, rgba, rowLabels: options.rowLabels ?? [] };
}
