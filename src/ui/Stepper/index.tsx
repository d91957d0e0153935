import { View } from '@tarojs/components';
import { Icon } from '../Icon';
import './index.scss';

interface StepperProps {
  value: number;
  min?: number;
  max: number;
  onChange: (value: number) => void;
  className?: string;
}

/** A quantity: minus, the number, plus; each end switches off at its bound. */
export function Stepper({ value, min = 1, max, onChange, className = '' }: StepperProps) {
  const canDown = value > min;
  const canUp = value < max;
  return (
    <View className={`ui-stepper ${className}`}>
      <View className={`ui-stepper__button ui-stepper__minus ${canDown ? '' : 'ui-stepper__button--off'}`} onClick={() => canDown && onChange(value - 1)}>
        <Icon name="minus" size="sm" color={canDown ? 'primaryDark' : 'textMuted'} />
      </View>
      <View className="ui-stepper__value">{value}</View>
      <View className={`ui-stepper__button ui-stepper__plus ${canUp ? '' : 'ui-stepper__button--off'}`} onClick={() => canUp && onChange(value + 1)}>
        <Icon name="plus" size="sm" color={canUp ? 'primaryDark' : 'textMuted'} />
      </View>
    </View>
  );
}
