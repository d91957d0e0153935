/**
 * A small line chart drawn by the app as SVG (no chart library: the ops subpackage stays small). Shown as an
 * image, like the icons, so weapp and H5 render it the same way; labels are text next to the image, never
 * inside the SVG (an SVG image cannot use the page's CJK font on weapp).
 */
export interface ChartSeries {
  color: string;
  /** One value per point; null = not measured that day (a gap in the line). */
  values: readonly (number | null)[];
}

export const CHART_WIDTH = 320;
export const CHART_HEIGHT = 140;
const PAD = 8;

/** The SVG document: horizontal guide lines at quarters of `max`, each series as a polyline per unbroken run. */
export function lineChartSvg(series: readonly ChartSeries[], max: number): string {
  const n = Math.max(1, ...series.map((s) => s.values.length));
  const x = (i: number) => PAD + (n === 1 ? (CHART_WIDTH - 2 * PAD) / 2 : (i * (CHART_WIDTH - 2 * PAD)) / (n - 1));
  const y = (v: number) => CHART_HEIGHT - PAD - (Math.min(v, max) / (max || 1)) * (CHART_HEIGHT - 2 * PAD);
  const guides = [0, 0.25, 0.5, 0.75, 1]
    .map((f) => `<line x1="${PAD}" x2="${CHART_WIDTH - PAD}" y1="${y(f * max).toFixed(1)}" y2="${y(f * max).toFixed(1)}" stroke="#e6dfd8" stroke-width="1"/>`)
    .join('');
  const lines = series
    .flatMap((s) => {
      const runs: string[][] = [[]];
      s.values.forEach((v, i) => {
        if (v === null) runs.push([]);
        else runs[runs.length - 1].push(`${x(i).toFixed(1)},${y(v).toFixed(1)}`);
      });
      return runs
        .filter((r) => r.length > 0)
        .map((r) =>
          r.length === 1
            ? `<circle cx="${r[0].split(',')[0]}" cy="${r[0].split(',')[1]}" r="3" fill="${s.color}"/>`
            : `<polyline points="${r.join(' ')}" fill="none" stroke="${s.color}" stroke-width="2.5" stroke-linejoin="round" stroke-linecap="round"/>`,
        );
    })
    .join('');
  return `<svg xmlns="http://www.w3.org/2000/svg" width="${CHART_WIDTH}" height="${CHART_HEIGHT}" viewBox="0 0 ${CHART_WIDTH} ${CHART_HEIGHT}">${guides}${lines}</svg>`;
}
