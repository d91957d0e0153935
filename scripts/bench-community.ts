/**
 * `npm run bench:community`: the community's database operations per action (on the built bundles), then the
 * monthly honours job (每月分享王) on 100,000 members and 1,000,000 posts generated directly in the local
 * database. Numbers go into the README.
 *
 * Environment: MEMBERS (default 100000), POSTS_PER_MEMBER (default 10), BUDGET_MS (default 50000); ACTIONS_ONLY=1
 * measures the operations per action only.
 */
import { execSync } from 'node:child_process';
import { join, resolve } from 'node:path';
import { monthlyHonoursJob } from '../cloudfunctions/_core/community/honours.job';
import { contributionOf } from '../cloudfunctions/_core/community/honours.rules';
import { hotKey, hotScore, timeKey } from '../cloudfunctions/_core/community/feed.rules';
import { publicIdOf } from '../cloudfunctions/_core/community/community-members.service';
import { ALL_CONFIGS } from '../cloudfunctions/_core/config/config-registry';
import { LocalCloud } from '../cloudfunctions/_platform/local/local-cloud';
import type { Result } from '../cloudfunctions/_core/shared/errors';

const root = resolve(__dirname, '..');
const MEMBERS = Number(process.env.MEMBERS || 100_000);
const POSTS_PER_MEMBER = Number(process.env.POSTS_PER_MEMBER || 10);
const BUDGET_MS = Number(process.env.BUDGET_MS || 50_000);

let n = 0;
const rid = () => `bench${String(++n).padStart(12, '0')}`;

async function seed(cloud: LocalCloud): Promise<void> {
  for (const def of ALL_CONFIGS) await cloud.db.collection('app_config').doc(def.id).set({ data: { ...(def.fallback as object) } });
  await cloud.db.collection('app_config').doc('community').set({
    data: { rateLimits: { postsPerHour: 1000, commentsPerHour: 1000, newMemberHours: 24, newMemberPostsPerHour: 1000, newMemberCommentsPerHour: 1000 } },
  });
  await cloud.db.collection('community_topics').doc('morning-run').set({ data: { name: '晨跑打卡', status: 'active' } });
  await cloud.db.collection('community_badges').doc('first-post').set({ data: { name: '初次发声', rule: { kind: 'first_post' } } });
  await cloud.db.collection('community_badges').doc('liked-100').set({ data: { name: '百赞达人', rule: { kind: 'likes_received', count: 100 } } });
  await cloud.db.collection('community_campaigns').doc('run7').set({ data: { title: '七日晨跑', topic: 'morning-run', days: 7, from: '2026-11-01', to: '2026-12-31', capacity: 100000 } });
}

async function operationsPerAction(): Promise<void> {
  execSync('npm run -s build:functions', { cwd: root, stdio: 'ignore' });
  const cloud = await LocalCloud.start({ functionsDir: join(root, 'dist/cloudfunctions') });
  await seed(cloud);
  cloud.clock.set(new Date('2026-11-23T02:00:00Z'));
  const consent = { policyVersion: '2026-11-01', accepted: true };
  const users = ['b-author', 'b-reader', 'b-other'];
  for (const u of users) await cloud.call('member', { action: 'register', input: { consent, nickname: u, avatarUrl: 'preset:1' } }, u);
  // A day later: likes and favourites from accounts a day old count for the author's score (the common case).
  cloud.clock.set(new Date('2026-11-24T02:00:00Z'));
  const call = <T>(who: string, action: string, input: object) => cloud.call<T>('community', { action, input }, who) as Promise<Result<T>>;
  // Some history, so pages are full: 60 posts, one campaign member.
  await call('b-author', 'joinCampaign', { campaignId: 'run7' });
  for (let i = 0; i < 60; i++) await call('b-other', 'createPost', { text: `历史 ${i}`, requestId: rid() });

  const measure = async (label: string, run: () => Promise<Result<unknown>>) => {
    cloud.db.resetStats();
    const res = await run();
    if (!res.ok) throw new Error(`${label} failed: ${JSON.stringify(res)}`);
    const s = cloud.db.stats();
    console.log(`| ${label} | ${s.reads} | ${s.writes} | ${s.queries} | ${s.transactions} |`);
    return res.data;
  };
  console.log('| action | reads | writes | queries | transactions |');
  console.log('|---|---|---|---|---|');
  const created = (await measure('community.createPost (text, first of the day)', () => call('b-author', 'createPost', { text: '晨跑 5 公里', requestId: rid() }))) as { post: { postId: string } };
  await measure('community.createPost (text, a later one)', () => call('b-author', 'createPost', { text: '再来一条', requestId: rid() }));
  await measure('community.createPost (campaign check-in)', () => call('b-author', 'createPost', { text: '打卡', topics: ['morning-run'], requestId: rid() }));
  const postId = created.post.postId;
  await measure('community.like (from another member)', () => call('b-reader', 'like', { postId, liked: true }));
  await measure('community.like (repeat: no change)', () => call('b-reader', 'like', { postId, liked: true }));
  await measure('community.like (unlike)', () => call('b-reader', 'like', { postId, liked: false }));
  await measure('community.favourite', () => call('b-reader', 'favourite', { postId, favourited: true }));
  await measure('community.comment', () => call('b-reader', 'comment', { postId, text: '厉害', requestId: rid() }));
  await measure('community.share', () => call('b-reader', 'share', { postId }));
  await measure('community.flag (below the threshold)', () => call('b-other', 'flag', { postId, reason: 'spam' }));
  await measure('community.feed (latest, 10)', () => call('b-reader', 'feed', { tab: 'latest' }));
  const page = (await call<{ next: string }>('b-reader', 'feed', { tab: 'latest' })) as { ok: true; data: { next: string } };
  await measure('community.feed (latest, next page)', () => call('b-reader', 'feed', { tab: 'latest', cursor: page.data.next }));
  await measure('community.feed (hot, 10)', () => call('b-reader', 'feed', { tab: 'hot' }));
  await measure('community.feed (topic, 10)', () => call('b-reader', 'feed', { tab: 'topic', topic: 'morning-run' }));
  await measure('community.post (detail)', () => call('b-reader', 'post', { postId }));
  await measure('community.comments (30)', () => call('b-reader', 'comments', { postId }));
  await measure('community.leaderboard (10)', () => call('b-reader', 'leaderboard', { campaignId: 'run7' }));
  await measure('community.profile', () => call('b-reader', 'profile', { authorId: publicIdOf('b-author') }));
  await measure('community.favourites (a page)', () => call('b-reader', 'favourites', {}));
  await measure('community.me', () => call('b-reader', 'me', {}));
  await measure('community.feed (a visitor)', () => call('b-visitor', 'feed', { tab: 'latest' }));
  await measure('community.deletePost (a counted post with a like, a favourite and a comment)', () => call('b-author', 'deletePost', { postId }));
  await cloud.close();
}

async function honoursJob(): Promise<void> {
  const cloud = await LocalCloud.start({ functionsDir: join(root, 'dist/cloudfunctions') });
  await seed(cloud);
  const month = '2026-11';
  const t0 = Date.now();
  const db = cloud.db;
  const created = new Date('2026-11-15T02:00:00Z');
  const width = 500;
  let totalPosts = 0;
  for (let i = 0; i < MEMBERS; i += width) {
    const writes: Promise<unknown>[] = [];
    for (let m = i; m < Math.min(MEMBERS, i + width); m++) {
      const openid = `hm-${String(m).padStart(6, '0')}`;
      let score = 0;
      for (let k = 0; k < POSTS_PER_MEMBER; k++) {
        // A long tail: most posts get a few reactions, a few members' posts many.
        const likes = (m * 7 + k * 13) % 11 + (m % 997 === 0 ? 200 : 0);
        const p = { likesFromOthers: likes, commentsFromOthers: (m + k) % 3, sharesFromOthers: (m + k) % 5 === 0 ? 1 : 0 };
        score += contributionOf(p);
        const id = `p${String(m).padStart(6, '0')}${String(k).padStart(4, '0')}x`;
        const at = new Date(created.getTime() + (m * POSTS_PER_MEMBER + k) * 1000);
        const hot = hotScore(likes, p.commentsFromOthers, at);
        writes.push(
          db.collection('posts').doc(id).set({
            data: { _openid: openid, authorId: publicIdOf(openid), status: 'visible', counted: true, month, day: '2026-11-15', topics: [], text: '压测内容', ...p, likeCount: likes, commentCount: p.commentsFromOthers, hot, hotKey: hotKey(hot, id), latestKey: timeKey(at, id), createdAt: at },
          }),
        );
        totalPosts++;
      }
      // Tallies drift in real life (a crash between two writes): off by a little, the recount fixes it.
      writes.push(db.collection('community_member_months').doc(`${month}:${openid}`).set({ data: { _openid: openid, month, score: score + (m % 13 === 0 ? 3 : 0) } }));
      writes.push(db.collection('community_members').doc(openid).set({ data: { _openid: openid, publicId: publicIdOf(openid), posts: POSTS_PER_MEMBER, likesReceived: 0, badges: [], badgeCodes: [], mutedUntil: null, suspended: m % 997 === 0 && m < 2000 } }));
    }
    await Promise.all(writes);
  }
  console.log(`\ngenerated ${MEMBERS} members, ${totalPosts} posts, ${MEMBERS} monthly tallies in ${((Date.now() - t0) / 1000).toFixed(1)} s (not timed below)`);
  cloud.clock.set(new Date('2026-11-30T19:00:00Z')); // 03:00 Beijing on 1 December
  const ctx = cloud.jobContext();
  for (let run = 1; run <= 10; run++) {
    db.resetStats();
    const started = Date.now();
    const r = await monthlyHonoursJob(ctx, { budgetMs: BUDGET_MS });
    const s = db.stats();
    console.log(
      `run ${run}: ${((Date.now() - started) / 1000).toFixed(2)} s, done=${r.done}, winner=${r.winner}, ${r.pages} page(s) of candidates' posts; reads ${s.reads}, writes ${s.writes}, queries ${s.queries}`,
    );
    if (r.done) break;
  }
  const again = Date.now();
  db.resetStats();
  await monthlyHonoursJob(ctx);
  console.log(`a later run the same month: ${Date.now() - again} ms, ${db.stats().reads} read(s)`);
  await cloud.close();
}

async function main(): Promise<void> {
  await operationsPerAction();
  if (process.env.ACTIONS_ONLY !== '1') await honoursJob();
}

main().catch((e) => {
  console.error(e);
  process.exit(1);
});
