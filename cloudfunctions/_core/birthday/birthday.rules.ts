import { addDays } from '../shared/business-time.rules';

/**
 * Birthday windows as pure calendar rules on 'YYYY-MM-DD' business days (Beijing). A member's birthday is a
 * month and day; its occurrence in a year is that date, except 29 February, which falls on 28 February in
 * years without one. The window around an occurrence is the day itself, its week (Monday to Sunday) or its
 * calendar month. The benefit belongs to the occurrence's year: once per member per year.
 */

export type WindowMode = 'day' | 'week' | 'month';

export interface MonthDay {
  month: number;
  day: number;
}

export interface BirthdayWindow {
  /** Year of the occurrence the window belongs to (the idempotency key's year). */
  year: number;
  occurrence: string;
  start: string;
  end: string;
}

export const isLeapYear = (y: number) => (y % 4 === 0 && y % 100 !== 0) || y % 400 === 0;

const pad = (n: number) => String(n).padStart(2, '0');
const ymd = (y: number, m: number, d: number) => `${y}-${pad(m)}-${pad(d)}`;
const daysInMonth = (y: number, m: number) => new Date(Date.UTC(y, m, 0)).getUTCDate();
/** 0 = Monday ... 6 = Sunday. */
const weekdayOf = (day: string) => (new Date(`${day}T00:00:00Z`).getUTCDay() + 6) % 7;

/** The birthday's date in `year`: 29 Feb falls on 28 Feb in years without one. */
export function occurrenceIn(year: number, b: MonthDay): string {
  if (b.month === 2 && b.day === 29 && !isLeapYear(year)) return ymd(year, 2, 28);
  return ymd(year, b.month, b.day);
}

/** The first and last day of the window around an occurrence. */
export function windowAround(occurrence: string, mode: WindowMode): { start: string; end: string } {
  if (mode === 'day') return { start: occurrence, end: occurrence };
  if (mode === 'week') {
    const start = addDays(occurrence, -weekdayOf(occurrence));
    return { start, end: addDays(start, 6) };
  }
  const [y, m] = occurrence.split('-').map(Number);
  return { start: ymd(y, m, 1), end: ymd(y, m, daysInMonth(y, m)) };
}

/** The window that contains `today`, if any (a week window can reach into the neighbouring year). */
export function windowContaining(b: MonthDay, today: string, mode: WindowMode): BirthdayWindow | null {
  const year = Number(today.slice(0, 4));
  for (const y of [year - 1, year, year + 1]) {
    const occurrence = occurrenceIn(y, b);
    const { start, end } = windowAround(occurrence, mode);
    if (start <= today && today <= end) return { year: y, occurrence, start, end };
  }
  return null;
}

/** The first day of the window period that contains `day` (the day, its Monday, or the 1st of its month). */
export function periodStart(day: string, mode: WindowMode): string {
  return windowAround(day, mode).start;
}

/**
 * Every birthday (month, day) whose window is the period starting at `start`, listed date by date, each with
 * the year its benefit belongs to. 28 Feb of a year without 29 Feb also lists 29 Feb. The job queries the
 * members index on (birthday.month, birthday.day) once per entry: an index lookup, never a scan.
 */
export function birthdaysInPeriod(start: string, mode: WindowMode): (MonthDay & { year: number })[] {
  const { end } = windowAround(start, mode);
  const out: (MonthDay & { year: number })[] = [];
  for (let d = start; d <= end; d = addDays(d, 1)) {
    const [y, m, day] = d.split('-').map(Number);
    out.push({ month: m, day, year: y });
    if (m === 2 && day === 28 && !isLeapYear(y)) out.push({ month: 2, day: 29, year: y });
  }
  return out;
}

export interface TierBenefit {
  couponTemplateIds: string[];
  bonusPoints: number;
  pointsMultiplierPercent: number;
}

const NO_BENEFIT: TierBenefit = { couponTemplateIds: [], bonusPoints: 0, pointsMultiplierPercent: 100 };

/** What a tier gets (nothing but the greeting when the operator lists no benefit for it). */
export function benefitFor(tiers: readonly (TierBenefit & { tierCode: string })[], tierCode: string): TierBenefit {
  const found = tiers.find((t) => t.tierCode === tierCode);
  return found ? { couponTemplateIds: found.couponTemplateIds, bonusPoints: found.bonusPoints, pointsMultiplierPercent: found.pointsMultiplierPercent } : NO_BENEFIT;
}

/** The purchase-points multiplier on `today` (100 outside the window or when birthday benefits are off). */
export function birthdayMultiplier(
  cfg: { enabled: boolean; window: WindowMode; tiers: readonly (TierBenefit & { tierCode: string })[] },
  member: { birthday: MonthDay | null; tierCode: string },
  today: string,
): number {
  if (!cfg.enabled || !member.birthday || !windowContaining(member.birthday, today, cfg.window)) return 100;
  return benefitFor(cfg.tiers, member.tierCode).pointsMultiplierPercent;
}
