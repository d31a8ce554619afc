import { useState } from 'react';
import { HEATMAP_LEGENDS, MEASURE_NAMES, VIEW_NAMES, type HeatmapView } from '../core/export/heatmap';
import type { StudioReport } from '../core/metrics/qualityReport';
import { Heatmap } from './charts/Heatmap';
import { FlagMark } from './FlagMark';

const VIEWS: HeatmapView[] = ['difference', 'real', 'synthetic'];

/** How strongly column pairs go together in the real and synthetic rows: a heatmap, then the worst pairs. */
export function ReportPairs({ report }: { report: StudioReport }) {
  const [view, setView] = useState<HeatmapView>('difference');
  const map = report.associations;
  return (
    <>
      <h3>Pairs</h3>
      <p className="hint">
        How strongly two columns go together: correlation for two numbers (−1 to 1), Cramér’s V for two categories, the correlation ratio for a number and a
        category (0 to 1). Hover a cell for its values.
        {map.columns.length < map.of && ` Showing the ${map.columns.length} of ${map.of} columns with the strongest relationships; the worst pairs below come from every pair.`}
      </p>
      {map.pairs.length > 0 && (
        <>
          <fieldset className="views">
            <legend>Show</legend>
            {VIEWS.map((v) => (
              <label key={v}>
                <input type="radio" name="heatmap-view" value={v} checked={view === v} onChange={() => setView(v)} />
                {VIEW_NAMES[v]}
              </label>
            ))}
          </fieldset>
          <p className="help">{HEATMAP_LEGENDS[view]}</p>
          <div className="heatmap-wrap" tabIndex={0} role="group" aria-label="Pairs heatmap (scrolls sideways)">
            <Heatmap map={map} view={view} />
          </div>
        </>
      )}
      <h3>Worst pairs</h3>
      <p className="hint">The column pairs whose relationship the synthetic rows keep least well (1 is kept exactly), with how strong it is in each.</p>
      <table className="report-table" aria-label="Worst pairs">
        <thead>
          <tr>
            <th scope="col">Columns</th>
            <th scope="col">Score</th>
            <th scope="col">Your data</th>
            <th scope="col">Synthetic</th>
            <th scope="col">Flag</th>
          </tr>
        </thead>
        <tbody>
          {report.worstPairs.map((p) => (
            <tr key={`${p.a}\u0000${p.b}`}>
              <th scope="row">
                {p.a} × {p.b}
              </th>
              <td>
                {p.score.toFixed(3)} <span className="help">{p.metric}</span>
              </td>
              <td>
                {p.association.real.toFixed(2)} <span className="help">{MEASURE_NAMES[p.association.measure]}</span>
              </td>
              <td>{p.association.synthetic.toFixed(2)}</td>
              <td>
                <FlagMark flag={p.flag} />
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </>
  );
}
