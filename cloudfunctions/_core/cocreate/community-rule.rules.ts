/** Pure decisions of co-built rules (规则共建): when a proposal is adopted, when it expires. */

export interface RuleTally {
  support: number;
  oppose: number;
  quorum: number;
  majorityPercent: number;
}

/** Past the quorum (votes cast) and the majority (support share of votes cast, in whole percent). */
export function isCarried(t: RuleTally): boolean {
  const cast = t.support + t.oppose;
  return cast >= t.quorum && t.support * 100 >= t.majorityPercent * cast;
}

/** A proposal is decided only inside its window: [proposed, closesAt). */
export const withinWindow = (closesAt: Date, now: Date) => now.getTime() < closesAt.getTime();

/** Votes still missing to the quorum. */
export const missingVotes = (t: RuleTally) => Math.max(0, t.quorum - t.support - t.oppose);

/** Support share of the votes cast, in whole percent (0 before any vote). */
export const supportPercent = (t: Pick<RuleTally, 'support' | 'oppose'>) =>
  t.support + t.oppose === 0 ? 0 : Math.floor((t.support * 100) / (t.support + t.oppose));
