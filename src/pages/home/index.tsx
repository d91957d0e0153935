import Taro from '@tarojs/taro';
import { Text, View } from '@tarojs/components';
import { PageShell } from '../../components/PageShell';
import { useCloudQuery } from '../../hooks/useCloudQuery';
import { staffService } from '../../services/staff';
import { COUPON_CENTER, MALL, MEMBER_CARD, MEMBER_CENTER, STAFF_SCAN } from '../../routes';
import './index.scss';

const VALUES = [
  { title: '真诚分享', text: '好物心得、使用体验，都欢迎在这里聊一聊。' },
  { title: '彼此尊重', text: '不刷屏、不打扰，只在你愿意时收到消息。' },
  { title: '一起共创', text: '你的每一条建议，都可能出现在下一款产品里。' },
];

export default function HomePage() {
  // Staff see their workbench entry; for everyone else whoami answers FORBIDDEN and nothing shows.
  const staff = useCloudQuery(staffService.whoami);
  return (
    <PageShell className="home">
      <View className="home__hero">
        <View className="home__greeting">欢迎回家</View>
        <View className="home__title">这里是属于我们的会员社区</View>
        <View className="home__subtitle">和同样热爱生活的人，慢慢相遇</View>
      </View>

      <View className="home__shortcuts">
        <View className="home__shortcut home-to-member" onClick={() => Taro.switchTab({ url: MEMBER_CENTER })}>
          <Text className="home__shortcut-icon">会</Text>
          <View className="home__shortcut-title">会员中心</View>
          <View className="home__shortcut-desc">等级、积分与专属权益</View>
        </View>
        <View className="home__shortcut home-to-card" onClick={() => Taro.navigateTo({ url: MEMBER_CARD })}>
          <Text className="home__shortcut-icon">卡</Text>
          <View className="home__shortcut-title">会员卡</View>
          <View className="home__shortcut-desc">到店出示，享会员礼遇</View>
        </View>
      </View>

      <View className="home__shortcuts">
        <View className="home__shortcut to-mall" onClick={() => Taro.navigateTo({ url: MALL })}>
          <Text className="home__shortcut-icon">兑</Text>
          <View className="home__shortcut-title">积分商城</View>
          <View className="home__shortcut-desc">用积分兑换好物与活动名额</View>
        </View>
        <View className="home__shortcut to-coupons" onClick={() => Taro.navigateTo({ url: COUPON_CENTER })}>
          <Text className="home__shortcut-icon">券</Text>
          <View className="home__shortcut-title">领券中心</View>
          <View className="home__shortcut-desc">会员专享券，到店出示使用</View>
        </View>
      </View>

      {staff.data && (
        <View className="home__shortcuts">
          <View className="home__shortcut to-staff" onClick={() => Taro.navigateTo({ url: STAFF_SCAN })}>
            <Text className="home__shortcut-icon">店</Text>
            <View className="home__shortcut-title">店员工作台</View>
            <View className="home__shortcut-desc">扫会员码、登记消费、核销券与自提</View>
          </View>
        </View>
      )}

      <View className="card home__values">
        <View className="section-title">社区约定</View>
        {VALUES.map((v) => (
          <View key={v.title} className="home__value">
            <View className="home__value-title">{v.title}</View>
            <View className="home__value-text">{v.text}</View>
          </View>
        ))}
      </View>
    </PageShell>
  );
}
