import { Image, View } from '@tarojs/components';
import { svgDataUri } from '../../utils/base64';
import { lineChartSvg, type ChartSeries } from './line-chart';
import './index.scss';

export type { ChartSeries } from './line-chart';

/** A line chart with a legend and its first and last labels (e.g. days) below. */
export function LineChart({
  series,
  max,
  from,
  to,
  className = '',
}: {
  series: readonly (ChartSeries & { label: string })[];
  max: number;
  from: string;
  to: string;
  className?: string;
}) {
  return (
    <View className={`ui-chart ${className}`}>
      <Image className="ui-chart__image" src={svgDataUri(lineChartSvg(series, max))} mode="widthFix" />
      <View className="ui-chart__axis">
        <View>{from}</View>
        <View>{to}</View>
      </View>
      <View className="ui-chart__legend">
        {series.map((s) => (
          <View key={s.label} className="ui-chart__key">
            <View className="ui-chart__swatch" style={{ background: s.color }} />
            {s.label}
          </View>
        ))}
      </View>
    </View>
  );
}
