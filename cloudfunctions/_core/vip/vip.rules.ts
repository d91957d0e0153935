import { addDays, businessDay, startOfBusinessDay } from '../shared/business-time.rules';

/**
 * The paid VIP card runs in whole Beijing days. `vipUntil` (stored) is the instant the card ends: the start
 * of the Beijing day after its last valid day. Buying `days` days covers the rest of today plus `days` more
 * days, counted from today or from the card's current last day, whichever is later: a renewal extends,
 * never shortens.
 */

interface HasVip {
  vipUntil?: Date | null;
}

/** The last Beijing day a card ending at `vipUntil` is valid ('YYYY-MM-DD', inclusive). */
export function lastVipDay(vipUntil: Date): string {
  return businessDay(new Date(vipUntil.getTime() - 1));
}

export function isVip(member: HasVip, now: Date): boolean {
  return member.vipUntil != null && member.vipUntil.getTime() > now.getTime();
}

export function vipStatus(member: HasVip, now: Date): { active: boolean; until: string | null } {
  return { active: isVip(member, now), until: member.vipUntil ? lastVipDay(member.vipUntil) : null };
}

/** The card after buying `days` more days at `now`. */
export function extendVip(current: Date | null | undefined, now: Date, days: number): { vipUntil: Date; untilDay: string } {
  if (!Number.isInteger(days) || days < 1) throw new RangeError(`VIP days must be a positive integer, got ${days}`);
  const today = businessDay(now);
  const currentLast = current ? lastVipDay(current) : null;
  // 'YYYY-MM-DD' strings compare as dates.
  const from = currentLast && currentLast > today ? currentLast : today;
  const untilDay = addDays(from, days);
  return { vipUntil: startOfBusinessDay(addDays(untilDay, 1)), untilDay };
}
