import { storesConfig, tierConfig } from '../config/config-registry';
import { loadConfig } from '../config/operator-config';
import { tierNamesOf } from '../mall/mall-items.service';
import { saleInstant } from '../mall/mall.rules';
import { formatMoney } from '../shared/money.rules';
import { withViewer, type MemberContext, type ViewerContext } from '../shared/access';
import { getOrNull } from '../shared/db-helpers';
import { AppError } from '../shared/errors';
import { imageUrls } from '../shared/images';
import { layersOf } from '../scoring/member-layers';
import { LAYER_NAMES } from '../scoring/scoring-config.schema';
import { pickupStoresOf } from '../stores/stores-config.schema';
import type { DealAudience, GroupDeal } from './deal-config.schema';
import { loadDeal, loadDeals } from './deal-config.service';
import { groupOrders, orders, soldOf } from './deal-orders.service';
import { judgeJoin, judgeJoinAny, judgeOpen, missing, needsLayers, openGroupsToOffer, unitsLeft, type DealVerdict, type MemberFacts } from './groupbuy.rules';
import { DEAL_HOLDINGS, GROUPS, holdingId, type DealHoldingRecord, type DealOrderRecord, type GroupRecord } from './groupbuy.record';
import type { UseCaseContext } from '../shared/use-case-context';
import type { DealDetailView, DealInput, DealOrderView, DealsView, DealView, GroupInput, GroupView, MyDealOrdersView, OpenGroupView } from './groupbuy.schema';

/** Open groups a deal page offers. */
const OFFERED_GROUPS = 5;
/** Open groups read to choose from (the index orders them by closing time). */
const OPEN_GROUPS_READ = 50;

export const GROUP_PAGE = 'packages/groupbuy/group/index';

/** What a visitor sees where a member sees their own eligibility: the invitation to join first. */
export const VISITOR_GROUP_REASON = '加入会员后即可参团';
export const VISITOR_FLASH_REASON = '加入会员后即可抢购';

/**
 * A verdict as the caller reads it: a visitor (no member) never sees "ok" (they must join first), but does see
 * what stops everyone (ended, sold out, full...).
 */
export function forViewer(verdict: DealVerdict, registered: boolean, visitorReason: string): { ok: boolean; reason: string | null } {
  if (!verdict.ok) return { ok: false, reason: verdict.reason };
  return registered ? { ok: true, reason: null } : { ok: false, reason: visitorReason };
}

const STATUS_TEXT: Record<DealOrderRecord['status'], string> = {
  claiming: '处理中',
  void: '已取消',
  awaiting_payment: '待支付',
  released: '未支付，名额已释放',
  paid: '已支付',
  completed: '待提货',
  picked_up: '已提货',
  shipped: '已发货',
  refunding: '退款中',
  refunded: '已退款',
};

function orderStatusText(o: DealOrderRecord): string {
  if (o.status === 'paid' && o.kind === 'group') return '已支付，等待成团';
  if (o.status === 'paid' && o.kind === 'flash') return o.delivery.mode === 'express' ? '已支付，待发货' : '已支付，待提货';
  if (o.status === 'completed' && o.delivery.mode === 'express') return '拼团成功，待发货';
  if (o.status === 'completed') return '拼团成功，待提货';
  if (o.status === 'refunding') return o.refund?.status === 'failed' ? `退款处理中（已尝试 ${o.refund.attempts} 次，系统会自动重试）` : '退款中';
  if (o.status === 'refunded') return `已退款 ${formatMoney(o.refund?.fee ?? o.priceFen)}，原路退回`;
  return STATUS_TEXT[o.status];
}

export function toDealOrderView(o: DealOrderRecord): DealOrderView {
  return {
    orderNo: o._id,
    kind: o.kind,
    dealId: o.dealId,
    groupId: o.groupId,
    role: o.role,
    title: o.title,
    priceFen: o.priceFen,
    status: o.status,
    statusText: orderStatusText(o),
    holdUntil: o.holdUntil.toISOString(),
    delivery: o.delivery,
    trackingNo: o.trackingNo,
    paidAt: o.paidAt ? o.paidAt.toISOString() : null,
    refund: o.refund ? { status: o.refund.status, reason: o.refund.reason, fee: o.refund.fee, attempts: o.refund.attempts, at: o.refund.at.toISOString() } : null,
    points: o.points,
    createdAt: o.createdAt.toISOString(),
    history: o.history.map((h) => ({ status: h.status, at: h.at.toISOString(), by: h.by, note: h.note })),
  };
}

/** Avatars as the app shows them: presets as they are, cloud files as temporary links (gone files: a preset). */
async function avatars(ctx: UseCaseContext, refs: readonly string[]): Promise<(ref: string) => string> {
  const urls = await imageUrls(ctx.storage, refs.filter((r) => r.startsWith('cloud://')));
  return (ref) => (ref.startsWith('cloud://') ? (urls[ref] ?? 'preset:1') : ref);
}

/** The member's facts for judging `deals` (their layers are read only when one of them names layers). */
export async function memberFacts(ctx: MemberContext, deals: readonly { audience: DealAudience }[]): Promise<MemberFacts> {
  return (await viewerFacts(ctx, deals)).facts!;
}

/** The caller's facts for the rules (null for a visitor) and the tier names (shown to everyone). */
export async function viewerFacts(
  ctx: ViewerContext,
  deals: readonly { audience: DealAudience }[],
): Promise<{ facts: MemberFacts | null; tierNames: ReadonlyMap<string, string> }> {
  const m = ctx.member;
  const [{ tiers }, layers] = await Promise.all([loadConfig(ctx, tierConfig), m && needsLayers(deals) ? layersOf(ctx.db, m._id) : []]);
  const tierNames = tierNamesOf(tiers);
  return { facts: m ? { tierCode: m.tierCode, memberNo: m.memberNo, joinedAt: m.createdAt, tierNames, layers } : null, tierNames };
}

/** The layers a deal or sale is for, as members read them (超级用户…). */
export const layerNamesOf = (audience: DealAudience) => (audience.layers ?? []).map((l) => LAYER_NAMES[l]);

function rewardText(d: GroupDeal): string | null {
  if (!d.leaderReward) return null;
  return d.leaderReward.kind === 'points' ? `团长成团奖励 ${d.leaderReward.points} 积分` : '团长成团奖励优惠券一张';
}

/** The caller's places held in a deal or sale (0 for a visitor). */
export async function heldOf(ctx: ViewerContext, kind: 'group' | 'flash', dealId: string): Promise<number> {
  if (!ctx.member) return 0;
  const h = await getOrNull<DealHoldingRecord>(ctx.db.collection<DealHoldingRecord>(DEAL_HOLDINGS).doc(holdingId(kind, dealId, ctx.member._id)));
  return h?.held ?? 0;
}

type Facts = Awaited<ReturnType<typeof viewerFacts>>;

function dealView(d: GroupDeal, urls: Record<string, string>, sold: number, mine: number, { facts, tierNames }: Facts, now: Date): DealView {
  let judged = judgeOpen(d, facts, now, sold);
  if (judged.ok && mine >= d.perMember) judged = { ok: false, code: 'DEAL_SOLD_OUT', reason: `每人限购 ${d.perMember} 份，你已参加` };
  const verdict = forViewer(judged, facts !== null, VISITOR_GROUP_REASON);
  // A visitor may look at the open groups (each group page invites them to join first).
  const joining = judgeJoinAny(d, facts, now);
  return {
    dealId: d.dealId,
    title: d.title,
    description: d.description,
    images: d.images.map((r) => urls[r]).filter((u): u is string => !!u),
    singlePriceFen: d.singlePriceFen,
    groupPriceFen: d.groupPriceFen,
    groupSize: d.groupSize,
    windowHours: d.windowHours,
    groupsLeft: Math.floor(unitsLeft(d.stock, sold) / d.groupSize),
    perMember: d.perMember,
    mine,
    deliveryModes: d.delivery,
    leaderReward: rewardText(d),
    newMembersOnly: d.newMembersOnly,
    saleFrom: d.sale.from ? saleInstant(d.sale.from, 'from').toISOString() : null,
    saleTo: d.sale.to ? saleInstant(d.sale.to, 'to').toISOString() : null,
    tierNames: d.tiers.map((t) => tierNames.get(t) ?? t),
    layerNames: layerNamesOf(d.audience),
    available: verdict.ok,
    reason: verdict.ok ? null : verdict.reason,
    canJoin: joining.ok,
    joinReason: joining.ok ? null : joining.reason,
  };
}

export async function listDeals(caller: UseCaseContext): Promise<DealsView> {
  const ctx = await withViewer(caller);
  const deals = await loadDeals(ctx);
  const active = deals.filter((d) => d.active);
  const [f, urls, sold, mine] = await Promise.all([
    viewerFacts(ctx, active),
    imageUrls(ctx.storage, active.flatMap((d) => d.images.slice(0, 1))),
    Promise.all(active.map((d) => soldOf(ctx.db, 'group', d.dealId))),
    Promise.all(active.map((d) => heldOf(ctx, 'group', d.dealId))),
  ]);
  const now = ctx.clock.now();
  return { registered: !!ctx.member, deals: active.map((d, i) => dealView(d, urls, sold[i], mine[i], f, now)) };
}

/** Open groups of a deal worth offering to the caller (joinable now, nearest to completing first). */
export async function offeredGroups(ctx: ViewerContext, dealId: string, exclude: { groupId?: string }): Promise<OpenGroupView[]> {
  const now = ctx.clock.now();
  const _ = ctx.db.command;
  const { data } = await ctx.db
    .collection<GroupRecord>(GROUPS)
    .where({ dealId, status: 'open', expiresAt: _.gt(now) })
    .orderBy('expiresAt', 'asc')
    .limit(OPEN_GROUPS_READ)
    .get();
  const chosen = openGroupsToOffer(data, now, { openid: ctx.member?._id ?? null, groupId: exclude.groupId }, OFFERED_GROUPS);
  const leaders = await Promise.all(chosen.map((g) => getOrNull<DealOrderRecord>(orders(ctx.db).doc(g.leaderOrderNo))));
  const avatar = await avatars(ctx, leaders.map((l) => l?.avatarUrl ?? ''));
  return chosen.map((g, i) => ({
    groupId: g._id,
    leaderNickname: leaders[i]?.nickname ?? '团长',
    leaderAvatarUrl: avatar(leaders[i]?.avatarUrl ?? 'preset:1'),
    missing: missing(g),
    size: g.size,
    expiresAt: g.expiresAt!.toISOString(),
  }));
}

export async function dealDetail(caller: UseCaseContext, input: DealInput): Promise<DealDetailView> {
  const ctx = await withViewer(caller);
  const [deal, stores] = await Promise.all([loadDeal(ctx, input.dealId), loadConfig(ctx, storesConfig)]);
  if (!deal || !deal.active) throw new AppError('DEAL_NOT_FOUND', '没有找到这个拼团活动');
  const [f, urls, sold, mine, openGroups] = await Promise.all([
    viewerFacts(ctx, [deal]),
    imageUrls(ctx.storage, deal.images),
    soldOf(ctx.db, 'group', deal.dealId),
    heldOf(ctx, 'group', deal.dealId),
    offeredGroups(ctx, deal.dealId, {}),
  ]);
  const now = ctx.clock.now();
  return { registered: !!ctx.member, deal: dealView(deal, urls, sold, mine, f, now), openGroups, pickupStores: pickupStoresOf(stores), serverNow: now.toISOString() };
}

const GROUP_STATUS_TEXT: Record<GroupRecord['status'], string> = {
  forming: '等待团长支付',
  open: '拼团中',
  completed: '拼团成功',
  failed: '未成团，已原路退款',
  abandoned: '团长未支付，团未开成',
};

/** The group page: members (avatars), empty slots, countdown from the server clock, share message. */
export async function groupView(ctx: ViewerContext, groupId: string): Promise<GroupView> {
  const g = await getOrNull<GroupRecord>(ctx.db.collection<GroupRecord>(GROUPS).doc(groupId));
  // A forming group is invisible except to its leader (it exists once the leader has paid).
  if (!g || ((g.status === 'forming' || g.status === 'abandoned') && g.leaderOpenid !== ctx.member?._id)) {
    throw new AppError('GROUP_NOT_FOUND', '没有找到这个团');
  }
  const [deal, stores, members] = await Promise.all([
    loadDeal(ctx, g.dealId),
    loadConfig(ctx, storesConfig),
    groupOrders(ctx.db, g, ['awaiting_payment', 'paid', 'completed', 'picked_up', 'shipped', 'refunding', 'refunded']),
  ]);
  const now = ctx.clock.now();
  const [f, urls, avatar] = await Promise.all([viewerFacts(ctx, deal ? [deal] : []), imageUrls(ctx.storage, deal ? deal.images.slice(0, 1) : []), avatars(ctx, members.map((m) => m.avatarUrl))]);
  const image = deal?.images[0] ? (urls[deal.images[0]] ?? null) : null;
  // Members shown: those who paid (in a failed group: those refunded), then holds still paying.
  const shown = members
    .filter((m) => m.status !== 'awaiting_payment' || (g.status === 'open' && m.holdUntil > now))
    .sort((a, b) => (a.role === 'leader' ? -1 : b.role === 'leader' ? 1 : a.createdAt.getTime() - b.createdAt.getTime()));
  const mine = (ctx.member && members.find((m) => m._openid === ctx.member!._id)) || null;
  const judged: DealVerdict = deal ? judgeJoin(deal, g, f.facts, now) : { ok: false, code: 'DEAL_NOT_AVAILABLE', reason: '活动已下架' };
  // Full beats "join first": a visitor is not sent to register for a group nobody can join.
  const verdict = forViewer(judged.ok && missing(g) === 0 ? { ok: false, code: 'GROUP_CLOSED', reason: '名额已被占满，稍后可能有人释放名额' } : judged, !!ctx.member, VISITOR_GROUP_REASON);
  const joinReason = mine ? '你已在团中' : verdict.reason;
  const price = deal?.groupPriceFen ?? mine?.priceFen ?? 0;
  return {
    groupId: g._id,
    dealId: g.dealId,
    registered: !!ctx.member,
    title: g.title,
    image,
    groupPriceFen: price,
    singlePriceFen: deal?.singlePriceFen ?? price,
    layerNames: deal ? layerNamesOf(deal.audience) : [],
    size: g.size,
    status: g.status,
    statusText: GROUP_STATUS_TEXT[g.status],
    taken: g.taken,
    paid: g.paid,
    expiresAt: g.expiresAt ? g.expiresAt.toISOString() : null,
    serverNow: now.toISOString(),
    members: shown.map((m) => ({ nickname: m.nickname, avatarUrl: avatar(m.avatarUrl), role: m.role === 'leader' ? 'leader' : 'member', paid: m.status !== 'awaiting_payment' })),
    emptySlots: Math.max(0, g.size - shown.length),
    mine: mine ? toDealOrderView(mine) : null,
    canJoin: joinReason === null,
    joinReason,
    share: {
      title: `【还差${missing(g)}人】${formatMoney(price)} 拼 ${g.title}`,
      path: `/${GROUP_PAGE}?groupId=${g._id}`,
      imageUrl: image,
    },
    deliveryModes: deal?.delivery ?? ['pickup'],
    pickupStores: pickupStoresOf(stores),
  };
}

export const groupPage = async (ctx: UseCaseContext, input: GroupInput) => groupView(await withViewer(ctx), input.groupId);

/** The caller's group-buy orders, newest first, each with its group's state and the refund's. */
export async function myGroups(ctx: MemberContext): Promise<MyDealOrdersView> {
  const { data } = await orders(ctx.db).where({ _openid: ctx.member._id, kind: 'group' }).orderBy('createdAt', 'desc').limit(100).get();
  const visible = data.filter((o) => o.status !== 'claiming' && o.status !== 'void');
  const groupIds = [...new Set(visible.map((o) => o.groupId!))];
  const groups = groupIds.length
    ? (await ctx.db.collection<GroupRecord>(GROUPS).where({ _id: ctx.db.command.in(groupIds) }).limit(1000).get()).data
    : [];
  const byId = new Map(groups.map((g) => [g._id, g]));
  return {
    orders: visible.map((o) => {
      const g = byId.get(o.groupId!);
      return {
        ...toDealOrderView(o),
        group: g ? { status: g.status, size: g.size, paid: g.paid, expiresAt: g.expiresAt ? g.expiresAt.toISOString() : null } : null,
      };
    }),
  };
}
