import { MEMBERS } from '../../_core/member/member.record';
import { addActivity } from '../../_core/scoring/activity.service';
import type { ActivityDelta } from '../../_core/scoring/activity.rules';
import { scoringJob } from '../../_core/scoring/scoring.job';
import { addDays, businessDay } from '../../_core/shared/business-time.rules';
import type { LocalCloud } from './local-cloud';

const DAY_MS = 86_400_000;

/** What the demo members did (until the community records it for real): [member, days ago, activity]. */
const BEFORE: Array<[string, number, ActivityDelta]> = [
  ['demo-sample-12', 5, { pu: 3, sp: 268_000, po: 2, lr: 14, fr: 4, cg: 6, cd: 3 }],
  ['demo-sample-12', 20, { pu: 2, sp: 262_000, cg: 4, cr: 5 }],
  ['demo-sample-11', 8, { pu: 2, sp: 96_000, po: 1, lr: 6, cg: 3 }],
  ['demo-sample-10', 12, { pu: 2, sp: 54_000, cg: 2, cd: 2 }],
  ['demo-sample-09', 30, { pu: 1, sp: 26_000, cg: 1 }],
  ['demo-sample-08', 45, { pu: 1, sp: 18_000 }],
  ['demo-sample-06', 2, { cg: 3, lr: 2, po: 1 }],
  ['demo-sample-04', 60, { pu: 1, sp: 8_800 }],
  ['dev-member-lin', 6, { cg: 4, cr: 3, cd: 2 }],
];
/** What happened on the last day: 林小满's post takes off and she enters the 超级用户 band. */
const LAST_DAY: Array<[string, ActivityDelta]> = [
  ['dev-member-lin', { po: 2, lr: 18, fr: 6, cg: 5, cd: 1 }],
  ['demo-sample-05', { cg: 2 }],
];

/**
 * The demo brand's scoring history: activity buckets for the demo members, then three nightly runs (two days
 * ago, yesterday, today) so the operators' page has a trend and members who moved, and the member page a rank.
 */
export async function seedDemoScoring(cloud: LocalCloud): Promise<void> {
  const now = Date.now();
  const at = (daysAgo: number) => new Date(now - daysAgo * DAY_MS);
  const today = businessDay(new Date(now));
  // The demo members joined long ago, except the two newest (新人); they were all registered just now by the seed.
  const { data: members } = await cloud.db.collection(MEMBERS).where({}).limit(1000).field({ _id: true }).get();
  for (const m of members) {
    if (m._id === 'demo-sample-01' || m._id === 'demo-sample-02') continue;
    await cloud.db.collection(MEMBERS).doc(m._id).update({ data: { createdAt: at(400) } });
  }
  try {
    for (const [openid, daysAgo, delta] of BEFORE) await addActivity(cloud.db, { openid, day: addDays(today, -daysAgo), delta }, at(daysAgo));
    cloud.clock.set(at(2));
    await scoringJob(cloud.jobContext());
    cloud.clock.set(at(1));
    await scoringJob(cloud.jobContext());
    for (const [openid, delta] of LAST_DAY) await addActivity(cloud.db, { openid, day: today, delta }, new Date(now));
  } finally {
    cloud.clock.reset();
  }
  await scoringJob(cloud.jobContext());
}
