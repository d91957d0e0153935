import { KOC_CONSENT_VERSION } from '../../_core/koc/koc.schema';
import { addDays, businessDay } from '../../_core/shared/business-time.rules';
import type { Result } from '../../_core/shared/errors';
import type { LocalCloud } from './local-cloud';

/**
 * The KOC programme of the demo brand, made through the real `koc` function: 七七 is a city ambassador (and a
 * co-creator, 共创发起人, who may open polls and panels) with an approved tasting a week ahead (five members signed up) and a second one awaiting review; 安然's application to
 * moderate waits for the operator. 林小满 has not applied, so a visitor of the demo can.
 */
export async function seedDemoKoc(cloud: LocalCloud, operator: string): Promise<void> {
  const call = async <T>(openid: string, action: string, input: Record<string, unknown>): Promise<T> => {
    const r = (await cloud.call<T>('koc', { action, input }, openid)) as Result<T>;
    if (!r.ok) throw new Error(`seed koc ${action}: ${r.error.code} ${r.error.message}`);
    return r.data;
  };
  const apply = (openid: string, city: string, plan: string, wanted: string[]) =>
    call(openid, 'apply', { city, plan, links: [], wanted, consent: { accepted: true, version: KOC_CONSENT_VERSION } });

  const ambassador = 'demo-sample-06';
  await apply(ambassador, '上海', '在静安和徐汇组织品鉴会，带朋友们认识品牌的新品，也想发起会员周边的共创投票', ['ambassador', 'co_creator']);
  const pending = await call<{ items: { applicationId: string }[] }>(operator, 'applications', { status: 'pending' });
  await call(operator, 'review', { applicationId: pending.items[0].applicationId, decision: 'approve', roles: ['ambassador', 'co_creator'], reason: '组织过多次线下活动，欢迎成为城市体验官和共创发起人' });
  await apply('demo-sample-07', '杭州', '每天会刷社区，愿意帮忙处理举报和待审核的内容', ['moderator']);

  const day = (n: number) => addDays(businessDay(cloud.clock.now()), n);
  const at = (d: string, time: string) => `${d}T${time}:00+08:00`;
  const tasting = await call<{ event: { eventId: string } }>(ambassador, 'proposeEvent', {
    requestId: 'demo-event-tasting',
    title: '静安冬日品鉴会',
    description: '一起品尝冬季限定新品，聊聊各自的喝茶习惯。现场有品牌同事讲解原料产地。',
    city: '上海',
    venue: '静安店二楼',
    startsAt: at(day(7), '14:00'),
    endsAt: at(day(7), '16:00'),
    capacity: 20,
    materials: '试饮装 20 份、产地介绍卡',
  });
  await call(operator, 'reviewEvent', { eventId: tasting.event.eventId, decision: 'approve', reason: '时间地点合适，欢迎会员参加', materialsNote: '寄出试饮装 20 份与产地介绍卡' });
  for (const m of ['demo-sample-01', 'demo-sample-02', 'demo-sample-03', 'demo-sample-04', 'demo-sample-05']) await call(m, 'signUp', { eventId: tasting.event.eventId });
  await call(ambassador, 'proposeEvent', {
    requestId: 'demo-event-reading',
    title: '徐汇读书茶话会',
    description: '带一本最近在读的书，配一杯茶，和同城会员聊聊天。',
    city: '上海',
    venue: '徐汇店会客区',
    startsAt: at(day(12), '19:00'),
    endsAt: at(day(12), '21:00'),
    capacity: 12,
    materials: '茶点 12 份',
  });
}
