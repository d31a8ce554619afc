import type { StudioReport } from '../core/metrics/qualityReport';

/** Asks before rows leave the page when the report found something serious; true to go ahead. */
export function confirmDownload(report: StudioReport | null): boolean {
  if (!report?.serious.length) return true;
  return window.confirm(`The quality report found a problem:\n\n${report.serious.map((s) => `• ${s}`).join('\n')}\n\nDownload the rows anyway?`);
}
