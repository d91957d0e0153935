import { isDatabaseError, type Database } from '../../_platform/database.port';
import { AppError } from '../shared/errors';
import { MEMBER_MONTHS, RATE_LIMITS, type MemberMonthRecord, type RateLimitRecord } from './community.record';

/** Adds to a member's monthly contribution (honours.rules.ts). */
export async function addToMonth(db: Database, month: string, openid: string, delta: number, now: Date): Promise<void> {
  if (delta === 0) return;
  const _ = db.command;
  const id = `${month}:${openid}`;
  // `delta` more, creating the tally on first use: never a read-modify-write.
  for (let attempt = 0; attempt < 3; attempt++) {
    const r = await db.collection(MEMBER_MONTHS).doc(id).update({ data: { score: _.inc(delta), updatedAt: now } });
    if (r.stats.updated === 1) return;
    try {
      const fresh: Omit<MemberMonthRecord, '_id'> = { _openid: openid, month, score: delta, updatedAt: now };
      await db.collection(MEMBER_MONTHS).add({ data: { _id: id, ...fresh } });
      return;
    } catch (e) {
      if (!isDatabaseError(e, 'duplicate-key')) throw e;
    }
  }
  throw new AppError('BUSY', '人有点多，请稍后再试');
}

/**
 * Takes one slot of the member's hourly allowance: a conditional update (`count < limit`), so concurrent
 * requests can't exceed it. The hour is the Beijing clock hour (UTC+8 has whole hours, so the UTC hour works).
 */
export async function takeRateSlot(db: Database, openid: string, kind: 'post' | 'comment', limit: number, now: Date): Promise<void> {
  const _ = db.command;
  const hour = now.toISOString().slice(0, 13);
  const id = `${openid}:${kind}:${hour}`;
  const limits = db.collection<RateLimitRecord>(RATE_LIMITS);
  for (let attempt = 0; attempt < 3; attempt++) {
    const r = await limits.where({ _id: id, count: _.lt(limit) }).update({ data: { count: _.inc(1) } });
    if (r.stats.updated === 1) return;
    try {
      const fresh: Omit<RateLimitRecord, '_id'> = { _openid: openid, kind, count: 1, expiresAt: new Date(Date.parse(`${hour}:00:00Z`) + 3_600_000) };
      await limits.add({ data: { _id: id, ...fresh } });
      return;
    } catch (e) {
      if (!isDatabaseError(e, 'duplicate-key')) throw e;
      const full = await limits.where({ _id: id, count: _.gte(limit) }).count();
      if (full.total > 0) break;
    }
  }
  throw new AppError('RATE_LIMITED', kind === 'post' ? `每小时最多发 ${limit} 条，请稍后再来` : `每小时最多评论 ${limit} 条，请稍后再来`);
}
