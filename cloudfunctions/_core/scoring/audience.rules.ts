/**
 * Whether a member belongs to an audience (`audience.schema.ts`): one rule for coupon templates, campaigns and
 * every other place an audience is chosen. Pure: callers pass the member's facts and today (Beijing).
 */
import { addDays } from '../shared/business-time.rules';
import type { Audience } from './audience.schema';
import { LAYER_NAMES, type MemberLayer } from './scoring-config.schema';

export interface AudienceFacts {
  tierCode: string;
  memberNo: string;
  /** Business day the member registered. */
  joinedDay: string;
  /** Value layers from the nightly scoring (audience tags). */
  layers: readonly MemberLayer[];
}

export type AudienceVerdict = { ok: true } | { ok: false; reason: string };

/** `verb` completes the Chinese reason: 领取 (a coupon), 参加 (a campaign). */
export function judgeAudience(a: Audience, m: AudienceFacts, today: string, verb: string): AudienceVerdict {
  if (a.tiers && !a.tiers.includes(m.tierCode)) return { ok: false, reason: `你的会员等级暂不能${verb}` };
  if (a.newMembersWithinDays !== undefined && m.joinedDay < addDays(today, -(a.newMembersWithinDays - 1))) {
    return { ok: false, reason: `仅限注册 ${a.newMembersWithinDays} 天内的新会员${verb}` };
  }
  if (a.memberNos && !a.memberNos.includes(m.memberNo)) return { ok: false, reason: `仅限指定会员${verb}` };
  if (a.layers && !a.layers.some((l) => m.layers.includes(l))) return { ok: false, reason: `仅限${a.layers.map((l) => LAYER_NAMES[l]).join('、')}会员${verb}` };
  return { ok: true };
}
