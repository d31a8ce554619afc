import { useEffect, useRef } from 'react';
import type { ImageGrid } from '../core/session/imageTypes';

/** A small checksum of a grid's pixels, so tests and people can tell a redrawn grid changed. */
function checksum(rgba: Uint8ClampedArray): number {
  let sum = 0;
  for (let i = 0; i < rgba.length; i += 4) sum = (sum * 31 + rgba[i]) % 1_000_003;
  return sum;
}

/** Draws a tiled grid of images on a canvas; the labels of its rows are listed beside it. */
export function ImageCanvas({ grid, label, testId }: { grid: ImageGrid; label: string; testId: string }) {
  const ref = useRef<HTMLCanvasElement>(null);
  useEffect(() => {
    const canvas = ref.current;
    const context = canvas?.getContext('2d');
    if (!canvas || !context) return;
    canvas.width = grid.width;
    canvas.height = grid.height;
    context.putImageData(new ImageData(grid.rgba, grid.width, grid.height), 0, 0);
  }, [grid]);
  return (
    <figure className="image-grid">
      <canvas ref={ref} role="img" aria-label={label} data-testid={testId} data-checksum={checksum(grid.rgba)} style={{ width: grid.width * 2, maxWidth: '100%' }} />
      {grid.rowLabels.length > 0 && <figcaption>Rows: {grid.rowLabels.join(', ')}</figcaption>}
    </figure>
  );
}
