import type { MemberAtTill } from '../../services/staff';

/**
 * The scan result the member page shows, handed over in memory (the page URL carries only the visit id;
 * a member's details never go into a URL). Lost on reload: the clerk scans again, as the visit expires
 * in 10 minutes anyway.
 */
const visits = new Map<string, MemberAtTill>();

export function rememberVisit(view: MemberAtTill): void {
  visits.clear();
  visits.set(view.visitId, view);
}

export function recallVisit(visitId: string | undefined): MemberAtTill | undefined {
  return visitId ? visits.get(visitId) : undefined;
}
