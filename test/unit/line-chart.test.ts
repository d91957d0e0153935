import { CHART_HEIGHT, lineChartSvg } from '../../src/ui/Chart/line-chart';
import { formatBasisPoints, formatHundredths } from '../../src/utils/format';

describe('lineChartSvg', () => {
  it('draws each unbroken run of a series as a polyline, a lone point as a dot, and leaves gaps for nulls', () => {
    const svg = lineChartSvg([{ color: '#a8521c', values: [0, 5000, null, 10_000, null, 2500, 2500] }], 10_000);
    expect(svg.match(/<polyline/g)).toHaveLength(2);
    expect(svg.match(/<circle/g)).toHaveLength(1);
    // 0 sits on the bottom guide, the maximum on the top one.
    expect(svg).toContain(`points="8.0,${(CHART_HEIGHT - 8).toFixed(1)} `);
    expect(svg).toMatch(/<circle cx="[\d.]+" cy="8\.0"/);
  });

  it('draws nothing but guides for a series never measured', () => {
    const svg = lineChartSvg([{ color: '#000000', values: [null, null] }], 100);
    expect(svg).not.toMatch(/polyline|circle/);
    expect(svg.match(/<line /g)).toHaveLength(5);
  });
});

describe('indicator formats', () => {
  it('shows basis points as percentages and hundredths as decimals, and — when not measured', () => {
    expect([formatBasisPoints(3700), formatBasisPoints(5), formatBasisPoints(10_000), formatBasisPoints(null)]).toEqual(['37.00%', '0.05%', '100.00%', '—']);
    expect([formatHundredths(250), formatHundredths(50), formatHundredths(200), formatHundredths(null)]).toEqual(['2.5', '0.5', '2', '—']);
  });
});
