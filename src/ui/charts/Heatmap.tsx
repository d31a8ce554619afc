import type { AssociationMap } from '../../core/metrics/associations';
import { heatmapLayout, type HeatmapView } from '../../core/export/heatmap';

/**
 * One view of the pairs' association as SVG, drawn from the layout the HTML report writes too.
 * The picture's name is its summary in words; each cell's title gives both values on hover.
 */
export function Heatmap({ map, view }: { map: AssociationMap; view: HeatmapView }) {
  const layout = heatmapLayout(map, view);
  const half = layout.cell / 2;
  return (
    <svg role="img" aria-label={layout.summary} viewBox={`0 0 ${layout.width} ${layout.height}`} width={layout.width} height={layout.height} fontSize={11} fill="currentColor">
      {layout.cells.map((c) => (
        <g key={`${c.x},${c.y}`}>
          <title>{c.title}</title>
          <rect x={c.x} y={c.y} width={layout.cell} height={layout.cell} fill={c.fill} stroke="#ffffff" />
          <text x={c.x + half} y={c.y + half} fill={c.ink} textAnchor="middle" dominantBaseline="central">
            {c.text}
          </text>
        </g>
      ))}
      {layout.rowLabels.map((l) => (
        <text key={`r${l.y}`} x={l.x} y={l.y} textAnchor="end" dominantBaseline="central">
          {l.text}
        </text>
      ))}
      {layout.columnLabels.map((l) => (
        <text key={`c${l.x}`} transform={`translate(${l.x} ${l.y}) rotate(-45)`} textAnchor="end" dominantBaseline="central">
          {l.text}
        </text>
      ))}
    </svg>
  );
}
