import { isDatabaseError, type Database } from '../../_platform/database.port';
import { timeKey } from './feed.rules';
import { MOD_CASES, type CaseReason, type CaseTarget, type ModCaseRecord } from './community.record';

export const caseIdOf = (target: CaseTarget, id: string) => `${target}:${id}`;

/**
 * Puts a target in the review queue, or adds a reason to its case (one case per target). A closed case is
 * reopened: a post that was approved and is flagged again needs another look.
 */
export async function openCase(
  db: Database,
  c: { target: CaseTarget; targetId: string; openid: string; reason: CaseReason; preview: string; flagReason?: string },
  now: Date,
): Promise<void> {
  const _ = db.command;
  const id = caseIdOf(c.target, c.targetId);
  const cases = db.collection<ModCaseRecord>(MOD_CASES);
  const reasonUpdate = {
    reasons: _.addToSet(c.reason),
    ...(c.flagReason ? { flagReasons: _.addToSet(c.flagReason) } : {}),
  };
  const reopened = await cases.where({ _id: id, status: 'closed' }).update({
    data: { ...reasonUpdate, status: 'open', decision: null, openedAt: now, queueKey: timeKey(now, id) },
  });
  if (reopened.stats.updated === 1) return;
  const fresh: Omit<ModCaseRecord, '_id'> = {
    target: c.target,
    targetId: c.targetId,
    _openid: c.openid,
    reasons: [c.reason],
    preview: c.preview.slice(0, 200),
    flagReasons: c.flagReason ? [c.flagReason] : [],
    status: 'open',
    decision: null,
    decidedBy: null,
    note: null,
    openedAt: now,
    queueKey: timeKey(now, id),
    decidedAt: null,
  };
  try {
    await cases.add({ data: { _id: id, ...fresh } });
  } catch (e) {
    if (!isDatabaseError(e, 'duplicate-key')) throw e;
    await cases.doc(id).update({ data: reasonUpdate });
  }
}
