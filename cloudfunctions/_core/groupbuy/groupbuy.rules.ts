/**
 * Group-buy (拼团) and flash sales (限时秒杀) as pure rules: who may open or join what and when, when a group
 * closes, when a flash sale opens, which open groups to offer, and the share scene. No I/O, no clock.
 */
import { saleInstant } from '../mall/mall.rules';
import { judgeAudience } from '../scoring/audience.rules';
import type { MemberLayer } from '../scoring/scoring-config.schema';
import { businessDay } from '../shared/business-time.rules';
import type { DeliveryInput } from '../mall/mall.schema';
import type { DealAudience, FlashSale, GroupDeal } from './deal-config.schema';
import type { GroupRecord } from './groupbuy.record';

/** Error codes (shared/errors.ts) a refusal maps to; spelled here because rules import no services. */
export type DealRefusal =
  | 'DEAL_NOT_AVAILABLE'
  | 'DEAL_NOT_ELIGIBLE'
  | 'DEAL_LAYER_ONLY'
  | 'DEAL_SOLD_OUT'
  | 'GROUP_CLOSED'
  | 'GROUP_NOT_FOUND'
  | 'FLASH_NOT_STARTED'
  | 'FLASH_ENDED';

export type DealVerdict = { ok: true } | { ok: false; code: DealRefusal; reason: string };

const HOUR_MS = 3600_000;

export interface MemberFacts {
  tierCode: string;
  memberNo: string;
  /** When the member registered. */
  joinedAt: Date;
  tierNames: ReadonlyMap<string, string>;
  /** The member's value layers (`layersOf`); loaded only when a deal names layers, else empty. */
  layers: readonly MemberLayer[];
}

/*
 * `f: null` judges a visitor (not registered) on what is public only: sale window, group state, stock. The
 * member's own checks (tier, new-members-only) wait until they have joined; the views then say 加入会员.
 */

function tierVerdict(tiers: readonly string[], f: MemberFacts | null): DealVerdict {
  if (!f || tiers.length === 0 || tiers.includes(f.tierCode)) return { ok: true };
  const names = tiers.map((t) => f.tierNames.get(t) ?? t).join('、');
  return { ok: false, code: 'DEAL_NOT_ELIGIBLE', reason: `仅限${names}参加` };
}

/** The deal's layer audience through the one audience rule; `verb` ends the reason (仅限超级用户会员参加). */
function audienceVerdict(audience: DealAudience, f: MemberFacts | null, now: Date, verb: string): DealVerdict {
  if (!f) return { ok: true };
  const facts = { tierCode: f.tierCode, memberNo: f.memberNo, joinedDay: businessDay(f.joinedAt), layers: f.layers };
  const v = judgeAudience(audience, facts, businessDay(now), verb);
  return v.ok ? v : { ok: false, code: 'DEAL_LAYER_ONLY', reason: v.reason };
}

/** Whether a member's layers must be read to judge these deals (only when one names layers). */
export const needsLayers = (deals: readonly { audience: DealAudience }[]) => deals.some((d) => d.audience.layers !== undefined);

/** Whether the deal is on sale at `now` (active and inside its Beijing sale window). */
export function dealOnSale(deal: GroupDeal, now: Date): DealVerdict {
  if (!deal.active) return { ok: false, code: 'DEAL_NOT_AVAILABLE', reason: '活动已下架' };
  if (deal.sale.from && now < saleInstant(deal.sale.from, 'from')) return { ok: false, code: 'DEAL_NOT_AVAILABLE', reason: `${deal.sale.from} 开始` };
  if (deal.sale.to && now >= saleInstant(deal.sale.to, 'to')) return { ok: false, code: 'DEAL_NOT_AVAILABLE', reason: '活动已结束' };
  return { ok: true };
}

/** Units left to reserve (never negative). */
export const unitsLeft = (stock: number, sold: number) => Math.max(0, stock - sold);

/** Opening a group: on sale, the member's tier, and a whole group's worth of stock left. */
export function judgeOpen(deal: GroupDeal, f: MemberFacts | null, now: Date, sold: number): DealVerdict {
  const sale = dealOnSale(deal, now);
  if (!sale.ok) return sale;
  const tier = tierVerdict(deal.tiers, f);
  if (!tier.ok) return tier;
  const audience = audienceVerdict(deal.audience, f, now, '参加');
  if (!audience.ok) return audience;
  if (unitsLeft(deal.stock, sold) < deal.groupSize) return { ok: false, code: 'DEAL_SOLD_OUT', reason: '已抢光' };
  return { ok: true };
}

/** Whether a member counts as new for a 拉新团 (registered within `newMemberDays`). */
export function isNewMember(deal: Pick<GroupDeal, 'newMemberDays'>, joinedAt: Date, now: Date): boolean {
  return now.getTime() - joinedAt.getTime() < deal.newMemberDays * 24 * HOUR_MS;
}

/**
 * Joining a group: the group must be open and not past its window, the deal on sale, the member eligible.
 * Slots and the member's seat are decided by conditional writes, not here.
 */
export function judgeJoin(deal: GroupDeal, group: Pick<GroupRecord, 'status' | 'expiresAt' | 'dealId'>, f: MemberFacts | null, now: Date): DealVerdict {
  if (group.dealId !== deal.dealId) return { ok: false, code: 'GROUP_NOT_FOUND', reason: '这个团不属于该活动' };
  if (group.status === 'forming') return { ok: false, code: 'GROUP_NOT_FOUND', reason: '团长尚未支付，团还没开' };
  if (group.status !== 'open' || !group.expiresAt || now >= group.expiresAt) {
    return { ok: false, code: 'GROUP_CLOSED', reason: group.status === 'completed' ? '这个团已成团' : '这个团已结束' };
  }
  return judgeJoinAny(deal, f, now);
}

/**
 * Whether the member may join any open group of the deal (on sale, tier, layers, new members only): what
 * `judgeJoin` asks beyond the group's own state. The deal page hides 可直接参团 when not.
 */
export function judgeJoinAny(deal: GroupDeal, f: MemberFacts | null, now: Date): DealVerdict {
  const sale = dealOnSale(deal, now);
  if (!sale.ok) return sale;
  const tier = tierVerdict(deal.tiers, f);
  if (!tier.ok) return tier;
  const audience = audienceVerdict(deal.audience, f, now, '参团');
  if (!audience.ok) return audience;
  if (f && deal.newMembersOnly && !isNewMember(deal, f.joinedAt, now)) {
    return { ok: false, code: 'DEAL_NOT_ELIGIBLE', reason: `仅限注册 ${deal.newMemberDays} 天内的新会员参团` };
  }
  return { ok: true };
}

/** A group closes `windowHours` after the leader paid, and never after the deal's sale ends. */
export function groupExpiry(group: Pick<GroupRecord, 'windowHours' | 'saleEndsAt'>, openedAt: Date): Date {
  const byWindow = new Date(openedAt.getTime() + group.windowHours * HOUR_MS);
  return group.saleEndsAt && group.saleEndsAt < byWindow ? group.saleEndsAt : byWindow;
}

/** The instant a deal's sale ends, or null when open-ended. */
export const saleEndOf = (deal: Pick<GroupDeal, 'sale'>) => (deal.sale.to ? saleInstant(deal.sale.to, 'to') : null);

/** The delivery an order gets, or why not. */
export function deliveryVerdict(modes: readonly string[], delivery: DeliveryInput | undefined): { ok: true } | { ok: false; reason: string } {
  if (!delivery) return { ok: false, reason: '请选择领取方式' };
  if (!modes.includes(delivery.mode)) return { ok: false, reason: delivery.mode === 'express' ? '该商品不支持快递，请选择到店自提' : '该商品不支持到店自提' };
  return { ok: true };
}

/* ------------------------------------------------------------------ flash sales */

export type FlashPhase = 'upcoming' | 'on' | 'ended';

/** 'YYYY-MM-DD HH:mm' Beijing -> the instant that minute starts. */
export const minuteInstant = (minute: string) => saleInstant(minute, 'from');

export function flashPhase(sale: FlashSale, now: Date): FlashPhase {
  if (now < minuteInstant(sale.startAt)) return 'upcoming';
  if (sale.endAt && now >= saleInstant(sale.endAt, 'to')) return 'ended';
  return 'on';
}

/** Buying one unit: active, started (to the millisecond, by the server clock), not ended, tier, stock. */
export function judgeFlash(sale: FlashSale, f: MemberFacts | null, now: Date, sold: number): DealVerdict {
  if (!sale.active) return { ok: false, code: 'DEAL_NOT_AVAILABLE', reason: '活动已下架' };
  const phase = flashPhase(sale, now);
  if (phase === 'upcoming') return { ok: false, code: 'FLASH_NOT_STARTED', reason: `${sale.startAt} 开抢` };
  if (phase === 'ended') return { ok: false, code: 'FLASH_ENDED', reason: '秒杀已结束' };
  const tier = tierVerdict(sale.tiers, f);
  if (!tier.ok) return tier;
  const audience = audienceVerdict(sale.audience, f, now, '抢购');
  if (!audience.ok) return audience;
  if (unitsLeft(sale.stock, sold) === 0) return { ok: false, code: 'DEAL_SOLD_OUT', reason: '已抢光' };
  return { ok: true };
}

/* ------------------------------------------------------------------ groups */

/** How many more members a group needs. */
export const missing = (g: Pick<GroupRecord, 'size' | 'taken'>) => Math.max(0, g.size - g.taken);

/**
 * Open groups worth offering (可直接参团): joinable now, with a free slot, the member's own excluded; the
 * nearest to completing first, then the soonest to close.
 */
export function openGroupsToOffer<G extends Pick<GroupRecord, '_id' | 'status' | 'size' | 'taken' | 'expiresAt' | 'leaderOpenid'>>(
  groups: readonly G[],
  now: Date,
  exclude: { openid: string | null; groupId?: string },
  limit: number,
): G[] {
  return groups
    .filter((g) => g.status === 'open' && g.expiresAt && g.expiresAt > now && missing(g) > 0)
    .filter((g) => g._id !== exclude.groupId && (exclude.openid === null || g.leaderOpenid !== exclude.openid))
    .sort((a, b) => missing(a) - missing(b) || a.expiresAt!.getTime() - b.expiresAt!.getTime() || (a._id < b._id ? -1 : 1))
    .slice(0, limit);
}

export const GROUP_ID_PATTERN = /^[a-z2-9]{12}$/;

/** wxacode.getUnlimited's scene (at most 32 characters): `g=<groupId>`. */
export const sceneOf = (groupId: string) => `g=${groupId}`;

/** The group a scene names, or null for anything else. */
export function groupOfScene(scene: string): string | null {
  const m = /^g=([a-z2-9]{12})$/.exec(decodeURIComponent(scene));
  return m ? m[1] : null;
}
