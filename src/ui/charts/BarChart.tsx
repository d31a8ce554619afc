import { useEffect, useRef } from 'react';
import uPlot from 'uplot';
import { barsText } from './chartText';
import { useUplot } from './useUplot';

interface Props {
  label: string;
  categories: string[];
  series: { label: string; values: number[]; fill: string }[];
  height?: number;
  compact?: boolean;
}

/** Grouped bars over categories or histogram bins; the data is replaced in place when it changes. */
export function BarChart({ label, categories, series, height = 160, compact = false }: Props) {
  const data = [categories.map((_, i) => i), ...series.map((s) => s.values)] as uPlot.AlignedData;
  const { containerRef, plotRef } = useUplot((width) => {
    const size = series.length > 1 ? 0.4 : 0.8;
    return {
      width: compact ? 110 : width,
      height,
      legend: { show: !compact, live: false },
      cursor: { show: !compact },
      scales: { x: { time: false, range: (_u, min, max) => [min - 0.5, max + 0.5] }, y: { range: (_u, _min, max) => [0, max || 1] } },
      axes: compact
        ? [{ show: false }, { show: false }]
        : [{ values: (_u, ticks) => ticks.map((t) => (Number.isInteger(t) ? (categories[t] ?? '') : '')), rotate: -30, size: 60 }, { size: 40 }],
      series: [
        {},
        ...series.map((s, i) => ({
          label: s.label,
          fill: s.fill,
          stroke: s.fill,
          paths: uPlot.paths.bars!({ size: [size, 60], align: (series.length > 1 ? (i === 0 ? -1 : 1) : 0) as 0 | 1 | -1 }),
          points: { show: false },
        })),
      ],
    };
  }, data);
  // Only new data redraws: a parent's re-render (a panel turning busy) must not repaint every
  // chart, which on a software canvas made one long task of pressing Train.
  const inputs = [categories, ...series.map((s) => s.values)];
  const drawn = useRef(inputs);
  useEffect(() => {
    if (inputs.length === drawn.current.length && inputs.every((x, i) => x === drawn.current[i])) return;
    drawn.current = inputs;
    plotRef.current?.setData(data);
  });
  return (
    <figure className={compact ? 'chart chart-mini' : 'chart'} aria-label={label}>
      <div ref={containerRef} />
      <figcaption className="sr-only">{barsText(categories, series)}</figcaption>
    </figure>
  );
}

