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
    const plot = new uPlot(makeRef.current(el.clientWidth || 300), initialRef.current, el);
    plotRef.current = plot;
    const observer = new ResizeObserver(() => plot.setSize({ width: el.clientWidth || 300, height: plot.height }));
    observer.observe(el);
    return () => {
      observer.disconnect();
      plot.destroy();
      plotRef.current = null;
    };
  }, []);
  return { containerRef, plotRef };
}
