// Charts drawn on a canvas in words, for screen readers: each chart carries one of these as a
// visually hidden caption.

/** The bars in words, for screen readers: each category with every series' share. */
export function barsText(categories: string[], series: { label: string; values: number[] }[]): string {
  const share = (v: number | undefined) => `${(100 * (v ?? 0)).toFixed(1)} %`;
  return categories
    .map((c, i) => (series.length === 1 ? `${c}: ${share(series[0].values[i])}` : `${c}: ${series.map((s) => `${s.label} ${share(s.values[i])}`).join(', ')}`))
    .join('; ');
}

/** The chart in words, for screen readers: how far it runs and each series' latest value. */
export function latestText(data: number[][], xLabel: string, series: { label: string }[]): string {
  const last = data[0].length - 1;
  if (last < 0) return 'No points yet.';
  return `Latest at ${xLabel} ${data[0][last]}: ${series.map((s, i) => `${s.label} ${Number(data[i + 1][last]).toPrecision(3)}`).join(', ')}.`;
}
