import Taro from '@tarojs/taro';
import { Button, View } from '@tarojs/components';
import { REGISTER } from '../../routes';
import './index.scss';

/** Shown instead of member views to a visitor (NOT_REGISTERED): an invitation, never a forced redirect. */
export function JoinCard({ text = '注册成为会员，即可累积成长值与积分，享受会员专属礼遇。' }: { text?: string }) {
  return (
    <View className="join-card">
      <View className="join-card__badge">会员</View>
      <View className="join-card__title">欢迎加入会员社区</View>
      <View className="join-card__text">{text}</View>
      <Button className="btn btn--primary btn--block join-card__button to-register" onClick={() => Taro.navigateTo({ url: REGISTER })}>
        立即加入
      </Button>
    </View>
  );
}
