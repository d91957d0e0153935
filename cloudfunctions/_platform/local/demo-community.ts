import type { Result } from '../../_core/shared/errors';
import { businessDay, addDays } from '../../_core/shared/business-time.rules';
import type { LocalCloud } from './local-cloud';

/** Calls the real `community` function as `openid` (so the seed obeys its rules and moves the scoring buckets). */
export function communityCaller(cloud: LocalCloud) {
  return async (openid: string, action: string, input: Record<string, unknown>) => {
    const r = (await cloud.call('community', { action, input }, openid)) as Result<{ post?: { postId: string } }>;
    if (!r.ok) throw new Error(`seed community: ${action}: ${r.error.code} ${r.error.message}`);
    return r.data;
  };
}

/**
 * The demo brand's community: operator topics, the badge catalogue, a seven-day morning-run campaign (with its
 * cover picture, uploaded by the caller), and a
 * few posts, likes and comments made through the real `community` function (so they obey its rules).
 */
export async function seedDemoCommunity(cloud: LocalCloud, operator: { openid: string; nickname: string }, covers: Record<string, string | null> = {}): Promise<void> {
  const { db } = cloud;
  const topics: [string, string, string][] = [
    ['morning-run', '晨跑打卡', '早起跑一跑，记录每天的状态'],
    ['recipes', '私房食谱', '用我们的食材做出的家常味道'],
    ['goods', '好物分享', '用过觉得好，才推荐给大家'],
    ['co-create', '共创提案', '你希望下一款产品是什么样？'],
  ];
  for (const [i, [code, name, description]] of topics.entries()) {
    await db.collection('community_topics').doc(code).set({ data: { name, description, status: 'active', origin: 'operator', sort: i } });
  }
  const badges: [string, Record<string, unknown>][] = [
    ['first-post', { name: '初次发声', description: '在社区发布第一条内容', color: '#3F8F5A', rule: { kind: 'first_post' } }],
    ['liked-100', { name: '百赞达人', description: '累计获得 100 个赞', color: '#C0652B', rule: { kind: 'likes_received', count: 100 } }],
    ['run-7', { name: '晨跑七日', description: '完成七日晨跑打卡', color: '#2E6FB7', rule: { kind: 'campaign_finished' } }],
    ['share-king', { name: '每月分享王', description: '当月内容最受大家欢迎的成员', color: '#B8892B', rule: { kind: 'monthly_share_king' } }],
  ];
  for (const [code, doc] of badges) await db.collection('community_badges').doc(code).set({ data: doc });
  const today = businessDay(cloud.clock.now());
  await db.collection('community_campaigns').doc('run7').set({
    data: {
      title: '七日晨跑打卡',
      description: '连续一周，每天发一条带 #晨跑打卡 话题的内容：跑了多远、看到的风景、当天的心情都可以。完成即可获得电子证书与「晨跑七日」徽章。',
      topic: 'morning-run',
      days: 7,
      streak: false,
      from: addDays(today, -3),
      to: addDays(today, 30),
      capacity: 200,
      badge: 'run-7',
      issuer: '超级用户社区',
      image: covers.run7 ?? null,
    },
  });

  const call = communityCaller(cloud);
  let n = 0;
  const post = async (openid: string, text: string, topics: string[] = []) => (await call(openid, 'createPost', { text, topics, requestId: `demo-post-${++n}` })).post!.postId;

  const welcome = await post(operator.openid, '欢迎来到我们的会员社区！这里没有刷屏广告，只有同样热爱生活的朋友。发帖、评论、参加打卡活动都能获得积分和徽章，期待你的分享。');
  const run = await post('demo-sample-12', '今天 6 点出门，沿着苏州河跑了 6 公里，河边的风很舒服。一起来参加七日晨跑打卡吧！', ['morning-run']);
  const recipe = await post('demo-sample-09', '分享一个懒人早餐：燕麦 + 酸奶 + 蓝莓，前一晚放冰箱，早上直接吃，五分钟搞定。', ['recipes']);
  await post('demo-sample-11', '提个小建议：希望下一季的帆布袋能多一个内袋，放钥匙和耳机更方便。大家觉得呢？', ['co-create']);
  for (const who of ['demo-sample-01', 'demo-sample-02', 'demo-sample-03', 'demo-sample-05']) await call(who, 'like', { postId: run, liked: true });
  for (const who of ['demo-sample-04', 'demo-sample-06']) await call(who, 'like', { postId: recipe, liked: true });
  await call('demo-sample-01', 'like', { postId: welcome, liked: true });
  await call('demo-sample-03', 'comment', { postId: run, text: '苏州河那段真的很美，明天一起！', replyTo: null, requestId: 'demo-comment-1' });
  await call('demo-sample-10', 'comment', { postId: recipe, text: '试了，蓝莓换成香蕉也很好吃。', replyTo: null, requestId: 'demo-comment-2' });
}
