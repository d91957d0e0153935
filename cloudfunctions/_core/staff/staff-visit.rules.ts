import type { StaffVisitRecord } from './staff-visit.record';

/** How long a scan lets the clerk record purchases for the member. */
export const VISIT_MINUTES = 10;

export function visitExpiry(openedAt: Date): Date {
  return new Date(openedAt.getTime() + VISIT_MINUTES * 60_000);
}

/** A visit serves only the clerk who opened it, and only until it expires. */
export function visitUsable(
  visit: Pick<StaffVisitRecord, 'clerk' | 'expiresAt'> | null,
  clerk: string,
  now: Date,
): boolean {
  if (!visit || visit.clerk !== clerk) return false;
  return now.getTime() < new Date(visit.expiresAt).getTime();
}
