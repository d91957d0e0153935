import { randomUUID } from 'node:crypto';
import type { LocalCloud } from '../../cloudfunctions/_platform/local/local-cloud';
import type { Result } from '../../cloudfunctions/_core/shared/errors';
import { ok, registration } from './test-cloud';

/** Operator documents for community tests: two topics, the badge catalogue and a 7-day campaign. */
export async function seedCommunity(cloud: LocalCloud, campaign: Partial<Record<string, unknown>> = {}): Promise<void> {
  const db = cloud.db;
  await db.collection('community_topics').doc('morning-run').set({ data: { name: '晨跑打卡', description: '每天早起跑一跑', status: 'active', origin: 'operator', sort: 1 } });
  await db.collection('community_topics').doc('recipes').set({ data: { name: '私房食谱', description: '', status: 'active', origin: 'operator', sort: 2 } });
  await db.collection('community_badges').doc('first-post').set({ data: { name: '初次发声', description: '发布第一条内容', rule: { kind: 'first_post' } } });
  await db.collection('community_badges').doc('liked-100').set({ data: { name: '百赞达人', description: '累计获得 100 个赞', rule: { kind: 'likes_received', count: 100 } } });
  await db.collection('community_badges').doc('run-7').set({ data: { name: '晨跑七日', color: '#2E7D32', rule: { kind: 'campaign_finished' } } });
  await db.collection('community_badges').doc('share-king').set({ data: { name: '每月分享王', rule: { kind: 'monthly_share_king' } } });
  await db.collection('community_campaigns').doc('run7').set({
    data: { title: '七日晨跑打卡', topic: 'morning-run', days: 7, streak: false, from: '2026-11-01', to: '2026-12-31', capacity: 1000, badge: 'run-7', ...campaign },
  });
}

export async function registerMany(cloud: LocalCloud, openids: string[]): Promise<void> {
  for (const openid of openids) ok(await cloud.call('member', { action: 'register', input: registration({ nickname: `会员${openid.slice(-3)}` }) }, openid));
}

export const call = <T = unknown>(cloud: LocalCloud, openid: string, action: string, input: Record<string, unknown> = {}) =>
  cloud.call<T>('community', { action, input }, openid) as Promise<Result<T>>;

export const rid = () => randomUUID().replace(/-/g, '').slice(0, 20);

export interface PostOut {
  post: { postId: string; status: string; note: string | null; likeCount: number; commentCount: number };
  held: boolean;
  points: number;
}

export async function post(cloud: LocalCloud, openid: string, input: Record<string, unknown>): Promise<PostOut> {
  return ok(await call<PostOut>(cloud, openid, 'createPost', { requestId: rid(), ...input }));
}

/**
 * A call repeated while it answers BUSY, as a member taps again: a reaction serialises on its post and its
 * author's scoring bucket, and a burst on one post may exhaust a transaction's re-runs on a loaded machine.
 */
export async function callUntilNotBusy<T = unknown>(cloud: LocalCloud, openid: string, action: string, input: Record<string, unknown> = {}): Promise<Result<T>> {
  for (let attempt = 0; ; attempt++) {
    const r = await call<T>(cloud, openid, action, input);
    if (r.ok || r.error.code !== 'BUSY' || attempt >= 20) return r;
  }
}
