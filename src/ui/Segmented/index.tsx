import { View } from '@tarojs/components';
import './index.scss';

interface SegmentedProps<V extends string> {
  options: readonly { value: V; label: string }[];
  value: V;
  onChange: (value: V) => void;
  className?: string;
  /** Class prefix for each option, for tests: `${optionClass} ${optionClass}--${value}`. */
  optionClass?: string;
}

/** Filters and tabs inside a page: one choice of a few. */
export function Segmented<V extends string>({ options, value, onChange, className = '', optionClass = 'ui-segmented__option' }: SegmentedProps<V>) {
  return (
    <View className={`ui-segmented ${className}`}>
      {options.map((o) => (
        <View
          key={o.value}
          className={`ui-segmented__option ${optionClass} ${optionClass}--${o.value} ${o.value === value ? `ui-segmented__option--active ${optionClass}--active` : ''}`}
          onClick={() => onChange(o.value)}
        >
          {o.label}
        </View>
      ))}
    </View>
  );
}
