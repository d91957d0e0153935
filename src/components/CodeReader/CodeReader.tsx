import { View } from '@tarojs/components';
import { ManualCodeForm } from './ManualCodeForm';
import type { CodeReaderProps } from './types';
import './CodeReader.scss';

/** H5 (a laptop at the desk, no camera): the member number and the one-time digits, typed. */
export function CodeReader(props: CodeReaderProps) {
  return (
    <View className="code-reader">
      {props.hint && <View className="code-reader__hint">{props.hint}</View>}
      <ManualCodeForm {...props} />
    </View>
  );
}
