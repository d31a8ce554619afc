import { useEffect, useRef } from 'react';
import type uPlot from 'uplot';
import type { StudioState } from '../../state/types';
import { useStudioStore } from '../StudioContext';
import { latestText } from './chartText';
import { useUplot } from './useUplot';

interface Props {
  label: string;
  series: { label: string; stroke: string }[];
  /** x values first, then one array per series. */
  select(state: StudioState): number[][];
  xLabel: string;
  yRange?: [number, number];
}

/** A streaming line chart: fed through the store's `subscribe`, never through React renders. */
export function LineChart({ label, series, select, xLabel, yRange }: Props) {
  const store = useStudioStore();
  const textRef = useRef<HTMLElement>(null);
  const { containerRef, plotRef } = useUplot(
    (width) => ({
      width,
      height: 200,
      legend: { live: false },
      scales: { x: { time: false }, ...(yRange ? { y: { range: yRange } } : {}) },
      axes: [{ label: xLabel }, {}],
      series: [{ label: xLabel }, ...series.map((s) => ({ label: s.label, stroke: s.stroke, width: 1.5 }))],
    }),
    select(store.getState()) as uPlot.AlignedData,
  );
  useEffect(() => {
    let last: number[][] | null = null;
    return store.subscribe((state) => {
      const data = select(state);
      if (last && data[0] === last[0]) return;
      last = data;
      plotRef.current?.setData(data as uPlot.AlignedData);
      if (textRef.current) textRef.current.textContent = latestText(data, xLabel, series);
    });
  }, [store, select, plotRef, xLabel, series]);
  return (
    <figure className="chart" aria-label={label}>
      <div ref={containerRef} />
      {/* Written through the ref with the plot, not through React renders. */}
      <figcaption className="sr-only" ref={textRef}>
        {latestText(select(store.getState()), xLabel, series)}
      </figcaption>
    </figure>
  );
}

