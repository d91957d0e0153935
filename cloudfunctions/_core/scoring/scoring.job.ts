import type { DocData } from '../../_platform/database.port';
import { scoringConfig } from '../config/config-registry';
import { loadConfig } from '../config/operator-config';
import { MEMBERS, type MemberRecord } from '../member/member.record';
import { describeError, redactOpenid, startBudget, type BatchOptions, type BatchReport } from '../shared/batch-job';
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

export interface ScoringJobResult extends BatchReport {
  day: string;
  phase: ScoringRunRecord['phase'];
  /** Members read by this run (both passes). */
  read: number;
  /** Members whose layers this run decided (second pass): the job's unit of work. */
  laid: number;
  /** Members whose layers changed in this run. */
  moved: number;
  failed: number;
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
  const totals = { read: 0, laid: 0, moved: 0, failed: 0 };
  const report = (): ScoringJobResult => ({ day, phase: run.phase, ...totals, ...budget.report(run.phase === 'done') });
  if (run.phase === 'done') return report();
  // The cursor and the page's tallies in one write, always made (one write fits the margin the budget leaves,
  // as the other jobs' final cursor saves do): work done is never done twice.
  const save = async () => {
    await runs.doc(day).set({ data: { ...run, updatedAt: ctx.clock.now() } });
    return true;
  };

  let dist: Distribution | null = run.phase === 'layers' ? distributionOf(toHistogram(run.histogram)) : null;

  for (;;) {
    const size: number = run.phase === 'totals' ? budget.bulkPageSize : budget.pageSize;
    const loaded = await budget.query(() => loadPage(ctx, run.phase === 'layers', run.after, size));
    if (!loaded) {
      await save();
      return report();
    }
    const { page, activityOf, priorOf } = loaded;
    if (page.length === 0) {
      const saved = { ...run };
      if (run.phase === 'totals') {
        dist = distributionOf(toHistogram(run.histogram));
        run.phase = 'layers';
        run.after = null;
        run.enterAt = enterThreshold(dist, cfg);
      } else {
        run.phase = 'done';
        run.finishedAt = ctx.clock.now();
      }
      if (!(await save())) {
        Object.assign(run, saved);
        return report();
      }
      if (run.phase === 'done') return report();
      continue;
    }
    const ids = page.map((m) => m._id);

    if (run.phase === 'totals') {
      const before = { histogram: { ...run.histogram }, members: run.members, after: run.after };
      for (const m of page) {
        const t = scoreMember(activityStateOf(activityOf.get(m._id) ?? null), day, cfg).total;
        run.histogram[t] = (run.histogram[t] ?? 0) + 1;
      }
      run.members += page.length;
      run.after = ids[ids.length - 1];
      if (!(await save())) {
        Object.assign(run, before);
        return report();
      }
      totals.read += page.length;
      continue;
    }

    const started = await budget.run(page, async (m: Listed) => {
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
    totals.laid += started;
    if (started > 0) run.after = ids[started - 1];
    if (!(await save()) || started < page.length) return report();
  }
}

/**
 * A page of members by `_id` and, for them, their activity buckets (and, in the second pass, their layers).
 * The page's documents in the other collections share its ids: one range query each (an index range on _id,
 * cheaper than `in` with 1,000 ids). Only members have these documents, so a range holds at most a page.
 */
interface LoadedPage {
  page: Listed[];
  activityOf: Map<string, Activity>;
  priorOf: Map<string, MemberLayersRecord>;
}
async function loadPage(ctx: JobContext, withLayers: boolean, after: string | null, size: number): Promise<LoadedPage> {
  const _ = ctx.db.command;
  const where: DocData = after === null ? {} : { _id: _.gt(after) };
  const { data: page } = await ctx.db.collection<Listed>(MEMBERS).where(where).orderBy('_id', 'asc').limit(size).field({ _id: true, createdAt: true }).get();
  if (page.length === 0) return { page, activityOf: new Map<string, Activity>(), priorOf: new Map<string, MemberLayersRecord>() };
  const last = page[page.length - 1]._id;
  const range: DocData = { _id: after === null ? _.lte(last) : _.and(_.gt(after), _.lte(last)) };
  const [acts, prior] = await Promise.all([
    ctx.db.collection<Activity>(MEMBER_ACTIVITY).where(range).limit(size).field({ _id: true, days: true, months: true, lastActive: true }).get(),
    withLayers
      ? ctx.db.collection<MemberLayersRecord>(MEMBER_LAYERS).where(range).limit(size).field({ _id: true, day: true, layers: true, before: true }).get()
      : Promise.resolve({ data: [] as MemberLayersRecord[] }),
  ]);
  return { page, activityOf: new Map(acts.data.map((a) => [a._id, a])), priorOf: new Map(prior.data.map((p) => [p._id, p])) };
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
