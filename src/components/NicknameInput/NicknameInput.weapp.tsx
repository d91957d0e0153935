import { Input } from '@tarojs/components';
import type { NicknameInputProps } from './types';

export type { NicknameInputProps } from './types';

/**
 * type="nickname" offers the WeChat nickname above the keyboard. Picking it does not fire `input`, only
 * `blur`, so both update the value.
 */
export function NicknameInput({ value, onChange, className = '' }: NicknameInputProps) {
  return (
    <Input
      className={`text-input ${className}`}
      type="nickname"
      value={value}
      maxlength={20}
      placeholder="给自己起个昵称"
      onInput={(e) => onChange(e.detail.value)}
      onBlur={(e) => onChange(e.detail.value)}
    />
  );
}
