import type { BindingPolicy } from './distribution-config.schema';

/**
 * Binding a member (fan) to a distributor, as pure decisions.
 *
 * Loops are impossible by construction: a member who already has fans is never bound. A loop through a new
 * binding fan -> distributor would need a path distributor -> ... -> fan, whose last step is someone bound to
 * the fan, i.e. the fan has a fan. The binding transaction writes both the fan's and the distributor's
 * documents, so two bindings racing to close a loop (A under B while B goes under A) conflict and the second
 * finds the first. The walk up the distributor's chain (`chainReaches`) only names the reason.
 */

export type BindOutcome =
  | 'bound'
  | 'already_bound'
  | 'self'
  | 'not_distributor'
  | 'loop'
  | 'has_fans'
  | 'purchased'
  | 'closed';

export const BIND_MESSAGES: Record<BindOutcome, string> = {
  bound: '已成为推广员的粉丝',
  already_bound: '你已有专属推广员',
  self: '不能绑定自己',
  not_distributor: '这个分享码不属于推广员',
  loop: '不能与自己的下级互相绑定',
  has_fans: '你已有自己的粉丝，不再绑定推广员',
  purchased: '已消费过的会员不再绑定推广员',
  closed: '推广计划暂未开放',
};

/** The share scene in a mini-program code or share link: `d=<12-digit member number>` (14 of 32 characters). */
export const SCENE_PREFIX = 'd=';
export const sceneFor = (memberNo: string) => `${SCENE_PREFIX}${memberNo}`;

/** The member number in a scene, or null for anything else (the scene is whatever the link carried). */
export function memberNoFromScene(scene: string): string | null {
  const m = /^d=(\d{12})$/.exec(scene.trim());
  return m ? m[1] : null;
}

export interface BindingState {
  referrer: string | null;
  expiresAt: Date | null;
}

/** Whether a binding holds at `at` (window mode bindings end). */
export function bindingHolds(b: BindingState | null | undefined, at: Date): boolean {
  if (!b || b.referrer === null) return false;
  return b.expiresAt === null || at.getTime() < b.expiresAt.getTime();
}

export function expiryFor(policy: BindingPolicy, now: Date): Date | null {
  return policy.mode === 'window' ? new Date(now.getTime() + policy.days * 86_400_000) : null;
}

export interface FanFacts {
  fan: string;
  distributor: string;
  /** The fan's current binding, if any. */
  binding: BindingState | null;
  fanCount: number;
  firstOrderAt: Date | null;
}

/** What stops this binding, or null when it may be made. Order matters: the most specific reason first. */
export function bindRefusal(policy: BindingPolicy, f: FanFacts, now: Date): Exclude<BindOutcome, 'bound' | 'not_distributor' | 'loop' | 'closed'> | null {
  if (f.fan === f.distributor) return 'self';
  if (bindingHolds(f.binding, now)) return 'already_bound';
  if (f.fanCount > 0) return 'has_fans';
  if (policy.mode === 'untilFirstPurchase' && f.firstOrderAt !== null) return 'purchased';
  return null;
}

/** Longest referrer chain walked to name a loop; deeper chains are refused as loops (they cannot be checked). */
export const MAX_CHAIN = 32;

/** Velocity: the distributor's new-fan count for `day`, and whether this binding exceeds the day's limit. */
export function velocity(bindDay: string | null, bindsThatDay: number, day: string, maxPerDay: number): { bindsThatDay: number; flagged: boolean } {
  const count = (bindDay === day ? bindsThatDay : 0) + 1;
  return { bindsThatDay: count, flagged: count > maxPerDay };
}
