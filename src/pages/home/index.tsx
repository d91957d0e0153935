import { useEffect, useState } from 'react';
import Taro, { useDidShow, useLoad, useRouter } from '@tarojs/taro';
import { Image, Text, View } from '@tarojs/components';
import { BirthdayCard } from '../../components/BirthdayCard';
import { MemberCardFace } from '../../components/MemberCardFace';
import { useCloudQuery } from '../../hooks/useCloudQuery';
import { birthdayService } from '../../services/birthday';
import { distributionService } from '../../services/distribution';
import { mallService, priceText, type MallItem } from '../../services/mall';
import { kocService } from '../../services/koc';
import { memberService, type Home } from '../../services/member';
import { bindWaitingScene, rememberScene } from '../../services/share-scene';
import {
  COMMUNITY_CAMPAIGNS,
  COMMUNITY_FEED,
  COUPON_CENTER,
  DISTRIBUTION_CENTER,
  DISTRIBUTION_REVIEW,
  FLASH_SALES,
  GROUPBUY,
  GROUPBUY_MINE,
  KOC_EVENTS,
  KOC_HOME,
  KOC_REVIEW,
  MALL,
  MALL_ITEM,
  MALL_ORDERS,
  MEMBER_CARD,
  MY_COUPONS,
  OPS_DASHBOARD,
  POINTS_CHECKIN,
  REGISTER,
  STAFF_COUPON,
  STAFF_ORDERS,
  STAFF_PICKUP,
  STAFF_REFUND,
  STAFF_SCAN,
  STAFF_SUMMARY,
} from '../../routes';
import { Button, Card, Cell, CellGroup, Icon, type IconName, Loading, Notice, Page, Section } from '../../ui';
import { formatNumber } from '../../utils/format';
import './index.scss';

const go = (url: string) => () => void Taro.navigateTo({ url });

const VALUES: { icon: IconName; title: string; text: string }[] = [
  { icon: 'chat', title: '真诚分享', text: '好物心得、使用体验，都欢迎在这里聊一聊' },
  { icon: 'heart', title: '彼此尊重', text: '不刷屏、不打扰，只在你愿意时收到消息' },
  { icon: 'sparkle', title: '一起共创', text: '你的每一条建议，都可能出现在下一款产品里' },
];

/** The home page by persona: a visitor, a member, store staff, an operator (staff may also be members). */
export default function HomePage() {
  const home = useCloudQuery(memberService.home, { refreshOnShow: true });
  const data = home.data;
  // A share card or mini-program code opens this page with the distributor's scene (first touch is kept).
  useLoad((params: Record<string, string | undefined>) => rememberScene(params.scene));
  useDidShow(() => void bindWaitingScene());
  return (
    <Page className="home">
      <InviteWelcome />
      {!data && home.loading && <Loading />}
      {data?.role && data.role.role !== 'operator' && <StaffDesk role={data.role} />}
      {data?.role?.role === 'operator' && <OperatorEntry name={data.role.name} />}
      {data?.member && <MemberHome member={data.member} />}
      {data && !data.member && !data.role && <VisitorHero />}
      {data || home.error ? <CommunityEntry /> : null}
      {data || home.error ? <Featured /> : null}
      <Card title="社区约定" className="home__values">
        {VALUES.map((v) => (
          <View key={v.title} className="home__value">
            <Icon name={v.icon} color="primaryDark" />
            <View>
              <View className="home__value-title">{v.title}</View>
              <View className="home__value-text">{v.text}</View>
            </View>
          </View>
        ))}
      </Card>
    </Page>
  );
}

function VisitorHero() {
  return (
    <View className="home__hero home-visitor">
      <View className="home__greeting">欢迎来到会员社区</View>
      <View className="home__title">和同样热爱生活的人，慢慢相遇</View>
      <View className="home__subtitle">加入会员：消费得积分、生日有礼、新品先试，还能参与产品共创</View>
      <Button block className="home__join to-register" onClick={go(REGISTER)}>
        免费加入会员
      </Button>
      <View className="home__browse">
        <View className="home__browse-link to-mall" onClick={go(MALL)}>
          先逛逛积分商城
        </View>
        <View className="home__browse-link to-coupons" onClick={go(COUPON_CENTER)}>
          看看会员券
        </View>
        <View className="home__browse-link to-groupbuy" onClick={go(GROUPBUY)}>
          看看拼团
        </View>
      </View>
    </View>
  );
}

const SHORTCUTS: { icon: IconName; label: string; url: string; cls: string; tab?: boolean }[] = [
  { icon: 'qr', label: '会员码', url: MEMBER_CARD, cls: 'home-to-card', tab: true },
  { icon: 'calendar', label: '签到', url: POINTS_CHECKIN, cls: 'home-to-checkin' },
  { icon: 'ticket', label: '领券', url: COUPON_CENTER, cls: 'to-coupons' },
  { icon: 'bag', label: '积分商城', url: MALL, cls: 'to-mall' },
  { icon: 'gift', label: '我的券', url: MY_COUPONS, cls: 'home-to-my-coupons' },
  { icon: 'receipt', label: '我的兑换', url: MALL_ORDERS, cls: 'home-to-orders' },
  { icon: 'users', label: '拼团', url: GROUPBUY, cls: 'to-groupbuy' },
  { icon: 'clock', label: '限时秒杀', url: FLASH_SALES, cls: 'to-flash-sales' },
  { icon: 'list', label: '我的拼团', url: GROUPBUY_MINE, cls: 'home-to-my-groups' },
];

function MemberHome({ member }: { member: NonNullable<Home['member']> }) {
  // The greeting while the birthday window is open (the card answers inactive otherwise).
  const birthday = useCloudQuery(birthdayService.card, { refreshOnShow: true });
  return (
    <View className="home-member">
      {birthday.data?.active && <BirthdayCard card={birthday.data} />}
      <MemberCardFace
        tier={member.tier}
        nickname={member.nickname}
        avatarUrl={member.avatarUrl}
        vip={member.vip.active}
        className="home__card"
        onClick={() => void Taro.switchTab({ url: MEMBER_CARD })}
        footer={member.pending > 0 ? `另有 ${formatNumber(member.pending)} 积分待生效` : '到店出示会员码，消费即得积分'}
      >
        <View className="home__points">
          <Text className="home__points-value home-points">{formatNumber(member.balance)}</Text>
          <Text className="home__points-unit">积分</Text>
        </View>
      </MemberCardFace>
      <View className={`home__checkin ${member.checkedInToday ? 'home__checkin--done' : ''}`} onClick={go(POINTS_CHECKIN)}>
        <Icon name="calendar" color={member.checkedInToday ? 'success' : 'primaryDark'} />
        <View className="home__checkin-text home-checkin">
          {member.checkedInToday ? `今日已签到 · 已连续 ${member.streak} 天` : member.streak > 0 ? `今天还没签到 · 已连续 ${member.streak} 天` : '今天还没签到，签到领积分'}
        </View>
        {!member.checkedInToday && <View className="home__checkin-cta">去签到</View>}
      </View>
      <View className="home__grid">
        {SHORTCUTS.map((s) => (
          <View key={s.label} className={`home__shortcut ${s.cls}`} onClick={() => void (s.tab ? Taro.switchTab({ url: s.url }) : Taro.navigateTo({ url: s.url }))}>
            <View className="home__shortcut-icon">
              <Icon name={s.icon} color="primaryDark" />
            </View>
            <View className="home__shortcut-label">{s.label}</View>
          </View>
        ))}
      </View>
      <CellGroup className="home__promote">
        <Cell icon="share" title="推广中心" description="把喜欢的好物分享给朋友，赚取推广佣金" onClick={go(DISTRIBUTION_CENTER)} className="to-distribution" />
      </CellGroup>
    </View>
  );
}

function StaffDesk({ role }: { role: NonNullable<Home['role']> }) {
  return (
    <Card title="店员工作台" extra={`${role.name} · ${role.storeName ?? ''}`} className="home__desk home-desk">
      <Button block icon="scan" className="to-staff" onClick={go(STAFF_SCAN)}>
        识别会员 · 登记消费
      </Button>
      <View className="home__desk-grid">
        <Cell icon="ticket" title="核销券" onClick={go(STAFF_COUPON)} className="to-staff-coupon" />
        <Cell icon="box" title="到店自提" onClick={go(STAFF_PICKUP)} className="to-staff-pickup" />
        <Cell icon="truck" title="兑换订单" onClick={go(STAFF_ORDERS)} className="to-staff-orders" />
        <Cell icon="refund" title="办理退款" onClick={go(STAFF_REFUND)} className="to-staff-refund" />
        <Cell icon="clipboard" title="今日小结" onClick={go(STAFF_SUMMARY)} className="to-staff-summary" />
      </View>
    </Card>
  );
}

function OperatorEntry({ name }: { name: string }) {
  // Flagged commissions and withdrawals above the approval threshold wait for an operator.
  const review = useCloudQuery(distributionService.reviewQueue, { refreshOnShow: true });
  const waiting = review.data ? review.data.commissions.length + review.data.withdrawals.length : 0;
  return (
    <Card title="运营看板" extra={name} className="home__ops home-ops">
      <View className="home__ops-text">检查等级、积分规则、券与商品等运营配置，发现填写错误及时修正。</View>
      <Button block icon="chart" className="to-ops" onClick={go(OPS_DASHBOARD)}>
        打开运营看板
      </Button>
      <View className="home__desk-grid">
        <Cell icon="shield" title="推广审核" value={waiting > 0 ? `${waiting} 项待处理` : '暂无待处理'} onClick={go(DISTRIBUTION_REVIEW)} className="to-dist-review" />
        <Cell icon="users" title="体验官与活动审核" description="申请、身份与线下活动" onClick={go(KOC_REVIEW)} className="to-koc-review" />
      </View>
    </Card>
  );
}

/**
 * Opened from a member's invitation code: WeChat passes the code's scene as `scene` (percent-encoded); say who
 * invited. Nothing is granted for it, to either side.
 */
function InviteWelcome() {
  const { scene } = useRouter().params;
  const [inviter, setInviter] = useState<string | null>(null);
  useEffect(() => {
    if (!scene) return;
    kocService
      .resolveInvite(scene)
      .then((r) => setInviter(r.inviter?.nickname ?? null))
      .catch(() => setInviter(null));
  }, [scene]);
  if (!inviter) return null;
  return (
    <Notice tone="info" className="home-invite">
      {`${inviter} 邀请你来会员社区看看`}
    </Notice>
  );
}

/** The community: everyone may read the feed and the campaigns; joining is asked at the first action. */
function CommunityEntry() {
  return (
    <CellGroup title="会员社区" className="home__community">
      <Cell icon="chat" title="社区动态" description="看看大家在分享什么" onClick={go(COMMUNITY_FEED)} className="to-community" />
      <Cell icon="calendar" title="打卡活动" description="一起坚持，完成得证书与徽章" onClick={go(COMMUNITY_CAMPAIGNS)} className="to-campaigns-home" />
      <Cell icon="location" title="线下活动" description="品鉴会、交流会，就在你的城市" onClick={go(KOC_EVENTS)} className="to-koc-events" />
      <Cell icon="star" title="体验官计划" description="申请成为城市体验官、社区管理员" onClick={go(KOC_HOME)} className="to-koc" />
    </CellGroup>
  );
}

/** What is new in the mall: everyone may look (visitors too), joining is asked at the first action. */
function Featured() {
  const items = useCloudQuery(() => mallService.items('all'));
  const list = items.data?.items.slice(0, 4) ?? [];
  if (list.length === 0) return null;
  return (
    <Section title="积分好物" extra={<>全部<Icon name="chevronRight" size="sm" color="textSecondary" /></>} onExtra={go(MALL)} className="home__featured">
      <View className="home__items">
        {list.map((item) => (
          <FeaturedItem key={item.itemId} item={item} />
        ))}
      </View>
    </Section>
  );
}

function FeaturedItem({ item }: { item: MallItem }) {
  return (
    <View className="home__item home-item" onClick={go(`${MALL_ITEM}?itemId=${encodeURIComponent(item.itemId)}`)}>
      {item.image ? (
        <Image className="home__item-image" src={item.image} mode="aspectFill" />
      ) : (
        <View className="home__item-image home__item-image--empty">
          <Icon name="gift" size="lg" color="primary" />
        </View>
      )}
      <View className="home__item-title">{item.title}</View>
      <View className="home__item-price">{priceText(item.pricePoints, item.cashFen)}</View>
    </View>
  );
}
