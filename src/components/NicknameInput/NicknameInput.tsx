import { Input } from '@tarojs/components';
import type { NicknameInputProps } from './types';

export type { NicknameInputProps } from './types';

export function NicknameInput({ value, onChange, className = '' }: NicknameInputProps) {
  return (
    <Input
      className={`text-input ${className}`}
      type="text"
      value={value}
      maxlength={20}
      placeholder="给自己起个昵称"
      onInput={(e) => onChange(e.detail.value)}
    />
  );
}
