import { MEMBERS, type MemberRecord } from '../member/member.record';
import { describeError, forEachMatch, loadCursor, redactOpenid, saveCursor, startBudget, type BatchOptions, type Budget } from '../shared/batch-job';
import { businessDay } from '../shared/business-time.rules';
import type { JobContext } from '../shared/use-case-context';
import { dueGrant, finishGrant, loadBirthdaySetup, openGrant, type BirthdaySetup } from './birthday-grant.service';
import { BIRTHDAY_GRANTS } from './birthday.record';
import { birthdaysInPeriod, periodStart } from './birthday.rules';

export const BIRTHDAY_JOB = 'birthday';

export interface BirthdayJobResult {
  /** The window period this run worked on (its first day). */
  period: string | null;
  /** Members looked at, grants opened now, grants finished now (including ones an earlier run left). */
  members: number;
  opened: number;
  granted: number;
  failed: number;
  done: boolean;
  ms: number;
  /** Grants at the same time when the run ended (chosen by the budget). */
  concurrency: number;
}

type Listed = Pick<MemberRecord, '_id' | 'birthday' | 'tierCode'>;

/**
 * The `birthday` timer (00:10 Beijing). Works on the window period that contains today (today, this week from
 * Monday, or this month from the 1st), so a run that was missed is made up by the next one while the window
 * is still open. Members are found through the index on (birthday.month, birthday.day), one exact month-day
 * at a time in `_id` order (never a scan of all members); each gets the year's grant once (the grant's id is
 * member + year), so running twice a day, or after a crash, gives nothing twice. The cursor
 * (`job_cursors/birthday`) records the period, the month-day and the last member done.
 */
export async function birthdayJob(ctx: JobContext, opts: BatchOptions = {}): Promise<BirthdayJobResult> {
  // A night job: the budget sizes how many grants run at once, up to the whole connection quota. A grant writes
  // only the member's own documents plus one conditional increment of the coupon template's stock counter.
  const budget = startBudget(opts);
  const now = ctx.clock.now();
  const setup = await loadBirthdaySetup(ctx);
  const result: BirthdayJobResult = { period: null, members: 0, opened: 0, granted: 0, failed: 0, done: false, ms: 0, concurrency: 0 };
  const finish = (done: boolean): BirthdayJobResult => ({ ...result, ...budget.report(done) });

  // Grants an earlier run (or a registration) opened but could not finish.
  if (!(await finishLeftGrants(ctx, setup, budget, result))) return finish(false);
  if (!setup.cfg.enabled) return finish(true);

  const period = periodStart(businessDay(now), setup.cfg.window);
  result.period = period;
  const cursor = await loadCursor(ctx.db, BIRTHDAY_JOB, period);
  if (cursor.done) return finish(true);
  const dates = birthdaysInPeriod(period, setup.cfg.window);
  const [startKey, startAfter] = cursor.after ? splitCursor(cursor.after) : [null, null];
  let index = startKey === null ? 0 : Math.max(0, dates.findIndex((d) => monthDayKey(d) === startKey));
  let after: string | null = startAfter;
  const _ = ctx.db.command;
  const opened = { failures: 0 };

  for (; index < dates.length; index++, after = null) {
    const md = dates[index];
    for (;;) {
      const size = budget.pageSize;
      const where: Record<string, unknown> = { 'birthday.month': md.month, 'birthday.day': md.day };
      if (after !== null) where._id = _.gt(after);
      const page = await budget.query(() =>
        ctx.db.collection<Listed>(MEMBERS).where(where).orderBy('_id', 'asc').limit(size).field({ _id: true, birthday: true, tierCode: true }).get(),
      );
      if (!page) return finish(false);
      const { data } = page;
      const started = await budget.run(data, (m) => grantMember(ctx, setup, m, now, result, opened));
      if (started < data.length) {
        if (started > 0) await saveCursor(ctx.db, BIRTHDAY_JOB, { day: period, after: `${monthDayKey(md)}|${data[started - 1]._id}`, done: false, updatedAt: now });
        return finish(false);
      }
      if (data.length > 0) {
        after = data[data.length - 1]._id;
        await saveCursor(ctx.db, BIRTHDAY_JOB, { day: period, after: `${monthDayKey(md)}|${after}`, done: false, updatedAt: now });
      }
      if (data.length < size) break;
    }
  }
  // A member whose grant could not even be opened is not skipped for good: the next run walks the period again
  // (members who have theirs are one duplicate insert each).
  const complete = opened.failures === 0;
  await saveCursor(ctx.db, BIRTHDAY_JOB, { day: period, after: null, done: complete, updatedAt: now });
  return finish(complete);
}

const monthDayKey = (md: { month: number; day: number; year: number }) => `${md.year}-${md.month}-${md.day}`;
function splitCursor(after: string): [string, string] {
  const bar = after.indexOf('|');
  return [after.slice(0, bar), after.slice(bar + 1)];
}

async function grantMember(ctx: JobContext, setup: BirthdaySetup, m: Listed, now: Date, result: BirthdayJobResult, opened: { failures: number }): Promise<void> {
  result.members++;
  const grant = dueGrant(setup, m, now, 'timer');
  if (!grant) return;
  try {
    if (!(await openGrant(ctx.db, grant))) return;
  } catch (e) {
    opened.failures++;
    result.failed++;
    ctx.log.error('birthday.open_failed', { member: redactOpenid(m._id), err: describeError(e) });
    return;
  }
  result.opened++;
  try {
    await finishGrant(ctx, setup, grant._id);
    result.granted++;
  } catch (e) {
    result.failed++;
    ctx.log.error('birthday.grant_failed', { member: redactOpenid(m._id), err: describeError(e) });
  }
}

function finishLeftGrants(ctx: JobContext, setup: BirthdaySetup, budget: Budget, result: BirthdayJobResult): Promise<boolean> {
  return forEachMatch(ctx.db, ctx.db.collection(BIRTHDAY_GRANTS), { status: 'granting' }, budget, async (id) => {
    try {
      await finishGrant(ctx, setup, id);
      result.granted++;
    } catch (e) {
      result.failed++;
      ctx.log.error('birthday.finish_failed', { err: describeError(e) });
    }
  });
}
