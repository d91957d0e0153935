import type { ReactNode } from 'react';
import { View } from '@tarojs/components';
import { Icon } from '../../ui/Icon';
import './index.scss';

interface ConsentCheckProps {
  checked: boolean;
  onChange: (checked: boolean) => void;
  children: ReactNode;
  className?: string;
}

/**
 * A checkbox drawn with Views: the same look and the same tap target on weapp, H5 and the simulator. The label
 * toggles it too (a link inside the label stops the tap from reaching it).
 */
export function ConsentCheck({ checked, onChange, children, className = '' }: ConsentCheckProps) {
  return (
    <View className="consent-check">
      <View
        className={`consent-check__box ${checked ? 'consent-check__box--checked' : ''} ${className}`}
        role="checkbox"
        aria-checked={checked}
        onClick={() => onChange(!checked)}
      >
        {checked && <Icon name="check" size="sm" color="inverse" className="consent-check__tick" />}
      </View>
      <View className="consent-check__label" onClick={() => onChange(!checked)}>
        {children}
      </View>
    </View>
  );
}
