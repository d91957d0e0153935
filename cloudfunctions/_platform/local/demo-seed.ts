import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { ALL_CONFIGS, birthdayConfig, distributionConfig, giftPackConfig, tierConfig, vipCardConfig } from '../../_core/config/config-registry';
import { CONFIG_COLLECTION } from '../../_core/config/operator-config';
import { MEMBERS } from '../../_core/member/member.record';
import { ROLES, type RoleRecord } from '../../_core/staff/role.record';
import { tierForGrowth } from '../../_core/tier/tier.rules';
import { getOrNull } from '../../_core/shared/db-helpers';
import type { Result } from '../../_core/shared/errors';
import type { LocalCloud } from './local-cloud';
import { PERSONAS } from './demo-personas';
import { backdateDemoMembers, seedDemoScoring } from './demo-scoring';
import { seedDemoCommunity } from './demo-community';
import { businessDay } from '../../_core/shared/business-time.rules';
import { seedDemoKoc } from './demo-koc';
import { seedDemoCocreate } from './demo-cocreate';

const SAMPLE_NAMES = ['阿青', '小鹿', '木木', '橙子', '大雄', '七七', '安然', '小北', '果果', '一一', '北辰', '星野'];

/**
 * A demo brand for a fresh data folder: the operator documents, staff roles, and members registered
 * through the real `member` function (so demo data obeys the same rules as real data).
 * Growth is set directly because earning it belongs to the points ledger (a later feature).
 */
export async function seedDemoBrand(cloud: LocalCloud): Promise<{ seeded: boolean; members: number }> {
  const { db } = cloud;
  if (await getOrNull(db.collection(CONFIG_COLLECTION).doc('tiers'))) return { seeded: false, members: 0 };

  for (const def of ALL_CONFIGS) {
    await db.collection(CONFIG_COLLECTION).doc(def.id).set({ data: { ...(def.fallback as object) } });
  }
  // The demo brand sells the paid card (a real brand turns it on once its merchant account is set up).
  await db.collection(CONFIG_COLLECTION).doc(vipCardConfig.id).update({ data: { enabled: true } });
  // The demo's own pictures go to cloud storage first; the operator documents name their fileIDs.
  const images = await uploadDemoImages(cloud);
  // Coupon templates before anyone registers: birthday benefits issue one at registration inside the window.
  for (const [id, doc] of Object.entries(DEMO_COUPON_TEMPLATES)) {
    await db.collection('coupon_templates').doc(id).set({ data: { ...doc, image: images[DEMO_IMAGE_OF[id]] ?? null } });
  }
  await db.collection(CONFIG_COLLECTION).doc('birthday').set({ data: { ...DEMO_BIRTHDAY } });
  await db.collection(CONFIG_COLLECTION).doc('message_templates').set({ data: { couponExpiry: 'demo-coupon-expiry', birthdayGreeting: 'demo-birthday' } });
  const roleOf = { clerk: 'clerk', operator: 'operator' } as const;
  for (const p of PERSONAS) {
    if (p.role !== 'clerk' && p.role !== 'operator') continue;
    const role: Omit<RoleRecord, '_id'> = {
      role: roleOf[p.role],
      storeId: p.role === 'clerk' ? 'S001' : null,
      name: p.name,
      active: true,
    };
    await db.collection(ROLES).doc(p.openid).set({ data: role });
  }

  const policy = (await cloud.call<{ version: string }>('member', { action: 'privacyPolicy', input: {} }, 'seed'));
  if (!policy.ok) throw new Error(`seed: privacy policy unavailable: ${policy.error.message}`);
  const consent = { policyVersion: policy.data.version, accepted: true };

  const members: { openid: string; nickname: string; growth: number; birthday?: { month: number; day: number } }[] = [
    { openid: 'dev-member-lin', nickname: '林小满', growth: 1800, birthday: { month: 11, day: 28 } },
    ...SAMPLE_NAMES.map((nickname, i) => ({
      openid: `demo-sample-${String(i + 1).padStart(2, '0')}`,
      nickname,
      // A long tail: most members are new, a few are the brand's super users.
      growth: [0, 30, 120, 260, 480, 800, 1100, 1500, 2600, 4200, 5600, 9800][i],
      birthday: { month: (i % 12) + 1, day: ((i * 7) % 28) + 1 },
    })),
  ];
  for (const [i, m] of members.entries()) {
    const res = await cloud.call(
      'member',
      { action: 'register', input: { consent, nickname: m.nickname, avatarUrl: `preset:${(i % 8) + 1}`, birthday: m.birthday } },
      m.openid,
    );
    if (!res.ok) throw new Error(`seed: register ${m.openid}: ${res.error.code} ${res.error.message}`);
  }
  const { tiers } = tierConfig.fallback;
  // 林小满 earns hers for real (below); the sample members get growth directly.
  for (const m of members.slice(1)) {
    await db.collection(MEMBERS).doc(m.openid).update({ data: { growth: m.growth, tierCode: tierForGrowth(tiers, m.growth).code } });
  }
  await seedLinsHistory(cloud);
  // Distribution is open in the demo: 林小满 is a KOC the brand invited (she joins in 推广中心), the gift pack is on sale.
  const lin = (await db.collection<{ memberNo: string }>(MEMBERS).doc('dev-member-lin').get()).data;
  const distribution = distributionConfig.fallback;
  await db.collection(CONFIG_COLLECTION).doc(distributionConfig.id).set({
    data: { ...distribution, enabled: true, eligibility: { ...distribution.eligibility, koc: { enabled: true, memberNos: [lin.memberNo] } } },
  });
  await db.collection(CONFIG_COLLECTION).doc(giftPackConfig.id).update({ data: { enabled: true } });
  await db.collection(CONFIG_COLLECTION).doc('stores').set({
    data: {
      stores: [
        { id: 'S001', name: '静安店', address: '上海市静安区南京西路 1 号', pickup: true },
        { id: 'S002', name: '徐汇店', address: '上海市徐汇区衡山路 8 号', pickup: true },
      ],
    },
  });
  for (const [id, doc] of Object.entries(DEMO_MALL_ITEMS)) {
    await db.collection('mall_items').doc(id).set({ data: { ...doc, image: images[DEMO_IMAGE_OF[id]] ?? null } });
  }
  await seedGroupBuy(cloud, images);
  // The operator is also a member of the community: their posts are marked official.
  const operator = PERSONAS.find((p) => p.role === 'operator')!;
  const reg = await cloud.call('member', { action: 'register', input: { consent, nickname: operator.name, avatarUrl: 'preset:5' } }, operator.openid);
  if (!reg.ok) throw new Error(`seed: register ${operator.openid}: ${reg.error.code} ${reg.error.message}`);
  await backdateDemoMembers(cloud);
  await seedDemoCommunity(cloud, { openid: operator.openid, nickname: operator.name }, { run7: images['campaign-run.png'] ?? null });
  await seedDemoScoring(cloud);
  await seedDemoKoc(cloud, operator.openid);
  await seedDemoCocreate(cloud, operator.openid);
  return { seeded: true, members: members.length };
}

const DAY_MS = 86_400_000;

/** Original illustrations drawn for the demo (scripts/make-demo-assets.ts), committed beside this file. */
const DEMO_ASSET_DIR = join(__dirname, 'demo-assets');

/** Which picture each demo coupon template and mall item shows. */
const DEMO_IMAGE_OF: Record<string, string> = {
  WELCOME30: 'coupon-welcome.png',
  COFFEE85: 'coupon-coffee.png',
  CASH20: 'coupon-cash.png',
  TRIAL2026: 'coupon-trial.png',
  MUG: 'mall-mug.png',
  SKETCH: 'mall-sketch.png',
  COUPON20: 'mall-coupon20.png',
};

/** Uploads the demo pictures as an operator would in the console: file name -> fileID. */
async function uploadDemoImages(cloud: LocalCloud): Promise<Record<string, string>> {
  const out: Record<string, string> = {};
  if (!existsSync(DEMO_ASSET_DIR)) return out;
  for (const name of readdirSync(DEMO_ASSET_DIR).filter((f) => f.endsWith('.png')).sort()) {
    const { fileId } = await cloud.storage.upload({ cloudPath: `demo/${name}`, content: readFileSync(join(DEMO_ASSET_DIR, name)) });
    out[name] = fileId;
  }
  return out;
}

/** Through the real till: two purchases 40 days ago (released by now) and check-ins on the last three days. */
async function seedLinsHistory(cloud: LocalCloud): Promise<void> {
  const lin = 'dev-member-lin';
  const clerk = 'dev-clerk-wang';
  const must = <T>(r: Result<T>, what: string): T => {
    if (!r.ok) throw new Error(`seed: ${what}: ${r.error.code} ${r.error.message}`);
    return r.data;
  };
  const today10am = new Date(Math.floor((Date.now() + 8 * 3600_000) / DAY_MS) * DAY_MS + 2 * 3600_000); // 10:00 Beijing
  try {
    cloud.clock.set(new Date(today10am.getTime() - 40 * DAY_MS));
    const code = must(await cloud.call<{ token: string }>('member', { action: 'code', input: {} }, lin), 'member code');
    const visit = must(await cloud.call<{ visitId: string }>('staff', { action: 'scanMember', input: { code: code.token } }, clerk), 'scan');
    for (const [orderNo, amountFen] of [['DEMO-0001', 98_000], ['DEMO-0002', 82_000]] as const) {
      must(await cloud.call('staff', { action: 'recordPurchase', input: { visitId: visit.visitId, orderNo, amountFen } }, clerk), orderNo);
    }
    for (let back = 3; back >= 1; back--) {
      cloud.clock.set(new Date(today10am.getTime() - back * DAY_MS));
      must(await cloud.call('points', { action: 'checkIn', input: {} }, lin), 'check-in');
    }
  } finally {
    cloud.clock.reset();
  }
}

/** Coupons that fit a community brand: a welcome gift, a co-creation reward for gold members, a coffee deal. */
const DEMO_COUPON_TEMPLATES: Record<string, Record<string, unknown>> = {
  WELCOME30: {
    title: '满199减30',
    description: '新朋友见面礼，门店与小程序通用',
    kind: { type: 'amount_off', thresholdFen: 19_900, amountOffFen: 3_000 },
    validity: { mode: 'afterClaim', days: 30 },
    total: 500,
    perMember: 1,
    channels: ['claim_center'],
  },
  COFFEE85: {
    title: '咖啡 85 折',
    description: '每天可领 1 张，最多优惠 30 元',
    kind: { type: 'percent_off', percentOff: 15, capFen: 3_000, thresholdFen: 0 },
    validity: { mode: 'afterClaim', days: 7 },
    total: 2_000,
    perMember: 5,
    perMemberPerDay: 1,
    channels: ['claim_center'],
  },
  CASH20: {
    title: '20 元无门槛券',
    description: '积分商城兑换所得',
    kind: { type: 'amount_off', thresholdFen: 0, amountOffFen: 2_000 },
    validity: { mode: 'afterClaim', days: 30 },
    total: 200,
    perMember: 1,
    channels: ['points_exchange'],
  },
  BIRTHDAY20: {
    title: '生日 20 元券',
    description: '生日礼遇，门店消费满 100 元可用',
    kind: { type: 'amount_off', thresholdFen: 10_000, amountOffFen: 2_000 },
    validity: { mode: 'afterClaim', days: 30 },
    total: 100_000,
    perMember: 10,
    channels: ['birthday'],
  },
  TRIAL2026: {
    title: '新品试用装兑换券',
    description: '共创会员专享：到店领取一份新品试用装，试用后欢迎在社区分享你的感受',
    kind: { type: 'gift', giftName: '新品试用装' },
    validity: { mode: 'afterClaim', days: 14 },
    total: 50,
    perMember: 1,
    audience: { tiers: ['gold', 'black'] },
    channels: ['claim_center', 'points_exchange'],
  },
};

/** Birthday month, by tier: points, the birthday coupon, double purchase points. */
const DEMO_BIRTHDAY = {
  ...birthdayConfig.fallback,
  tiers: birthdayConfig.fallback.tiers.map((t) => ({ ...t, couponTemplateIds: ['BIRTHDAY20'] })),
};

const DEMO_MALL_ITEMS: Record<string, Record<string, unknown>> = {
  MUG: { title: '品牌马克杯', description: '社区会员设计票选出的杯型', kind: 'physical', delivery: ['pickup', 'express'], pricePoints: 600, stock: 100, perMember: 2, sort: 1 },
  SKETCH: {
    title: '设计师手稿鉴赏会名额',
    description: '与设计师面对面，看新品从手稿到成品的过程（静安店）',
    kind: 'experience',
    delivery: ['pickup'],
    pricePoints: 800,
    stock: 20,
    perMember: 1,
    tiers: ['gold', 'black'],
    stores: ['S001'],
    sort: 2,
  },
  COUPON20: { title: '20 元无门槛券', description: '积分兑换，存入我的券', kind: 'coupon', couponTemplateId: 'CASH20', pricePoints: 300, stock: 200, perMember: 1, sort: 3 },
};

/**
 * Group-buy deals (one for 超级用户 only) and a flash sale (晚8点爆款5折, today at 20:00 Beijing), with images in cloud storage, and
 * one open group led by a sample member (paid in the sandbox), so 可直接参团 has something to show.
 */
async function seedGroupBuy(cloud: LocalCloud, images: Record<string, string>): Promise<void> {
  const { db } = cloud;
  const picture = (name: string) => (images[name] ? [images[name]] : []);
  const [beans, tea, tote, box, mug] = [picture('deal-beans.png'), picture('deal-tea.png'), picture('deal-tote.png'), picture('deal-box.png'), picture('flash-mug.png')];
  const deals: Record<string, Record<string, unknown>> = {
    'beans-3': {
      title: '手冲咖啡豆 250g · 三人团',
      description: '本季新豆，中度烘焙。三人成团享拼团价，团长额外得 50 积分。',
      images: beans,
      singlePriceFen: 9900,
      groupPriceFen: 5990,
      groupSize: 3,
      windowHours: 24,
      stock: 300,
      perMember: 2,
      delivery: ['pickup', 'express'],
      leaderReward: { kind: 'points', points: 50 },
      sort: 1,
    },
    'tea-2': {
      title: '青瓷茶具一套 · 两人团',
      description: '一壶两杯，适合和朋友分享下午茶。',
      images: tea,
      singlePriceFen: 19900,
      groupPriceFen: 12900,
      groupSize: 2,
      windowHours: 12,
      stock: 40,
      delivery: ['pickup'],
      sort: 2,
    },
    'tote-new': {
      title: '社区帆布袋 · 新人团',
      description: '拉新团：团长邀请注册 7 天内的新朋友一起拼。',
      images: tote,
      singlePriceFen: 6900,
      groupPriceFen: 2900,
      groupSize: 2,
      windowHours: 24,
      stock: 100,
      delivery: ['pickup'],
      newMembersOnly: true,
      sort: 3,
    },
    // For the 超级用户 layer only (林小满, 北辰 and 星野 in the demo's scoring): others see the tag and why not.
    'box-supers': {
      title: '新品尝鲜礼盒 · 两人团',
      description: '新品上市前先尝：超级用户专享，尝后欢迎在社区分享你的感受。',
      images: box,
      singlePriceFen: 12800,
      groupPriceFen: 6800,
      groupSize: 2,
      windowHours: 24,
      stock: 40,
      delivery: ['pickup'],
      audience: { layers: ['super'] },
      sort: 4,
    },
  };
  for (const [id, doc] of Object.entries(deals)) await db.collection('group_deals').doc(id).set({ data: doc });
  await db.collection('flash_sales').doc('mug-8pm').set({
    data: {
      title: '晚8点爆款5折 · 陶瓷马克杯',
      description: '限量 50 只，每人限购 1 只，到店自提。',
      images: mug,
      originalPriceFen: 8800,
      priceFen: 4400,
      stock: 50,
      startAt: `${businessDay(cloud.clock.now())} 20:00`,
      perMember: 1,
      delivery: ['pickup'],
    },
  });
  const leader = 'demo-sample-01';
  const opened = await cloud.call<{ order: { orderNo: string } }>(
    'groupbuy',
    { action: 'open', input: { dealId: 'beans-3', requestId: 'demo-open-beans-1', delivery: { mode: 'pickup', storeId: 'S001' } } },
    leader,
  );
  if (!opened.ok) throw new Error(`seed: open a demo group: ${opened.error.code} ${opened.error.message}`);
  await cloud.payments.pay(opened.data.order.orderNo);
  const confirmed = await cloud.call('groupbuy', { action: 'confirm', input: { orderNo: opened.data.order.orderNo } }, leader);
  if (!confirmed.ok) throw new Error(`seed: confirm the demo group: ${confirmed.error.code}`);
}
