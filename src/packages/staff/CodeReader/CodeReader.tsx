import { useState } from 'react';
import Taro from '@tarojs/taro';
import { Button, Textarea, View } from '@tarojs/components';
import type { CodeReaderProps } from './types';
import './CodeReader.scss';

/**
 * H5 (the local cloud on a laptop): no camera, so the clerk pastes the code's text, which the member's
 * card page (H5) carries in `.member-qr-token`.
 */
export function CodeReader({ busy, onCode, label = '会员码', inputClassName = 'staff-code-input', submitClassName = 'staff-scan-submit' }: CodeReaderProps) {
  const [text, setText] = useState('');

  const submit = async () => {
    if (busy) return;
    const code = text.trim();
    if (!code) {
      void Taro.showToast({ title: `请先粘贴${label}`, icon: 'none' });
      return;
    }
    if (await onCode(code)) setText('');
  };

  return (
    <View className="code-reader">
      <Textarea
        className={`code-reader__input ${inputClassName}`}
        value={text}
        maxlength={512}
        placeholder={`在此粘贴${label}内容`}
        onInput={(e) => setText(e.detail.value)}
      />
      <Button
        className={`btn btn--primary btn--block ${submitClassName} ${busy ? 'btn--disabled' : ''}`}
        disabled={busy || undefined}
        onClick={() => void submit()}
      >
        {busy ? '正在识别…' : `识别${label}`}
      </Button>
    </View>
  );
}
