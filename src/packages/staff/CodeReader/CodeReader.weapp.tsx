import Taro from '@tarojs/taro';
import { Button, View } from '@tarojs/components';
import type { CodeReaderProps } from './types';
import './CodeReader.scss';

/** In WeChat: the camera reads the member's QR code. */
export function CodeReader({
  busy,
  onCode,
  label = '会员码',
  hint = '请会员打开「会员卡」，对准动态会员码扫描',
  submitClassName = 'staff-scan-button',
}: CodeReaderProps) {
  const scan = async () => {
    if (busy) return;
    let result: string;
    try {
      result = (await Taro.scanCode({ onlyFromCamera: true, scanType: ['qrCode'] })).result;
    } catch (e) {
      // Closing the camera is not an error.
      if (!/cancel/i.test((e as { errMsg?: string } | undefined)?.errMsg ?? '')) {
        void Taro.showToast({ title: '扫码失败，请重试', icon: 'none' });
      }
      return;
    }
    const code = (result ?? '').trim();
    if (!code) {
      void Taro.showToast({ title: '没有识别到内容，请重试', icon: 'none' });
      return;
    }
    await onCode(code);
  };

  return (
    <View className="code-reader">
      <View className="code-reader__hint">{hint}</View>
      <Button
        className={`btn btn--primary btn--block ${submitClassName} ${busy ? 'btn--disabled' : ''}`}
        disabled={busy || undefined}
        onClick={() => void scan()}
      >
        {busy ? '正在识别…' : `扫描${label}`}
      </Button>
    </View>
  );
}
