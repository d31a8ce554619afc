import { useEffect, useRef } from 'react';
import uPlot from 'uplot';

/**
 * Owns one uPlot instance inside the returned container: created on mount, resized with
 * its container, destroyed on unmount. `options` is read once; data goes through `plotRef`.
 */
export function useUplot(makeOptions: (width: number) => uPlot.Options, initial: uPlot.AlignedData) {
  const containerRef = useRef<HTMLDivElement>(null);
  const plotRef = useRef<uPlot | null>(null);
  const makeRef = useRef(makeOptions);
  const initialRef = useRef(initial);
  useEffect(() => {
    const el = containerRef.current;
    if (!el) return;
    let width = el.clientWidth || 300;
    const plot = new uPlot(makeRef.current(width), initialRef.current, el);
    plotRef.current = plot;
    // The observer also fires once on observe; redrawing at the same width would double the mount's cost.
    const observer = new ResizeObserver(() => {
      const now = el.clientWidth || 300;
      if (now === width) return;
      width = now;
      plot.setSize({ width, height: plot.height });
    });
    observer.observe(el);
    return () => {
      observer.disconnect();
      plot.destroy();
      plotRef.current = null;
    };
  }, []);
  return { containerRef, plotRef };
}
