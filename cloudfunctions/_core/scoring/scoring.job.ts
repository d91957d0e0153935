import type { DocData } from '../../_platform/database.port';
import { scoringConfig } from '../config/config-registry';
import { loadConfig } from '../config/operator-config';
import { MEMBERS, type MemberRecord } from '../member/member.record';
import { describeError, forEachLimited, redactOpenid, startBudget, type BatchOptions } from '../shared/batch-job';
import { businessDay } from '../shared/business-time.rules';
import { getOrNull } from '../shared/db-helpers';
import type { JobContext } from '../shared/use-case-context';
import { staleKeys } from './activity.rules';
import { activityStateOf } from './activity.service';
import { decideLayers, distributionOf, enterThreshold, sameLayers, toHistogram, type Distribution } from './ranking.rules';
import { MemberLayer, type ScoringConfig } from './scoring-config.schema';
import { scoreMember } from './scoring.rules';
import {
  LAYER_CHANGES,
  MEMBER_ACTIVITY,
  MEMBER_LAYERS,
  SCORING_RUNS,
  type ActivityRecord,
  type LayerChangeRecord,
  type MemberLayersRecord,
  type ScoringRunRecord,
} from './scoring.record';

export interface ScoringJobResult {
  day: string;
  phase: ScoringRunRecord['phase'];
  /** Members read by this run (both passes). */
  read: number;
  /** Members whose layers changed in this run. */
  moved: number;
  failed: number;
  done: boolean;
  ms: number;
}

const NO_LAYERS = (): Record<MemberLayer, number> => ({ super: 0, high_value: 0, potential: 0, dormant: 0, newcomer: 0 });

type Listed = Pick<MemberRecord, '_id' | 'createdAt'>;
type Activity = Pick<ActivityRecord, '_id' | 'days' | 'months' | 'lastActive'>;

/**
 * The nightly scoring (`scoring` timer, every 10 minutes from 01:00 to 04:50 Beijing; a finished day does nothing).
 *
 * Two passes over all members by `_id`, reading members and their activity buckets a page at a time (two queries
 * per page, never one event): the first builds the histogram of totals (percentiles need everybody), the second
 * decides each member's layers against it and writes only the members whose layers changed (a change record, then
 * the layers). The cursor and the page's tallies are saved in one write of `scoring_runs/{day}` after each page,
 * so a run stopped anywhere (time budget, crash) resumes to the same result as an uninterrupted one.
 */
export async function scoringJob(ctx: JobContext, opts: BatchOptions = {}): Promise<ScoringJobResult> {
  const budget = startBudget(opts);
  const cfg = await loadConfig(ctx, scoringConfig);
  const now = ctx.clock.now();
  const day = businessDay(now);
  const _ = ctx.db.command;
  const runs = ctx.db.collection<ScoringRunRecord>(SCORING_RUNS);
  const fresh: Omit<ScoringRunRecord, '_id'> = {
    day,
    phase: 'totals',
    after: null,
    members: 0,
    histogram: {},
    layerSizes: NO_LAYERS(),
    moved: 0,
    enterAt: null,
    startedAt: now,
    updatedAt: now,
    finishedAt: null,
  };
  const { _id: _ignored, ...run } = (await getOrNull<ScoringRunRecord>(runs.doc(day))) ?? { _id: day, ...fresh };
  void _ignored;
  const totals = { read: 0, moved: 0, failed: 0 };
  const report = (): ScoringJobResult => ({ day, phase: run.phase, ...totals, done: run.phase === 'done', ms: budget.ms() });
  if (run.phase === 'done') return report();
  const save = () => runs.doc(day).set({ data: { ...run, updatedAt: ctx.clock.now() } });

  let dist: Distribution | null = run.phase === 'layers' ? distributionOf(toHistogram(run.histogram)) : null;

  for (;;) {
    if (budget.spent()) {
      await save();
      return report();
    }
    const where: DocData = run.after === null ? {} : { _id: _.gt(run.after) };
    const { data: page } = await ctx.db
      .collection<Listed>(MEMBERS)
      .where(where)
      .orderBy('_id', 'asc')
      .limit(budget.pageSize)
      .field({ _id: true, createdAt: true })
      .get();
    if (page.length === 0) {
      if (run.phase === 'totals') {
        dist = distributionOf(toHistogram(run.histogram));
        run.phase = 'layers';
        run.after = null;
        run.enterAt = enterThreshold(dist, cfg);
      } else {
        run.phase = 'done';
        run.finishedAt = ctx.clock.now();
        await save();
        return report();
      }
      await save();
      continue;
    }
    const ids = page.map((m) => m._id);
    // The page's documents in the other collections share its ids: one range query each (an index range on _id,
    // cheaper than `in` with 1,000 ids). Only members have these documents, so a range holds at most a page.
    const range: DocData = { _id: run.after === null ? _.lte(ids[ids.length - 1]) : _.and(_.gt(run.after), _.lte(ids[ids.length - 1])) };
    const { data: acts } = await ctx.db
      .collection<Activity>(MEMBER_ACTIVITY)
      .where(range)
      .limit(budget.pageSize)
      .field({ _id: true, days: true, months: true, lastActive: true })
      .get();
    const activityOf = new Map(acts.map((a) => [a._id, a]));

    if (run.phase === 'totals') {
      for (const m of page) {
        const t = scoreMember(activityStateOf(activityOf.get(m._id) ?? null), day, cfg).total;
        run.histogram[t] = (run.histogram[t] ?? 0) + 1;
      }
      run.members += page.length;
      totals.read += page.length;
      run.after = ids[ids.length - 1];
      await save();
      continue;
    }

    const { data: prior } = await ctx.db
      .collection<MemberLayersRecord>(MEMBER_LAYERS)
      .where(range)
      .limit(budget.pageSize)
      .field({ _id: true, day: true, layers: true, before: true })
      .get();
    const priorOf = new Map(prior.map((p) => [p._id, p]));
    // Every run lays at least one member, so a budget spent by the page queries alone still makes progress.
    let begun = 0;
    const started = await forEachLimited(page, budget.concurrency, () => begun > 0 && budget.spent(), async (m) => {
      begun++;
      try {
        const outcome = await layMember(ctx, cfg, dist!, day, m, activityOf.get(m._id) ?? null, priorOf.get(m._id) ?? null);
        for (const l of outcome.layers) run.layerSizes[l]++;
        if (outcome.moved) {
          run.moved++;
          totals.moved++;
        }
      } catch (e) {
        totals.failed++;
        ctx.log.error('scoring.member.failed', { member: redactOpenid(m._id), err: describeError(e) });
      }
    });
    totals.read += started;
    if (started > 0) run.after = ids[started - 1];
    if (started < page.length) {
      await save();
      return report();
    }
    await save();
  }
}

/**
 * Decides one member's layers and writes them if they changed: the change record first (its id makes a repeat
 * write the same record), then the layers with what they were before today. A member already written today is
 * re-decided from the layers they had before today, so a resumed page decides exactly as the first attempt did.
 * Also drops activity buckets that have left the window for good.
 */
async function layMember(
  ctx: JobContext,
  cfg: ScoringConfig,
  dist: Distribution,
  day: string,
  m: Listed,
  activity: Activity | null,
  prior: Pick<MemberLayersRecord, 'day' | 'layers' | 'before'> | null,
): Promise<{ layers: MemberLayer[]; moved: boolean }> {
  const state = activityStateOf(activity);
  const total = scoreMember(state, day, cfg).total;
  const before = prior ? (prior.day === day ? prior.before : prior.layers) : [];
  const layers = decideLayers({ total, wasSuper: before.includes('super'), activity: state, joinedDay: businessDay(m.createdAt) }, dist, day, cfg);
  const now = ctx.clock.now();
  const stale = staleKeys(state, day, cfg.windowDays);
  if (stale.length > 0) {
    const _ = ctx.db.command;
    await ctx.db.collection(MEMBER_ACTIVITY).doc(m._id).update({ data: Object.fromEntries(stale.map((k) => [k, _.remove()])) });
  }
  const moved = !sameLayers(before, layers);
  if (moved) {
    const change: Omit<LayerChangeRecord, '_id'> = { _openid: m._id, day, from: before, to: layers, total, at: now };
    await ctx.db.collection(LAYER_CHANGES).doc(`${day}:${m._id}`).set({ data: change });
  }
  const alreadyRight = prior?.day === day && sameLayers(prior.layers, layers);
  if (moved && !alreadyRight) {
    const rec: Omit<MemberLayersRecord, '_id'> = { _openid: m._id, day, layers, total, before, updatedAt: now };
    await ctx.db.collection(MEMBER_LAYERS).doc(m._id).set({ data: rec });
  }
  return { layers, moved };
}
