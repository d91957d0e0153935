import { useState } from 'react';
import Taro from '@tarojs/taro';
import { View } from '@tarojs/components';
import { REGISTER } from '../../routes';
import { Button, Dialog, Icon } from '../../ui';
import './index.scss';

/** Shown instead of member views to a visitor (NOT_REGISTERED): an invitation, never a forced redirect. */
export function JoinCard({ text = '注册成为会员，即可累积成长值与积分，享受会员专属礼遇。' }: { text?: string }) {
  return (
    <View className="join-card">
      <View className="join-card__badge">
        <Icon name="sparkle" size="lg" color="inverse" />
      </View>
      <View className="join-card__title">欢迎加入会员社区</View>
      <View className="join-card__text">{text}</View>
      <Button block className="join-card__button to-register" onClick={() => void Taro.navigateTo({ url: REGISTER })}>
        立即加入
      </Button>
    </View>
  );
}

/**
 * A visitor tried a member action: `ask()` opens an invitation to join (加入 → the registration page, 再看看 closes
 * it); render `dialog` once in the page.
 */
export function useJoinPrompt(title: string, message: string) {
  const [open, setOpen] = useState(false);
  const dialog = (
    <Dialog
      open={open}
      title={title}
      message={message}
      confirmText="立即加入"
      cancelText="再看看"
      onConfirm={() => {
        setOpen(false);
        void Taro.navigateTo({ url: REGISTER });
      }}
      onCancel={() => setOpen(false)}
      className="join-dialog"
    />
  );
  return { ask: () => setOpen(true), dialog };
}
