import { MEMBERS } from '../../_core/member/member.record';
import { addActivity } from '../../_core/scoring/activity.service';
import { scoringJob } from '../../_core/scoring/scoring.job';
import { addDays, businessDay } from '../../_core/shared/business-time.rules';
import { communityCaller } from './demo-community';
import type { LocalCloud } from './local-cloud';

const DAY_MS = 86_400_000;
const HOUR_MS = 3_600_000;
const OPERATOR = 'dev-operator-zhou';
/** The members whose likes and favourites count (the two newest joined today: theirs count for nothing). */
const ELDERS = ['demo-sample-03', 'demo-sample-04', 'demo-sample-05', 'demo-sample-06', 'demo-sample-07', 'demo-sample-08', 'demo-sample-09', 'demo-sample-10', 'demo-sample-11', 'demo-sample-12', OPERATOR, 'dev-member-lin'];

/** Purchases of the demo members (spend history; the till records real ones): [member, days ago, count, fen]. */
const PURCHASES: Array<[string, number, number, number]> = [
  ['demo-sample-12', 5, 3, 268_000],
  ['demo-sample-12', 20, 2, 262_000],
  ['demo-sample-11', 8, 2, 96_000],
  ['demo-sample-10', 12, 2, 54_000],
  ['demo-sample-09', 30, 1, 26_000],
  ['demo-sample-08', 45, 1, 18_000],
  ['demo-sample-04', 60, 1, 8_800],
];

/**
 * The demo members joined long ago, except the two newest (新人): the seed registered them all just now. Runs
 * before any community activity, so likes from day-old accounts count as the rules say.
 */
export async function backdateDemoMembers(cloud: LocalCloud): Promise<void> {
  const at = new Date(cloud.clock.now().getTime() - 400 * DAY_MS);
  const { data: members } = await cloud.db.collection(MEMBERS).where({}).limit(1000).field({ _id: true }).get();
  for (const m of members) {
    if (m._id === 'demo-sample-01' || m._id === 'demo-sample-02') continue;
    await cloud.db.collection(MEMBERS).doc(m._id).update({ data: { createdAt: at } });
  }
}

/**
 * The demo brand's scoring history. Community activity goes through the real `community` function at past
 * times (posts, likes, favourites, comments, check-ins of a finished breakfast campaign), so every interaction
 * and content sub-score is what the members' documents say; purchases are bucket history. Then three nightly
 * runs (two days ago, yesterday, today) give the operators' page a trend and members who moved: on the last day
 * 林小满's posts take off and she enters the 超级用户 band.
 */
export async function seedDemoScoring(cloud: LocalCloud): Promise<void> {
  const now = cloud.clock.now().getTime();
  const at = (daysAgo: number, hour = 0) => new Date(now - daysAgo * DAY_MS + hour * HOUR_MS);
  const today = businessDay(new Date(now));
  const call = communityCaller(cloud);
  let n = 0;
  const post = async (who: string, text: string, topics: string[] = []) => (await call(who, 'createPost', { text, topics, requestId: `demo-history-${++n}` })).post!.postId;
  const react = async (kind: 'like' | 'favourite', who: readonly string[], postId: string) => {
    for (const w of who) await call(w, kind, kind === 'like' ? { postId, liked: true } : { postId, favourited: true });
  };
  const comment = (who: string, postId: string, text: string) => call(who, 'comment', { postId, text, replyTo: null, requestId: `demo-history-c${++n}` });
  const others = (author: string, count: number, skip = 0) => ELDERS.filter((m) => m !== author).slice(skip, skip + count);

  await cloud.db.collection('community_campaigns').doc('breakfast14').set({
    data: {
      title: '两周早餐打卡',
      description: '每天发一条带 #私房食谱 话题的早餐，两周内打卡 4 天即可获得电子证书。',
      topic: 'recipes',
      days: 4,
      streak: false,
      from: addDays(today, -21),
      to: addDays(today, -1),
      capacity: 200,
      badge: null,
      issuer: '超级用户社区',
      sort: 1,
    },
  });
  try {
    for (const [openid, daysAgo, pu, sp] of PURCHASES) await addActivity(cloud.db, { openid, day: addDays(today, -daysAgo), delta: { pu, sp } }, at(daysAgo));

    cloud.clock.set(at(20));
    const notice = await post(OPERATOR, '社区公约更新：请大家友善交流，分享真实体验，广告和引流内容会被隐藏。欢迎在评论区提建议。');
    const tea = await post('demo-sample-12', '周末在家试了新到的桂花乌龙，冷泡一夜，早上带去公司，整个工位都是桂花香。');
    for (const [who, text] of [['demo-sample-03', '冷泡要泡多久？'], ['demo-sample-05', '马上去试'], ['demo-sample-07', '桂花季限定吗'], ['demo-sample-09', '冷泡比热泡更甜'], ['demo-sample-10', '收藏了']] as const) await comment(who, tea, text);
    for (const text of ['支持！', '希望多办线下活动', '赞同友善交流', '好的']) await comment('demo-sample-12', notice, text);

    cloud.clock.set(at(12));
    await call('demo-sample-10', 'joinCampaign', { campaignId: 'breakfast14' });
    for (const d of [12, 11]) {
      cloud.clock.set(at(d));
      await post('demo-sample-10', d === 12 ? '早餐打卡：全麦吐司配牛油果和煎蛋。' : '早餐打卡：小米粥和一碟拌黄瓜，清爽。', ['recipes']);
    }
    await comment('demo-sample-10', notice, '期待新的打卡活动');
    await comment('demo-sample-10', tea, '冷泡的比例是多少？');

    cloud.clock.set(at(8));
    const bag = await post('demo-sample-11', '用了半年的帆布袋，洗过几次依然挺括，装电脑也不变形。');
    await react('like', others('demo-sample-11', 6), bag);
    for (const text of ['公约很好', '同意', '赞']) await comment('demo-sample-11', notice, text);

    cloud.clock.set(at(6));
    await call('dev-member-lin', 'joinCampaign', { campaignId: 'breakfast14' });
    const linBreakfast = await post('dev-member-lin', '早餐打卡：南瓜小米粥，加了一勺桂花蜜。', ['recipes']);
    cloud.clock.set(at(6, 2));
    for (const who of ['demo-sample-03', 'demo-sample-06', 'demo-sample-08']) await comment(who, linBreakfast, '看起来好暖');
    for (const p of [tea, bag, notice, bag]) await comment('dev-member-lin', p, '喜欢这条');
    cloud.clock.set(at(5));
    await post('dev-member-lin', '早餐打卡：豆浆油条，周末的老味道。', ['recipes']);

    cloud.clock.set(at(5, 1));
    await call('demo-sample-12', 'joinCampaign', { campaignId: 'breakfast14' });
    const runs: string[] = [];
    for (const d of [5, 4, 3]) {
      cloud.clock.set(at(d, 3));
      runs.push(await post('demo-sample-12', `早餐打卡第 ${6 - d} 天：燕麦、酸奶和当季水果。`, ['recipes']));
    }
    cloud.clock.set(at(3, 4));
    await react('like', others('demo-sample-12', 7), runs[0]);
    await react('like', others('demo-sample-12', 7, 3), runs[1]);
    await react('favourite', others('demo-sample-12', 2), runs[0]);
    await react('favourite', others('demo-sample-12', 2, 4), runs[2]);
    for (const p of [bag, bag, notice, tea, linBreakfast, notice]) await comment('demo-sample-12', p, p === tea ? '谢谢大家的留言' : '说得好');

    cloud.clock.set(at(2));
    const desk = await post('demo-sample-06', '新工位布置好了，放了一盆绿萝和品牌的马克杯。');
    await react('like', ['demo-sample-04', 'demo-sample-09'], desk);
    for (const p of [bag, notice, tea]) await comment('demo-sample-06', p, '路过点赞');

    cloud.clock.set(at(2, 1));
    await scoringJob(cloud.jobContext());
    cloud.clock.set(at(1, 1));
    await scoringJob(cloud.jobContext());

    // The last day: 林小满's posts take off.
    cloud.clock.set(at(0));
    const linPosts = [
      await post('dev-member-lin', '用会员积分换的手冲壶到了，第一次手冲就成功，附上我的参数：15 克豆、225 毫升水、92 度。'),
      await post('dev-member-lin', '整理了一份门店附近的早餐地图，周末去店里的朋友可以顺路试试。'),
    ];
    await react('like', others('dev-member-lin', 9), linPosts[0]);
    await react('like', others('dev-member-lin', 9, 2), linPosts[1]);
    await react('favourite', others('dev-member-lin', 3), linPosts[0]);
    await react('favourite', others('dev-member-lin', 3, 5), linPosts[1]);
    for (const p of [desk, bag, runs[0], runs[1], tea]) await comment('dev-member-lin', p, '学到了');
    for (const p of [desk, bag]) await comment('demo-sample-05', p, '不错');
  } finally {
    cloud.clock.reset();
  }
  await scoringJob(cloud.jobContext());
}
