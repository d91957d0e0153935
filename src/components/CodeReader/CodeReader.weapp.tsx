import { useState } from 'react';
import Taro from '@tarojs/taro';
import { View } from '@tarojs/components';
import { Button, toast } from '../../ui';
import { ManualCodeForm } from './ManualCodeForm';
import type { CodeReaderProps } from './types';
import './CodeReader.scss';

/** In WeChat: the camera reads the member's QR code; typing the member number and digits is the fallback. */
export function CodeReader(props: CodeReaderProps) {
  const { busy, onCode, label = '会员码', hint, classPrefix = 'staff-code' } = props;
  const [manual, setManual] = useState(false);

  const scan = async () => {
    if (busy) return;
    let result: string;
    try {
      result = (await Taro.scanCode({ onlyFromCamera: true, scanType: ['qrCode'] })).result;
    } catch (e) {
      // Closing the camera is not an error.
      if (!/cancel/i.test((e as { errMsg?: string } | undefined)?.errMsg ?? '')) {
        toast.info('扫码失败，请重试，或改为手动输入');
      }
      return;
    }
    const code = (result ?? '').trim();
    if (!code) {
      toast.info('没有识别到内容，请重试');
      return;
    }
    await onCode({ code });
  };

  return (
    <View className="code-reader">
      {hint && <View className="code-reader__hint">{hint}</View>}
      {manual ? (
        <ManualCodeForm {...props} />
      ) : (
        <Button block icon="scan" className={`${classPrefix}-scan`} loading={busy} loadingText="正在识别…" onClick={() => void scan()}>
          {`扫描${label}`}
        </Button>
      )}
      <View className="code-reader__switch" onClick={() => setManual(!manual)}>
        {manual ? '改为扫码' : '没有扫码条件？手动输入会员号和动态码'}
      </View>
    </View>
  );
}
