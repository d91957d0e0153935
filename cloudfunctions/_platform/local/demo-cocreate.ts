import { addDays, businessDay } from '../../_core/shared/business-time.rules';
import type { Result } from '../../_core/shared/errors';
import type { LocalCloud } from './local-cloud';

/**
 * The demo brand's co-creation, made through the real `community` function (so it obeys its rules, budgets and
 * quorum): an open flavour poll with votes, an ended colour poll whose winners are on the credits wall, an
 * adopted community rule and an open proposal, and a product panel with invited super users, a preview and
 * feedback. Runs after the scoring seed (the panel invites the 超级用户 it found).
 */
export async function seedDemoCocreate(cloud: LocalCloud, operator: string): Promise<void> {
  const call = async <T>(openid: string, action: string, input: Record<string, unknown>) => {
    const r = (await cloud.call('community', { action, input }, openid)) as Result<T>;
    if (!r.ok) throw new Error(`seed cocreate: ${action}: ${r.error.code} ${r.error.message}`);
    return r.data;
  };
  // Deadlines at 20:00 Beijing time, N business days ahead, as an operator would set them.
  const at = (days: number) => new Date(`${addDays(businessDay(cloud.clock.now()), days)}T20:00:00+08:00`).toISOString();
  const sample = (n: number) => `demo-sample-${String(n).padStart(2, '0')}`;
  const names = ['小周同学', '阿杰', '木木', '晴天', '大橙子', '一只猫', '老纪', '小鹿'];

  const bag = await call<{ pollId: string }>(operator, 'openPoll', {
    requestId: 'demo-poll-bag',
    title: '帆布袋 2027 新配色',
    description: '下一季会员帆布袋做哪个颜色？胜出配色的投票会员，署名会印在帆布袋内侧的共创标签上。',
    subject: 'colour',
    productName: '会员帆布袋',
    creditLine: '印在帆布袋内侧的共创标签上',
    options: [{ label: '燕麦米' }, { label: '雾霾蓝' }, { label: '松针绿' }],
    closesAt: at(3),
  });
  for (const [i, n] of [1, 2, 3, 4, 5, 6, 7, 8].entries()) {
    await call(sample(n), 'vote', { pollId: bag.pollId, optionId: i % 3 === 2 ? 'o3' : 'o2', creditName: names[i] });
  }
  await call(sample(9), 'vote', { pollId: bag.pollId, optionId: 'o1', creditName: null });
  await call(operator, 'closePoll', { pollId: bag.pollId });

  const flavour = await call<{ pollId: string }>(operator, 'openPoll', {
    requestId: 'demo-poll-flavour',
    title: '2027 春季限定酸奶口味',
    description: '四个候选口味都已做出小样，选出你最想喝的。超级用户和金卡会员有更多票。',
    subject: 'flavour',
    productName: '春季限定酸奶',
    creditLine: '印在春季新品吊牌上',
    options: [{ label: '樱花白桃' }, { label: '青柠薄荷' }, { label: '桂花乌龙' }, { label: '海盐荔枝' }],
    closesAt: at(10),
  });
  for (const [n, option] of [
    [2, 'o1'],
    [3, 'o3'],
    [5, 'o1'],
    [6, 'o4'],
    [10, 'o1'],
    [11, 'o3'],
    [12, 'o1'],
  ] as const) {
    await call(sample(n), 'vote', { pollId: flavour.pollId, optionId: option, creditName: null });
  }

  const rule = await call<{ ruleId: string }>(sample(11), 'proposeRule', {
    requestId: 'demo-rule-honest',
    title: '分享好物请写真实体验',
    body: '推荐产品时写自己用过的真实感受，不搬运广告文案；收到品牌赠品的请注明。',
  });
  for (const n of [1, 2, 3, 4, 5, 6, 7, 8, 9]) await call(sample(n), 'voteRule', { ruleId: rule.ruleId, stance: 'support' });
  await call(sample(10), 'voteRule', { ruleId: rule.ruleId, stance: 'oppose' });
  const open = await call<{ ruleId: string }>(sample(9), 'proposeRule', {
    requestId: 'demo-rule-sunday',
    title: '每周日晚是食谱交流时间',
    body: '周日晚上 8 点到 10 点，大家集中分享一周做过的菜，带 #私房食谱 话题。',
  });
  for (const n of [4, 12]) await call(sample(n), 'voteRule', { ruleId: open.ruleId, stance: 'support' });

  const panel = await call<{ panelId: string }>(operator, 'openPanel', {
    requestId: 'demo-panel-yogurt',
    title: '春季限定酸奶测试官',
    productName: '樱花白桃酸奶',
    description: '上市前先尝：我们寄出小样，你用一周后告诉我们口感、甜度和包装的真实感受。',
    seats: 8,
    applyUntil: at(7),
    questions: [
      { id: 'taste', kind: 'rating', label: '口感打分' },
      { id: 'sweet', kind: 'choice', label: '甜度', options: ['偏甜', '刚好', '偏淡'] },
      { id: 'note', kind: 'text', label: '一句话建议' },
    ],
  });
  await call(operator, 'invitePanel', { panelId: panel.panelId, count: 2 });
  await call(operator, 'postPreview', {
    panelId: panel.panelId,
    requestId: 'demo-preview-1',
    title: '包装抢先看',
    body: '瓶身是樱花粉到白桃色的渐变，瓶盖换成了可回收材质。小样下周寄出，请留意短信。',
  });
  for (const n of [3, 7]) await call(sample(n), 'applyPanel', { panelId: panel.panelId });
  await call(sample(7), 'panelFeedback', { panelId: panel.panelId, answers: { taste: 5, sweet: '刚好', note: '白桃香气很自然，希望有小瓶装。' } });
}
