import type { Figure } from '../core/metrics/reportFigures';
import { FlagMark } from './FlagMark';

/** A report's figures: what each measures, its value and what good is, and its flag. */
export function Figures({ label, figures, testId }: { label: string; figures: (Omit<Figure, 'key'> & { key: string })[]; testId?: string }) {
  return (
    <table className="report-table" aria-label={label} data-testid={testId}>
      <tbody>
        {figures.map((f) => (
          <tr key={f.key}>
            <th scope="row" title={f.formula}>
              {f.label}
              <div className="help">{f.explanation}</div>
            </th>
            <td>
              {f.text}
              <div className="help">{f.good}</div>
            </td>
            <td>
              <FlagMark flag={f.flag} />
            </td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}
