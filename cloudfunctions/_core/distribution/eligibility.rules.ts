import { formatMoney } from '../shared/money.rules';
import type { DistributionConfig } from './distribution-config.schema';
import type { DistributorVia } from './distribution.record';

/** One way to become a distributor, with the member's progress on it (shown on 成为推广员). */
export interface Condition {
  code: 'koc' | 'task_checkin' | 'task_spend' | 'gift_pack';
  title: string;
  met: boolean;
  /** Task conditions: where the member stands (days, or fen). */
  current: number | null;
  target: number | null;
}

export interface EligibilityFacts {
  memberNo: string;
  /** Check-in days and store spend (fen) in the task window. */
  checkinDays: number;
  spendFen: number;
  giftPackPaid: boolean;
}


export function conditionsFor(cfg: DistributionConfig, f: EligibilityFacts): Condition[] {
  const out: Condition[] = [];
  const { koc, task, giftPack } = cfg.eligibility;
  if (koc.enabled) {
    const met = koc.memberNos.includes(f.memberNo);
    out.push({ code: 'koc', title: '品牌认证达人（由品牌邀请）', met, current: null, target: null });
  }
  if (task.enabled && task.checkinDays !== null) {
    out.push({
      code: 'task_checkin',
      title: `近 ${task.windowDays} 天签到满 ${task.checkinDays} 天`,
      met: f.checkinDays >= task.checkinDays,
      current: f.checkinDays,
      target: task.checkinDays,
    });
  }
  if (task.enabled && task.spendFen !== null) {
    out.push({
      code: 'task_spend',
      title: `近 ${task.windowDays} 天门店消费满 ${formatMoney(task.spendFen)}`,
      met: f.spendFen >= task.spendFen,
      current: f.spendFen,
      target: task.spendFen,
    });
  }
  if (giftPack.enabled) out.push({ code: 'gift_pack', title: '购买推广礼包', met: f.giftPackPaid, current: null, target: null });
  return out;
}

/** The way the member qualifies (the first met condition), or null. */
export function qualifyingVia(conditions: readonly Condition[]): DistributorVia | null {
  const met = conditions.find((c) => c.met);
  if (!met) return null;
  return met.code === 'koc' ? 'koc' : met.code === 'gift_pack' ? 'gift_pack' : 'task';
}
