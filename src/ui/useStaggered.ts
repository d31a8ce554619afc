import { useEffect, useState } from 'react';

/**
 * How many of `total` items to render now: `perFrame` more each animation frame, so mounting
 * many charts never blocks the main thread for long. The first ones too wait for a frame: the
 * render that brings the data in (a worker message) stays short even when training threads
 * hold every core.
 */
export function useStaggered(total: number, perFrame = 2): number {
  const [shown, setShown] = useState(0);
  useEffect(() => {
    if (shown >= total) return;
    const id = requestAnimationFrame(() => setShown((n) => Math.min(total, n + perFrame)));
    return () => cancelAnimationFrame(id);
  }, [shown, total, perFrame]);
  return Math.min(shown, total);
}
