import { isDatabaseError, type Database, type DbCommand, type DocData, type Transaction } from '../../_platform/database.port';
import { scoringConfig } from '../config/config-registry';
import { loadConfig, type ConfigReader } from '../config/operator-config';
import { businessDay } from '../shared/business-time.rules';
import { getOrNull } from '../shared/db-helpers';
import { changesOf, type ScoringEvent } from './activity-events.rules';
import { BUCKET_FIELDS, dayStillKept, EMPTY_ACTIVITY, incrementsFor, isActivity, type ActivityDelta, type ActivityState, type DayBucket } from './activity.rules';
import { MEMBER_ACTIVITY, type ActivityRecord } from './scoring.record';

/** 'YYYY-MM-DD' → 20260630, so `_.max` can move the last active day forward under concurrency. */
export const dayNumber = (day: string) => Number(day.replace(/-/g, ''));
export const dayOfNumber = (n: number) => (n > 0 ? `${String(n).slice(0, 4)}-${String(n).slice(4, 6)}-${String(n).slice(6, 8)}` : null);

export function activityStateOf(r: Pick<ActivityRecord, 'days' | 'months' | 'lastActive'> | null): ActivityState {
  if (!r) return EMPTY_ACTIVITY;
  return { days: r.days ?? {}, months: r.months ?? {}, lastActiveDay: dayOfNumber(r.lastActive ?? 0) };
}

function updateOf(_: DbCommand, day: string, delta: ActivityDelta, dayKept: boolean): DocData {
  const data: DocData = {};
  for (const [path, n] of Object.entries(incrementsFor(day, delta, { dayKept }))) data[path] = _.inc(n);
  if (isActivity(delta)) data.lastActive = _.max(dayNumber(day));
  return data;
}

/** The document a first event creates: only the counters it moved (the increments, as values). */
function freshRecord(openid: string, day: string, delta: ActivityDelta, now: Date): Omit<ActivityRecord, '_id'> {
  const bucket: DayBucket = {};
  for (const f of BUCKET_FIELDS) if (delta[f]) bucket[f] = delta[f];
  const days = Object.keys(bucket).length ? { [day]: bucket } : {};
  const months = delta.sp ? { [day.slice(0, 7)]: delta.sp } : {};
  return { _openid: openid, days, months, lastActive: isActivity(delta) ? dayNumber(day) : 0, createdAt: now };
}

export interface ActivityWrite {
  openid: string;
  day: string;
  delta: ActivityDelta;
  /** False for a take-back whose day is outside the window (only the month's spend moves). */
  dayKept?: boolean;
}

/**
 * Inside the event's own transaction: the bucket moves if and only if the event commits. A missing document
 * is created (the transaction's snapshot makes "read, then create" safe: a concurrent creator conflicts).
 */
export async function addActivityInTx(tx: Transaction, _: DbCommand, w: ActivityWrite, now: Date): Promise<void> {
  const ref = tx.collection<ActivityRecord>(MEMBER_ACTIVITY).doc(w.openid);
  const existing = await getOrNull<ActivityRecord>(ref);
  if (existing) await ref.update({ data: updateOf(_, w.day, w.delta, w.dayKept !== false) });
  else await ref.set({ data: freshRecord(w.openid, w.day, w.dayKept === false ? { sp: w.delta.sp } : w.delta, now) });
}

/**
 * Outside a transaction, for events that are themselves one conditional write (a counter that already moved
 * exactly once): atomic increments, creating the document on first use (a lost race to create retries the
 * increment).
 */
export async function addActivity(db: Database, w: ActivityWrite, now: Date): Promise<void> {
  const ref = db.collection<ActivityRecord>(MEMBER_ACTIVITY).doc(w.openid);
  for (let attempt = 0; attempt < 3; attempt++) {
    const r = await ref.update({ data: updateOf(db.command, w.day, w.delta, w.dayKept !== false) });
    if (r.stats.updated === 1) return;
    try {
      await db.collection(MEMBER_ACTIVITY).add({ data: { _id: w.openid, ...freshRecord(w.openid, w.day, w.dayKept === false ? { sp: w.delta.sp } : w.delta, now) } });
      return;
    } catch (e) {
      if (!isDatabaseError(e, 'duplicate-key')) throw e;
    }
  }
  throw new Error('member_activity: could not create or update');
}

export async function loadActivity(db: Database, openid: string): Promise<ActivityState> {
  return activityStateOf(await getOrNull<ActivityRecord>(db.collection<ActivityRecord>(MEMBER_ACTIVITY).doc(openid)));
}

/** Today and the scoring window: which days' buckets an event may still touch (`dayStillKept`). */
export interface ScoringWindow {
  today: string;
  windowDays: number;
}

/** The window as the operator configured it (read before a transaction: operator documents are cached). */
export async function scoringWindow(ctx: ConfigReader, now: Date): Promise<ScoringWindow> {
  const { windowDays } = await loadConfig(ctx, scoringConfig);
  return { today: businessDay(now), windowDays };
}

/**
 * What an event changes (`changesOf`), written inside the event's own transaction: the buckets move if and
 * only if the event commits. A change on a day outside the window moves only spend (a like on a post older
 * than the window adds nothing, and taking it back takes nothing, so pruned buckets never come back negative).
 * The events of `changesOf` touch each member at most once, so one `addActivityInTx` per member suffices.
 */
export async function scoreInTx(tx: Transaction, _: DbCommand, event: ScoringEvent, now: Date, window: ScoringWindow): Promise<void> {
  for (const c of changesOf(event)) {
    const dayKept = dayStillKept(c.day, window.today, window.windowDays);
    if (!dayKept && !c.delta.sp) continue;
    await addActivityInTx(tx, _, { openid: c.member, day: c.day, delta: c.delta, dayKept }, now);
  }
}

/**
 * Several events in one transaction: their changes summed per bucket and day first, so each bucket is read and
 * written once a day it changes (a batch of reactions on one post moves one author's bucket once). Members' buckets
 * are written side by side (a batch of comments moves each writer's bucket too); one member's days in turn, as they
 * share the document.
 */
export async function scoreAllInTx(tx: Transaction, _: DbCommand, events: readonly ScoringEvent[], now: Date, window: ScoringWindow): Promise<void> {
  const sums = new Map<string, { member: string; day: string; delta: Record<string, number> }>();
  for (const c of events.flatMap(changesOf)) {
    const key = `${c.member}\u0000${c.day}`;
    const sum = sums.get(key) ?? { member: c.member, day: c.day, delta: {} };
    for (const [field, n] of Object.entries(c.delta)) sum.delta[field] = (sum.delta[field] ?? 0) + (n ?? 0);
    sums.set(key, sum);
  }
  const byMember = new Map<string, ActivityWrite[]>();
  for (const c of sums.values()) {
    const delta = Object.fromEntries(Object.entries(c.delta).filter(([, n]) => n !== 0)) as ActivityDelta;
    if (Object.keys(delta).length === 0) continue;
    const dayKept = dayStillKept(c.day, window.today, window.windowDays);
    if (!dayKept && !delta.sp) continue;
    byMember.set(c.member, [...(byMember.get(c.member) ?? []), { openid: c.member, day: c.day, delta, dayKept }]);
  }
  await Promise.all(
    [...byMember.values()].map(async (writes) => {
      for (const w of writes) await addActivityInTx(tx, _, w, now);
    }),
  );
}
